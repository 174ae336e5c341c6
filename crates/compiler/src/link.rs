//! The linker: computes the program's closure from its entry, resolving every external call
//! to a compiled function, a runtime BIF, or nothing (`undef` at run time).
//!
//! Expects: modules and application resource files available through a [`ModuleSource`].
//! Guarantees: every function that can run is in [`Linked::functions`]; every call site's
//! target is in [`Linked::targets`]; every dynamic call site whose module or function the
//! analysis could not determine is in [`Linked::unresolved`], with the rule that stood in.
//!
//! Static calls are followed where they can run: a function's calls in code that no run can
//! reach, given the kinds of term its callers pass it, wait until a caller passes more
//! ([`narrow`]; every kind for a function code the analysis does not see can call, and for
//! every function once names are made at run time). A dynamic call site (`apply`, `erlang:apply/3`,
//! `erlang:make_fun/3`, the spawn BIFs, an OTP entry point's callback module; [`sites`])
//! reads its module and function from registers, whose values are followed back to the
//! atoms that name them ([`sites::Flows::resolve`]: inside the function, from a parameter
//! to every caller's argument, from a fun's free variable to the `make_fun` that captured
//! it). Each atom found is a target. What remains unknown — a value out of a tuple, a
//! message, a table, a call's result, a parameter of an export — is covered by a
//! fallback that depends on whose code the site is in ([`origin`]):
//!
//! - **the program's side** (the user's modules, and every application that is neither
//!   OTP's nor Elixir's, wherever it is installed): an unknown module is any module named
//!   (as an atom anywhere in reachable code, literals included, or in the application's
//!   `env`) by the site's application, the program-side applications it depends on or
//!   that depend on it, or the program; when that code makes atoms at run time
//!   (`list_to_atom`, `String.to_atom`, `Module.concat`, ...) also every module of those
//!   applications; and the modules of the rules below. A module value is an atom, and an
//!   atom exists because some code names it: the code that can hand a module to a
//!   library is the library's own, its dependencies' and its users'.
//! - **the platform** (OTP's and Elixir's applications and the runtime), whose sites were
//!   written against a fixed set of callers: an unknown module is a module passed where
//!   an OTP entry point takes a callback module ([`callback_arg`]), a program-side or
//!   client module the program's side names, and for client code (Elixir's and the
//!   runtime's) a client module client code names or an application's `env` names; a
//!   protocol's dispatch reaches the implementations consolidation chose.
//!
//! An unknown function on known modules is every export of the site's arity. An unknown
//! function on an unknown module is every `M:F` pair the code shows side by side (a tuple,
//! consecutive arguments, an application's `env`), the callbacks (`handle_*`) of the
//! behaviour modules passed to an entry point, and the exports of the program-side
//! modules of the fallback. An entry `{Key, Value}` of an application's `env` counts once
//! code can read it ([`Linker::release_env`]): code names `Key`, or the program's side
//! makes atoms or takes the whole `env`. A fun that runs only on a struct field's value
//! is linked once code can write the field ([`fields`]); a call made only on a term tagged
//! with an atom, once code outside its matcher names the atom ([`keyed`]). The `{M, F,
//! Arity}` initial-call descriptors of [`DESCRIPTOR_FUNCTIONS`] are no `M:F` evidence.
//!
//! `--link=complete` ([`LinkOptions::complete`]) adds every module of every application
//! the program reaches and of their dependencies, as a release would; `--keep` adds a
//! module's exports.
//!
//! `BEAMWASM_LINK_TRACE=1` prints the dynamic sites with what they resolved to, and what
//! the fallbacks add; `BEAMWASM_LINK_WHY` (`M:F/A,...`, `*` for the first function of every
//! module, `**` for every function) prints the chain of callers, or the rule, that made
//! each function reachable.

mod fields;
mod keyed;
mod narrow;
mod origin;
mod sites;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::{HashMap, HashSet};

use beam::{Opcode, Operand, Term};

use crate::apps::AppIndex;
use crate::bifs;
use crate::diagnostic::{Diagnostic, Mfa};
use crate::program::{FuncIdx, ModuleId, ModuleSource, Program};
use crate::protocols;
use crate::rt::Runtime;

pub use origin::{is_platform_app, Origin, ELIXIR_APPS, OTP_APPS};
use origin::{AppKey, Origins, PROGRAM};
use sites::{DynSite, Flows, Query, Resolved, SiteKind};

/// A compiled function: its module and index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FuncRef {
    /// The module.
    pub module: ModuleId,
    /// The function.
    pub func: FuncIdx,
}

/// What a call to `M:F/A` reaches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A compiled function.
    Compiled(FuncRef),
    /// A runtime function implementing a BIF, by its runtime name (`erlang:length/1`).
    Bif(String),
    /// Something the compiler generates itself (dynamic apply, the entry point).
    Intrinsic(Intrinsic),
    /// A BIF or NIF that beamwasm does not implement: reaching it raises an error naming it.
    Unsupported,
    /// No such function: reaching it raises `undef`, as on the VM.
    Undef,
}

/// Calls the compiler turns into generated code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intrinsic {
    /// `erlang:apply/2`: call a fun with a list of arguments.
    ApplyFun,
    /// `erlang:apply/3`: call `M:F` with a list of arguments.
    ApplyMfa,
    /// `beamwasm_rt:entry/1`: the program's entry function, with the argument list.
    Entry,
}

/// How much the linker keeps beyond the entry's closure.
#[derive(Clone, Debug, Default)]
pub struct LinkOptions {
    /// Keep every module of every application the program reaches, and of their
    /// dependencies (`--link=complete`), as a release would.
    pub complete: bool,
    /// Modules whose every export is kept (`--keep`).
    pub keep: Vec<String>,
    /// Functions kept as if called from the start (e.g. an application's start callback).
    pub roots: Vec<Mfa>,
}

/// A dynamic call site whose module or function the analysis could not determine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unresolved {
    /// The function the site is in.
    pub function: Mfa,
    /// The site's source file and line, when the module has a line table.
    pub location: Option<(String, u32)>,
    /// The modules it was found to call (with `None` standing for "unknown").
    pub modules: Vec<Option<String>>,
    /// The functions it was found to call (with `None` standing for "unknown").
    pub functions: Vec<Option<String>>,
    /// Its arity, when the instruction fixes it.
    pub arity: Option<u32>,
    /// Whether the site is the platform's (OTP, Elixir, the runtime).
    pub platform: bool,
    /// The rule that stood in for what is unknown.
    pub rule: String,
}

impl std::fmt::Display for Unresolved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |v: &[Option<String>]| -> String {
            let names: Vec<String> = v.iter().map(|x| x.clone().unwrap_or_else(|| "?".to_string())).collect();
            if names.len() == 1 { names.concat() } else { format!("{{{}}}", names.join(",")) }
        };
        let arity = self.arity.map_or("?".to_string(), |a| a.to_string());
        write!(f, "{}:{}/{} in {}", show(&self.modules), show(&self.functions), arity, self.function)?;
        if let Some((file, line)) = &self.location {
            write!(f, " ({file}:{line})")?;
        }
        write!(f, ": {}", self.rule)
    }
}

/// The result of linking.
pub struct Linked {
    /// The program's modules.
    pub program: Program,
    /// Every reachable function, in discovery order.
    pub functions: Vec<FuncRef>,
    /// What each external function reached from the program resolves to.
    pub targets: HashMap<Mfa, Target>,
    /// The entry function.
    pub entry: FuncRef,
    /// Whether any dynamic call (`apply`, `erlang:apply/2,3`) is reachable.
    pub dynamic: bool,
    /// Warnings about unsupported code.
    pub diagnostics: Vec<Diagnostic>,
    /// The dynamic call sites whose module or function could not be determined, the
    /// program's side first.
    pub unresolved: Vec<Unresolved>,
    /// The application resource terms the program embeds ([`crate::app_link`]).
    pub applications: Vec<Term>,
    /// `{Root, [{Name, Dir}]}`, names and directories as binaries: the code server's
    /// answers to `code:root_dir/0` and `code:lib_dir/1` ([`ModuleSource::lib_dirs`]);
    /// `{<<>>, []}` when no linked code calls `beamwasm_rt:lib_dirs/0`.
    pub lib_dirs: Term,
    /// Why each module of [`REPORTED_CHAINS`] is linked: (module, its first function or
    /// BIF linked, then what reached each step, nearest first).
    pub chains: Vec<(String, Vec<String>)>,
    /// Under `BEAMWASM_NARROW_CHECK` (empty otherwise): the call sites, as (caller,
    /// instruction index in its code), that narrowing found no run can take. The code
    /// generator makes each raise `undef` naming `beamwasm_narrowing_miss`, so a program
    /// that reaches one shows a narrowing bug even where the callee happens to be linked.
    pub dead_sites: HashSet<(Mfa, usize)>,
}

/// The modules whose reach the size report explains: those that bring the native layer's
/// C code (PCRE for `re`, zlib for `zlib`).
pub const REPORTED_CHAINS: &[&str] = &["re", "zlib"];

/// Modules the compiler always includes: the boot process and the I/O server.
pub const BOOT: (&str, &str, u32) = ("beamwasm_boot", "start", 1);

/// Module and function pairs the runtime names in terms it builds, so dynamic calls reach
/// them as if reachable code showed them side by side: the error-formatting modules a
/// failing BIF's stack frame names (`{error_info, #{module => erl_erts_errors}}`), on
/// which `Exception.message/1` and `erl_error` call `format_error/2`, and the one a failed
/// binary construction names (`function => format_bs_fail`).
const RUNTIME_MF_PAIRS: &[(&str, &str)] = &[
    ("erl_erts_errors", "format_error"),
    ("erl_erts_errors", "format_bs_fail"),
    ("erl_stdlib_errors", "format_error"),
    ("erl_kernel_errors", "format_error"),
];

/// Functions linked only when the program has the module that needs them. When a program
/// uses Elixir's `Logger`, the boot process starts kernel's logger and the `Logger`
/// application as `elixir` does (beamwasm_boot:start_logging/0, calling them by
/// `erlang:apply/3` with atoms it makes at run time, so that other programs link none of
/// it), and the default translator, which only the application's environment names. The
/// logger's handler and the Logger application's event handlers need no entry: the
/// general rules reach them (`logger:add_handler/3` takes `Logger.Handler`, whose
/// callbacks `logger_server:call_h/4` calls by the function names its callers pass, and
/// `Logger.Watcher` hands gen_event modules client code names).
const CONDITIONAL_ROOTS: &[(&str, &[(&str, &str, u32)])] = &[
    (
    "Elixir.Logger",
    &[
        ("logger_server", "start_link", 0),
        ("logger", "internal_init_logger", 0),
        ("logger", "remove_handler", 1),
        ("Elixir.Logger.App", "start", 2),
        ("gen_event", "sync_notify", 2),
        // The default translator, named only in the logger application's environment,
        // which the boot reads at run time (beamwasm_rt:applications/0).
        ("Elixir.Logger.Translator", "translate", 4),
    ],
)];

/// The TCP modules (`inet_tcp`, `inet6_tcp`) and the interface gen_tcp and inet call on
/// them. They call the module by a name found at run time: `inet_db:tcp_module/0`
/// (beamwasm_port:tcp_module/0) for the default, and the family in a socket's options
/// through `inet:tcp_module/1,2`, a lookup in a map of `inet => inet_tcp, inet6 =>
/// inet6_tcp` (`Mod:connect(...)`, `Mod:listen(...)`). With the runtime's prim_inet
/// linked, both modules' interfaces come too, so IPv6 sockets (`inet6`, an IPv6 address,
/// httpc's `{ipfamily, inet6fb4}`) find theirs.
const TCP_MODULES: &[&str] = &["inet_tcp", "inet6_tcp"];
const TCP_MODULE_INTERFACE: &[(&str, u32)] = &[
    ("connect", 3),
    ("connect", 4),
    ("listen", 2),
    ("accept", 1),
    ("accept", 2),
    ("close", 1),
    ("send", 2),
    ("send", 3),
    ("recv", 2),
    ("recv", 3),
    ("unrecv", 2),
    ("shutdown", 2),
    ("controlling_process", 2),
    ("getserv", 1),
    ("getaddr", 1),
    ("getaddr", 2),
    ("getaddrs", 1),
    ("getaddrs", 2),
    ("translate_ip", 1),
    ("family", 0),
];

/// Dynamic calls in OTP whose module comes from a list a function of the same module
/// returns, which the analysis does not follow through `lists:map/2`: (the function with
/// the call, the functions it can reach). `inets:services/0` and `services_info/0` call
/// `Module:services()` and `Service:service_info(Pid)` for each name in
/// `inets:service_names/0` (`[httpc, httpd]`).
const CALLER_ROOTS: &[((&str, &str, u32), &[(&str, &str, u32)])] = &[
    (("inets", "services", 0), &[("httpc", "services", 0), ("httpd", "services", 0)]),
    (("inets", "services_info", 0), &[("httpc", "service_info", 1), ("httpd", "service_info", 1)]),
];

/// Services the boot starts when the program reaches the code that asks them by their
/// registered name: (the function that asks, the runtime function that starts the
/// service). The boot (`beamwasm_boot`) starts a service whose module is linked.
const SERVICE_ROOTS: &[((&str, &str, u32), (&str, &str, u32))] = &[
    // file:open/2, rename/2, write_file_info/2, copy/2, ... are requests to the file
    // server (file_server_2), made through file:call/2.
    (("file", "call", 2), ("beamwasm_services", "start_file_server", 0)),
];

/// Functions that resolve to another function, as if the call named it: the port BIFs,
/// which TCP sockets and subprocesses use (their ports are driven by Erlang processes, see
/// `erl/beamwasm_port.erl` and `erl/beamwasm_spawn.erl`), and the entries of name resolution that the VM serves
/// from the `inet_db` server, the `inet_gethost` port program and a UDP socket (the host's
/// name), which the runtime answers from the host's resolver and name; and the code loader's entries, which the runtime
/// answers as a whole-program build must: no module is read or prepared at run time.
const REDIRECTS: &[((&str, &str, u32), (&str, &str, u32))] = &[
    (("erlang", "port_info", 1), ("beamwasm_port", "port_info", 1)),
    (("erlang", "port_info", 2), ("beamwasm_port", "port_info", 2)),
    (("erlang", "port_connect", 2), ("beamwasm_port", "port_connect", 2)),
    (("erlang", "port_close", 1), ("beamwasm_port", "port_close", 1)),
    (("erlang", "port_get_data", 1), ("beamwasm_port", "port_get_data", 1)),
    (("erlang", "port_set_data", 2), ("beamwasm_port", "port_set_data", 2)),
    (("erts_internal", "port_command", 3), ("beamwasm_port", "port_command", 3)),
    (("erts_internal", "open_port", 2), ("beamwasm_spawn", "open_port", 2)),
    (("inet_db", "res_option", 1), ("beamwasm_port", "res_option", 1)),
    (("inet_db", "tcp_module", 0), ("beamwasm_port", "tcp_module", 0)),
    (("inet_db", "udp_module", 0), ("beamwasm_port", "udp_module", 0)),
    (("inet_gethost_native", "gethostbyname", 2), ("beamwasm_port", "gethostbyname", 2)),
    (("inet", "gethostname", 0), ("beamwasm_port", "gethostname", 0)),
    (("inet_db", "gethostname", 0), ("beamwasm_port", "db_hostname", 0)),
    // Code loading: no module is read or prepared at run time (erl/beamwasm_services.erl).
    (("erl_prim_loader", "get_modules", 3), ("beamwasm_services", "get_modules", 3)),
    (("erlang", "prepare_loading", 2), ("beamwasm_services", "prepare_loading", 2)),
];

/// The functions `file` calls on an open raw file through its descriptor's module
/// (`#file_descriptor{module = M}`, then `M:read(Handle, N)`, ...): no call site names the
/// module, which is data the descriptor carries.
const FILE_DESCRIPTOR_INTERFACE: &[(&str, u32)] = &[
    ("close", 1),
    ("advise", 4),
    ("allocate", 3),
    ("read", 2),
    ("read_line", 1),
    ("pread", 2),
    ("pread", 3),
    ("write", 2),
    ("pwrite", 2),
    ("pwrite", 3),
    ("datasync", 1),
    ("sync", 1),
    ("position", 2),
    ("truncate", 1),
    ("copy", 3),
    ("read_handle_info", 2),
    ("ipread_s32bu_p32bu", 3),
];

/// The modules that make file descriptors, each with the function that makes one: when
/// it is linked, so is the module's [`FILE_DESCRIPTOR_INTERFACE`]. raw_file_io's layers
/// are opened through `Module:open_layer/3` over a list of module names, so opening a raw
/// file (`raw_file_io:open/2`) keeps every layer's `open_layer/3`.
const FILE_DESCRIPTOR_MODULES: &[(&str, &str, u32)] = &[
    ("prim_file", "open", 2),
    ("raw_file_io_list", "open_layer", 3),
    ("raw_file_io_compressed", "open_layer", 3),
    ("raw_file_io_delayed", "open_layer", 3),
];

/// Functions whose `{M, F, Arity}` tuples are descriptors of a process's initial call,
/// which the platform stores under `'$initial_call'` and only prints, never calls: they are
/// no evidence of an `M:F` call ([`collect_pairs`]). `proc_lib:trans_init/3` returns them
/// to `proc_lib:init_p/5`, which puts them in the process dictionary, and to
/// `translate_initial_call/1`; what reads them back (`exit_p/3`, `get_initial_call/1`,
/// `c:i/0`, Logger's translator) formats them.
const DESCRIPTOR_FUNCTIONS: &[(&str, &str, u32)] = &[("proc_lib", "trans_init", 3)];

/// Functions that return an application's whole `env` (directly, or among its other keys).
const ALL_ENV_READERS: &[(&str, &str, u32)] = &[
    ("application", "get_all_env", 0),
    ("application", "get_all_env", 1),
    ("application", "get_all_key", 0),
    ("application", "get_all_key", 1),
    ("application", "get_key", 1),
    ("application", "get_key", 2),
    ("application_controller", "get_all_env", 1),
    ("application_controller", "get_pid_all_env", 1),
    ("application_controller", "get_all_key", 1),
    ("application_controller", "get_pid_all_key", 1),
    ("application_controller", "get_key", 2),
    ("application_controller", "get_pid_key", 2),
    ("Elixir.Application", "get_all_env", 1),
    ("Elixir.Application", "spec", 1),
    ("Elixir.Application", "spec", 2),
];

/// Functions that make atoms from data at run time: code that calls one can name a
/// module no literal names.
fn makes_atoms(mfa: &Mfa) -> bool {
    matches!(
        (mfa.module.as_str(), mfa.function.as_str(), mfa.arity),
        ("erlang", "list_to_atom" | "list_to_existing_atom" | "binary_to_atom" | "binary_to_existing_atom", 1 | 2)
            | ("Elixir.String" | "Elixir.List", "to_atom" | "to_existing_atom", 1)
            | ("Elixir.Module", "concat" | "safe_concat", 1 | 2)
    )
}

/// Where a dynamic call site is, which decides the fallback for what it cannot follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Site {
    /// Client code: Elixir's applications and the runtime.
    Client,
    /// OTP's own code.
    Otp,
    /// The program's side: this application's code.
    User(AppKey),
    /// A protocol's dispatch, in the protocol's module.
    Protocol(ModuleId),
}

impl Site {
    fn is_platform(self) -> bool {
        matches!(self, Site::Client | Site::Otp | Site::Protocol(_))
    }
}

/// A dynamic site with what it resolved to in the last round.
struct SiteState {
    site: DynSite,
    at: Site,
    /// Everything its module and function registers can hold.
    module: Resolved,
    function: Resolved,
    /// Its (module, function) values by the calls they come from.
    pairs: Vec<(Resolved, Resolved)>,
}

struct Linker<'a> {
    rt: &'a Runtime,
    source: &'a mut dyn ModuleSource,
    options: &'a LinkOptions,
    program: Program,
    seen: HashSet<FuncRef>,
    order: Vec<FuncRef>,
    queue: VecDeque<FuncRef>,
    targets: HashMap<Mfa, Target>,
    diagnostics: Vec<Diagnostic>,
    /// Atoms in reachable code (protocol consolidation looks for struct names).
    atoms: HashSet<String>,
    /// Whose code each module is.
    origins: Origins,
    module_origin: HashMap<ModuleId, Origin>,
    /// The program's own modules (from its inputs).
    user_modules: HashSet<String>,
    /// The modules of the inputs and `-pa` directories that no resource file lists: the
    /// program pseudo-application's.
    program_app_modules: Vec<String>,
    input_modules: Vec<ModuleId>,
    /// Atoms each program-side application's reachable code and environment name, and
    /// whether its code makes atoms at run time.
    app_atoms: Vec<HashSet<String>>,
    app_makes_atoms: Vec<bool>,
    /// Applications whose `env` has been read.
    envs_read: HashSet<String>,
    /// `env` entries (`{Key, Value}`) no linked code can read yet, with their
    /// application's origin ([`Linker::release_env`]).
    env_pending: Vec<(Origin, String, Term)>,
    /// Whether the program's side calls one of the [`ALL_ENV_READERS`].
    reads_all_env: bool,
    /// Guarded fields ([`fields`]) reachable code can write, and the funs waiting for one.
    fields_written: HashSet<String>,
    field_pending: Vec<(&'static str, FuncRef)>,
    /// Keys of keyed calls ([`keyed`]) code outside their matchers names, and the calls
    /// waiting for one: (key, callee, caller).
    keys_named: HashSet<&'static str>,
    keyed_pending: Vec<(&'static str, Mfa, Mfa)>,
    /// Whether the program's side decodes terms (`binary_to_term`), whose atoms no code names.
    user_decodes_terms: bool,
    /// A linked platform function turns its caller's data into atoms
    /// ([`keyed::DATA_ATOM_MAKERS`]): for keyed calls it counts as the program's side making atoms.
    platform_makes_data_atoms: bool,
    /// Guarded fields named by a module's field list (`__info__/1`), and whether the
    /// program's side asks a module for it (then it can write what the list names).
    info_fields: HashSet<String>,
    user_reads_info: bool,
    /// Atoms the program's side names that name a module not OTP's: candidates for the
    /// platform's sites.
    user_side_atoms: HashSet<String>,
    /// Atoms client and program-side code name that name a module not OTP's: candidates
    /// for client sites.
    client_atoms: HashSet<String>,
    /// Protocol modules and their current implementation sets (for name → impl module).
    protocols: Vec<(ModuleId, Option<BTreeMap<String, String>>)>,
    /// Module and function atoms that occur side by side: evidence of an `M:F` call.
    mf_pairs: HashSet<(String, String)>,
    /// Atoms passed where an OTP entry point takes a callback module ([`callback_arg`]),
    /// and the modules they name.
    callback_atoms: HashSet<String>,
    callback_checked: HashSet<String>,
    callback_modules: Vec<ModuleId>,
    callback_module_set: HashSet<ModuleId>,
    /// The behaviours of the entry points to which client or program-side code passes a
    /// callback module the analysis cannot follow: every module such code names that
    /// implements one of them counts as a callback module.
    unknown_behaviours: HashSet<&'static str>,
    /// Every dynamic site of the scanned functions.
    sites: Vec<SiteState>,
    flows: Flows,
    /// Module ids of names already looked up as candidates.
    name_ids: HashMap<String, Option<ModuleId>>,
    dynamic: bool,
    entry_mfa: Mfa,
    entry_ref: Option<FuncRef>,
    /// Functions that code the scan does not see can call, with arguments it does not
    /// see: what dynamic sites reach, funs made of external functions, and the roots.
    unseen_callers: HashSet<FuncRef>,
    /// Whether `--link=complete` has added its applications.
    completed: bool,
    trace: bool,
    /// With BEAMWASM_LINK_WHY: what first reached each function (a debugging aid).
    why: Option<HashMap<FuncRef, String>>,
    /// `BEAMWASM_NARROW_CHECK`: record the call sites narrowing leaves dead.
    narrow_check: bool,
    /// The call sites (instruction index in the function) narrowing left dead, by function.
    dead_sites: HashMap<FuncRef, Vec<usize>>,
    reason: String,
    /// Applications and the functions that come with them.
    apps: crate::app_link::AppLink,
    /// What static call sites pass each function ([`narrow`]).
    narrowing: narrow::Narrowing,
    /// Set while following a static call site whose arguments [`narrow`] accounts for; any
    /// other way a function is reached opens it.
    static_call: bool,
    /// With BEAMWASM_LINK_WHY: what first reached each BIF.
    why_bif: HashMap<String, String>,
    /// BEAMWASM_LINK_NARROW=M:F/A: print what each static call site passes that function.
    narrow_trace: Option<String>,
}

/// Links the program that starts at `entry`.
pub fn link(entry: &Mfa, options: &LinkOptions, rt: &Runtime, source: &mut dyn ModuleSource) -> Result<Linked, Vec<Diagnostic>> {
    let user_modules: HashSet<String> = source.user_modules().into_iter().collect();
    let index = AppIndex::load(source);
    let program_app_modules: Vec<String> = source.path_modules().into_iter().filter(|m| index.app_of(m).is_none()).collect();
    let origins = Origins::new(index);
    let napps = origins.names.len();
    let mut l = Linker {
        rt,
        source,
        options,
        program: Program::default(),
        seen: HashSet::default(),
        order: Vec::new(),
        queue: VecDeque::new(),
        targets: HashMap::default(),
        diagnostics: Vec::new(),
        atoms: HashSet::default(),
        origins,
        module_origin: HashMap::default(),
        user_modules,
        program_app_modules,
        input_modules: Vec::new(),
        app_atoms: vec![HashSet::default(); napps],
        app_makes_atoms: vec![false; napps],
        envs_read: HashSet::default(),
        env_pending: Vec::new(),
        reads_all_env: false,
        fields_written: HashSet::default(),
        field_pending: Vec::new(),
        keys_named: HashSet::default(),
        keyed_pending: Vec::new(),
        user_decodes_terms: false,
        platform_makes_data_atoms: false,
        info_fields: HashSet::default(),
        user_reads_info: false,
        user_side_atoms: HashSet::default(),
        client_atoms: HashSet::default(),
        protocols: Vec::new(),
        mf_pairs: RUNTIME_MF_PAIRS.iter().map(|(m, f)| (m.to_string(), f.to_string())).collect(),
        callback_atoms: HashSet::default(),
        callback_checked: HashSet::default(),
        callback_modules: Vec::new(),
        callback_module_set: HashSet::default(),
        unknown_behaviours: HashSet::default(),
        sites: Vec::new(),
        flows: Flows::default(),
        name_ids: HashMap::default(),
        dynamic: false,
        entry_mfa: entry.clone(),
        entry_ref: None,
        unseen_callers: HashSet::default(),
        completed: false,
        trace: std::env::var_os("BEAMWASM_LINK_TRACE").is_some(),
        // Always recorded: the size report says why the modules that bring the native
        // layer are linked ([`REPORTED_CHAINS`]).
        why: Some(HashMap::default()),
        narrow_check: std::env::var_os("BEAMWASM_NARROW_CHECK").is_some(),
        dead_sites: HashMap::default(),
        reason: String::from("entry"),
        apps: crate::app_link::AppLink::default(),
        narrowing: narrow::Narrowing::default(),
        static_call: false,
        why_bif: HashMap::default(),
        narrow_trace: std::env::var("BEAMWASM_LINK_NARROW").ok(),
    };
    let entry_ref = match l.resolve(entry, None) {
        Target::Compiled(f) => f,
        _ => {
            let module_exists = l.program.loaded(&entry.module).is_some();
            let msg = if module_exists {
                format!("the entry function {entry} is not exported by module {}", entry.module)
            } else {
                format!("the entry module {} cannot be found", entry.module)
            };
            return Err(vec![Diagnostic::error(msg)
                .with_hint("check --entry, and give the module's .beam, its source or its directory as input")]);
        }
    };
    l.entry_ref = Some(entry_ref);
    l.unseen_callers.insert(entry_ref);
    let boot = Mfa::new(BOOT.0, BOOT.1, BOOT.2);
    if !matches!(l.resolve_unseen(&boot), Target::Compiled(_)) {
        return Err(vec![Diagnostic::error("the runtime's boot module beamwasm_boot is missing")]);
    }
    l.roots()?;
    loop {
        while let Some(f) = l.queue.pop_front() {
            if let Err(d) = l.scan(f) {
                return Err(vec![d]);
            }
        }
        if l.narrow_off() || l.renarrow() {
            continue;
        }
        match l.consolidate_protocols() {
            Ok(true) => continue,
            Ok(false) => {}
            Err(d) => return Err(vec![d]),
        }
        if l.conditional_roots() || l.application_roots() || l.release_env() || l.release_field_funs() || l.release_keyed_calls() {
            continue;
        }
        if l.dynamic && l.grow_dynamic() {
            continue;
        }
        if l.options.complete && l.complete() {
            continue;
        }
        break;
    }
    l.explain();
    let chains = l.reported_chains();
    let dead_sites: HashSet<(Mfa, usize)> = l
        .dead_sites
        .iter()
        .filter_map(|(f, sites)| Some((l.program.get(f.module)?.mfa(f.func), sites)))
        .flat_map(|(mfa, sites)| sites.iter().map(move |&i| (mfa.clone(), i)))
        .collect();
    let unresolved = l.unresolved();
    // The installation's directories are read, and embedded, only when the code server's
    // answers can be asked for.
    let asked = l.targets.contains_key(&Mfa::new("beamwasm_rt", "lib_dirs", 0));
    let (root, dirs) = if asked { l.source.lib_dirs() } else { (String::new(), Vec::new()) };
    let lib_dirs = Term::Tuple(vec![
        Term::Binary(root.into_bytes()),
        Term::list(dirs.into_iter().map(|(n, d)| Term::Tuple(vec![Term::Binary(n.into_bytes()), Term::Binary(d.into_bytes())])).collect()),
    ]);
    Ok(Linked {
        program: l.program,
        functions: l.order,
        targets: l.targets,
        entry: entry_ref,
        dynamic: l.dynamic,
        diagnostics: l.diagnostics,
        unresolved,
        applications: l.apps.applications(),
        lib_dirs,
        chains,
        dead_sites,
    })
}

impl Linker<'_> {
    /// Adds `--keep` modules' exports and the extra roots.
    fn roots(&mut self) -> Result<(), Vec<Diagnostic>> {
        for name in &self.options.keep {
            self.reason = format!("--keep {name}");
            let m = match self.program.module(name, self.source) {
                Ok(Some(m)) => m,
                Ok(None) => {
                    return Err(vec![Diagnostic::error(format!("--keep {name}: no module {name} on the code path"))
                        .with_hint("give the module as written in Erlang (`Elixir.Foo.Bar` or `foo_bar`), and its directory with -pa")])
                }
                Err(d) => return Err(vec![d]),
            };
            self.keep_exports(m);
        }
        for mfa in &self.options.roots {
            self.reason = format!("root {mfa}");
            if !matches!(self.resolve_unseen(mfa), Target::Compiled(_) | Target::Bif(_)) {
                self.diagnostics.push(
                    Diagnostic::warning(format!("the root {mfa} is not an exported function")).with_hint("calling it raises undef"),
                );
            }
        }
        Ok(())
    }

    /// Links every export of module `m`; whether anything was new.
    fn keep_exports(&mut self, m: ModuleId) -> bool {
        let before = self.order.len();
        let Some(module) = self.program.get(m) else { return false };
        let name = module.name.clone();
        let mut exports: Vec<(String, u32)> = module.exports.keys().cloned().collect();
        exports.sort();
        for (f, a) in exports {
            self.resolve_unseen(&Mfa::new(&name, &f, a));
        }
        self.order.len() > before
    }

    /// `--link=complete`: every module of every application with a module in the entry's
    /// closure, and of their dependencies, and every input module; whether anything was
    /// new.
    fn complete(&mut self) -> bool {
        // The applications are those of the entry's closure, taken once: code they call in
        // other applications is linked as called, as a release would hold only the
        // applications it names.
        if self.completed {
            return false;
        }
        self.completed = true;
        let mut apps: BTreeSet<String> = BTreeSet::new();
        let linked: BTreeSet<ModuleId> = self.order.iter().map(|f| f.module).collect();
        for &m in &linked {
            let Some(name) = self.program.get(m).map(|x| x.name.clone()) else { continue };
            if let Some(app) = self.origins.index.app_of(&name) {
                apps.extend(self.origins.index.with_dependencies(app));
            }
        }
        let mut names: Vec<String> = self.program_app_modules.clone();
        names.extend(self.user_modules.iter().cloned());
        for app in &apps {
            if let Some(a) = self.origins.index.apps.get(app) {
                names.extend(a.modules.iter().cloned());
            }
        }
        names.sort();
        names.dedup();
        let mut grew = false;
        for name in names {
            self.reason = format!("--link=complete ({})", self.origins.index.app_of(&name).unwrap_or("the program"));
            if let Ok(Some(m)) = self.program.module(&name, self.source) {
                self.module_loaded(m);
                grew |= self.keep_exports(m);
            }
        }
        grew
    }

    /// Adds the [`CONDITIONAL_ROOTS`] whose module is linked, the file descriptor
    /// interfaces of the [`FILE_DESCRIPTOR_MODULES`] that can make one, and the
    /// [`SERVICE_ROOTS`] whose asking function is linked; whether any were new.
    fn conditional_roots(&mut self) -> bool {
        let mut grew = false;
        for (trigger, roots) in CONDITIONAL_ROOTS {
            let linked = self.program.loaded(trigger).is_some_and(|m| self.order.iter().any(|f| f.module == m));
            if !linked {
                continue;
            }
            self.reason = format!("conditional root ({trigger} is linked)");
            for (m, f, a) in roots.iter() {
                let mfa = Mfa::new(m, f, *a);
                if !self.targets.contains_key(&mfa) {
                    grew |= matches!(self.resolve_unseen(&mfa), Target::Compiled(_));
                }
            }
        }
        let mut wanted: Vec<Mfa> = Vec::new();
        if self.program.loaded("prim_inet").is_some_and(|m| self.order.iter().any(|f| f.module == m)) {
            self.reason = "conditional root (prim_inet is linked)".to_string();
            for m in TCP_MODULES {
                wanted.extend(TCP_MODULE_INTERFACE.iter().map(|(f, a)| Mfa::new(m, f, *a)));
            }
        }
        if self.is_linked("raw_file_io", "open", 2) {
            wanted.extend(FILE_DESCRIPTOR_MODULES.iter().skip(1).map(|(m, f, a)| Mfa::new(m, f, *a)));
        }
        for (m, f, a) in FILE_DESCRIPTOR_MODULES {
            if self.is_linked(m, f, *a) {
                wanted.extend(FILE_DESCRIPTOR_INTERFACE.iter().map(|(f, a)| Mfa::new(m, f, *a)));
            }
        }
        for mfa in wanted {
            if !self.targets.contains_key(&mfa) {
                grew |= matches!(self.resolve_unseen(&mfa), Target::Compiled(_));
            }
        }
        for ((cm, cf, ca), roots) in CALLER_ROOTS {
            if self.is_linked(cm, cf, *ca) {
                self.reason = format!("conditional root ({cm}:{cf}/{ca} is linked)");
                for (m, f, a) in roots.iter() {
                    let mfa = Mfa::new(m, f, *a);
                    if !self.targets.contains_key(&mfa) {
                        grew |= matches!(self.resolve_unseen(&mfa), Target::Compiled(_));
                    }
                }
            }
        }
        for ((tm, tf, ta), (m, f, a)) in SERVICE_ROOTS {
            let asks = self.is_linked(tm, tf, *ta);
            let mfa = Mfa::new(m, f, *a);
            if asks && !self.targets.contains_key(&mfa) {
                grew |= matches!(self.resolve_unseen(&mfa), Target::Compiled(_));
            }
        }
        grew
    }

    /// Adds the functions [`crate::app_link`] asks for; whether any were new.
    fn application_roots(&mut self) -> bool {
        let wanted = self.apps.roots(&self.program, &self.seen, &self.order, &self.user_modules, self.source);
        self.reason = String::from("application root (app_link.rs)");
        let mut grew = false;
        for mfa in wanted {
            if !self.targets.contains_key(&mfa) {
                grew |= matches!(self.resolve(&mfa, None), Target::Compiled(_));
            }
        }
        grew
    }

    /// Whether function `m:f/a` is in the program so far.
    fn is_linked(&self, m: &str, f: &str, a: u32) -> bool {
        let Some(module) = self.program.loaded(m) else { return false };
        let Some(func) = self.program.get(module).and_then(|md| md.by_name.get(&(f.to_string(), a)).copied()) else {
            return false;
        };
        self.seen.contains(&FuncRef { module, func })
    }

    /// Whether some function of `module` is linked: compiled, or a BIF the runtime has.
    fn module_linked(&self, module: &str) -> bool {
        self.targets.iter().any(|(m, t)| m.module == module && matches!(t, Target::Compiled(_) | Target::Bif(_)))
            || self.program.loaded(module).is_some_and(|id| self.seen.iter().any(|f| f.module == id))
    }

    fn add(&mut self, f: FuncRef) {
        if !self.static_call {
            self.narrowing.open(f);
        }
        if self.seen.insert(f) {
            if let Some(why) = self.why.as_mut() {
                why.insert(f, self.reason.clone());
            }
            self.order.push(f);
            self.queue.push_back(f);
        }
    }

    /// Resolves `M:F/A` for a caller the scan does not see (a dynamic site, a root, a
    /// fun of an external function): its parameters can hold anything.
    fn resolve_unseen(&mut self, mfa: &Mfa) -> Target {
        let t = self.resolve(mfa, None);
        if let Target::Compiled(f) = t {
            self.unseen_callers.insert(f);
        }
        t
    }

    /// Resolves `M:F/A`, loading M if needed, and queues a compiled target.
    fn resolve(&mut self, mfa: &Mfa, caller: Option<&Mfa>) -> Target {
        if let Some(t) = self.targets.get(mfa) {
            let t = t.clone();
            if let (Target::Compiled(f), false) = (&t, self.static_call) {
                self.narrowing.open(*f);
            }
            return t;
        }
        let t = self.resolve_uncached(mfa, caller);
        if let Target::Compiled(f) = t {
            self.add(f);
        }
        self.targets.insert(mfa.clone(), t.clone());
        // A BIF that continues in Erlang code (the VM's BIF_TRAP) brings that code, which
        // the runtime calls with arguments no call site shows.
        if let Target::Bif(name) = &t {
            if self.why.is_some() {
                self.why_bif.insert(mfa.to_string(), self.reason.clone());
            }
            for (bif, continuations) in beamwasm_runtime::TRAPPING_BIFS {
                if bif != name {
                    continue;
                }
                let saved = std::mem::replace(&mut self.reason, format!("continuation of the trapping BIF {name}"));
                let was_static = std::mem::replace(&mut self.static_call, false);
                for (m, f, a) in continuations.iter() {
                    self.resolve(&Mfa::new(m, f, *a), Some(mfa));
                }
                self.static_call = was_static;
                self.reason = saved;
            }
        }
        t
    }

    fn resolve_uncached(&mut self, mfa: &Mfa, caller: Option<&Mfa>) -> Target {
        match (mfa.module.as_str(), mfa.function.as_str(), mfa.arity) {
            ("erlang", "apply", 2) => return Target::Intrinsic(Intrinsic::ApplyFun),
            ("erlang", "apply", 3) => return Target::Intrinsic(Intrinsic::ApplyMfa),
            ("beamwasm_rt", "entry", 1) => {
                let entry = self.entry_mfa.clone();
                return match self.resolve(&entry, caller) {
                    Target::Compiled(_) => Target::Intrinsic(Intrinsic::Entry),
                    other => other,
                };
            }
            _ => {}
        }
        if let Some((_, (m, f, a))) = REDIRECTS
            .iter()
            .find(|((m, f, a), _)| mfa.module == *m && mfa.function == *f && mfa.arity == *a)
        {
            return self.resolve(&Mfa::new(m, f, *a), caller);
        }
        let name = mfa.to_string();
        if self.rt.funcs.contains_key(&name) {
            return Target::Bif(name);
        }
        if bifs::is_bif(mfa) {
            let mut d = Diagnostic::warning(format!("the BIF {mfa} is not supported yet"))
                .in_function(mfa.clone())
                .with_hint("calling it raises an error at run time");
            if let Some(c) = caller {
                d = d.called_from(c.clone());
            }
            self.diagnostics.push(d);
            return Target::Unsupported;
        }
        let module = match self.program.module(&mfa.module, self.source) {
            Ok(Some(m)) => m,
            Ok(None) => return Target::Undef,
            Err(d) => {
                self.diagnostics.push(d);
                return Target::Undef;
            }
        };
        self.module_loaded(module);
        let Some(m) = self.program.get(module) else { return Target::Undef };
        match m.exports.get(&(mfa.function.clone(), mfa.arity)) {
            Some(&func) => Target::Compiled(FuncRef { module, func }),
            None => Target::Undef,
        }
    }

    /// The module `name`, loaded, if it exists (cached, so that names that are not
    /// modules are looked up once).
    fn module_named(&mut self, name: &str) -> Option<ModuleId> {
        if let Some(id) = self.name_ids.get(name) {
            return *id;
        }
        let id = self.program.module(name, self.source).ok().flatten();
        if let Some(m) = id {
            self.module_loaded(m);
        }
        self.name_ids.insert(name.to_string(), id);
        id
    }

    /// A newly loaded module's origin; an input module is a candidate for every dynamic
    /// site; a protocol is consolidated before its `impl_for/1` is ever scanned.
    fn module_loaded(&mut self, module: ModuleId) {
        if self.module_origin.contains_key(&module) {
            return;
        }
        let Some(name) = self.program.get(module).map(|m| m.name.clone()) else { return };
        let input = self.user_modules.contains(&name);
        let origin = self.origins.of(&name, input);
        self.module_origin.insert(module, origin);
        if input {
            self.input_modules.push(module);
        }
        let is_protocol = self.program.get(module).is_some_and(|m| protocols::protocol_of(m).is_some());
        if is_protocol && !self.protocols.iter().any(|(p, _)| *p == module) {
            self.protocols.push((module, None));
            self.reconsolidate(self.protocols.len() - 1);
        }
    }

    fn origin(&mut self, module: ModuleId) -> Origin {
        if !self.module_origin.contains_key(&module) {
            self.module_loaded(module);
        }
        self.module_origin.get(&module).copied().unwrap_or(Origin::User(PROGRAM))
    }

    /// The origin of the module an atom names, without loading it.
    fn origin_of_name(&self, name: &str) -> Origin {
        self.origins.of(name, self.user_modules.contains(name))
    }

    /// The implementations protocol `p` should dispatch to now: every built-in and `Any`
    /// implementation, and those for structs named in reachable code.
    fn wanted_impls(&mut self, p: ModuleId) -> BTreeMap<String, String> {
        let Some(name) = self.program.get(p).map(|m| m.name.clone()) else { return BTreeMap::new() };
        let prefix = format!("{name}.");
        let mut out = BTreeMap::new();
        for candidate in self.source.names_with_prefix(&prefix) {
            let Ok(Some(m)) = self.program.module(&candidate, self.source) else { continue };
            let Some((proto, for_)) = self.program.get(m).and_then(protocols::impl_of) else { continue };
            if proto != name {
                continue;
            }
            let builtin = matches!(
                for_.strip_prefix("Elixir.").unwrap_or(""),
                "Tuple" | "Atom" | "List" | "Map" | "BitString" | "Integer" | "Float" | "Function" | "PID" | "Port" | "Reference" | "Any"
            );
            if builtin || self.atoms.contains(&for_) {
                let target = self.program.get(m).and_then(protocols::impl_target).unwrap_or(candidate);
                out.insert(for_, target);
            }
        }
        out
    }

    /// Regenerates protocol `i`'s `impl_for/1` if its implementation set changed; true if
    /// it did (the function is then scanned again).
    fn reconsolidate(&mut self, i: usize) -> bool {
        let Some((p, current)) = self.protocols.get(i).cloned() else { return false };
        let wanted = self.wanted_impls(p);
        if current.as_ref() == Some(&wanted) {
            return false;
        }
        if self.trace {
            let name = self.program.get(p).map_or("?", |m| m.name.as_str());
            eprintln!("link: consolidate {name}: {:?}", wanted.keys().collect::<Vec<_>>());
        }
        let Some(m) = self.program.modules.get_mut(p) else { return false };
        let Some(proto) = protocols::protocol_of(m) else { return false };
        if !protocols::consolidate(m, &proto, &wanted) {
            return false;
        }
        let impl_for = m.by_name.get(&("impl_for".to_string(), 1)).copied();
        if let Some(entry) = self.protocols.get_mut(i) {
            entry.1 = Some(wanted);
        }
        if let Some(func) = impl_for {
            let f = FuncRef { module: p, func };
            if self.seen.contains(&f) {
                self.queue.push_back(f);
            }
        }
        true
    }

    /// Brings every protocol's dispatch up to date with the atoms seen so far.
    fn consolidate_protocols(&mut self) -> Result<bool, Diagnostic> {
        let mut changed = false;
        for i in 0..self.protocols.len() {
            changed |= self.reconsolidate(i);
        }
        Ok(changed)
    }

    /// Reads application `app`'s `env` the first time its code is linked. Each entry
    /// `{Key, Value}` waits in [`Linker::env_pending`] until code can read it
    /// ([`Linker::release_env`]); what is not such an entry is read at once.
    fn read_env(&mut self, origin: Origin, module: &str) {
        let Some(app) = self.origins.index.app_of(module).map(str::to_string) else { return };
        if !self.envs_read.insert(app.clone()) || origin == Origin::Otp {
            return;
        }
        let Some(a) = self.origins.index.apps.get(&app) else { return };
        let mut start = Vec::new();
        if let Some((m, _)) = &a.start_module {
            start.push(m.clone());
        }
        let entries: Vec<Term> = match &a.env {
            Term::List { elems, tail } if matches!(**tail, Term::Nil) => elems.clone(),
            Term::Nil => Vec::new(),
            other => vec![other.clone()],
        };
        self.note_atoms(origin, &start);
        for e in entries {
            let key = match &e {
                Term::Tuple(kv) => match kv.as_slice() {
                    [Term::Atom(k), _] => Some(k.clone()),
                    _ => None,
                },
                _ => None,
            };
            match key {
                Some(k) => self.env_pending.push((origin, k, e)),
                None => self.use_env_entry(origin, &e),
            }
        }
    }

    /// Takes in an application `env` entry that code can read: the atoms in it are named
    /// by the application (`application:get_env/2` returns them), and the pairs in it are
    /// `M:F` pairs (`{dbg_callback, {'Elixir.Macro', dbg, []}}`).
    fn use_env_entry(&mut self, origin: Origin, entry: &Term) {
        let mut atoms = Vec::new();
        let mut funs = Vec::new();
        collect_term(entry, &mut atoms, &mut funs);
        self.note_keys(&atoms, None);
        let mut pairs = Vec::new();
        literal_pairs(entry, &mut pairs);
        self.mf_pairs.extend(pairs);
        self.note_atoms(origin, &atoms);
        for f in funs {
            self.resolve_unseen(&f);
        }
    }

    /// Takes in the pending `env` entries that code can now read; whether any were.
    ///
    /// An entry `{Key, Value}` is read by `application:get_env(App, Key)` and its kin, so
    /// by code that holds the atom `Key`: code that names it or, when the program's side
    /// makes atoms at run time, any key. The program's side can also take the whole list
    /// ([`ALL_ENV_READERS`]) and use every value alike: then every entry is read. The
    /// platform's code that takes the whole list (`Exception.format_application/1` asks
    /// `application:get_key(App, vsn)`, whose `env` clause returns it) picks from it by
    /// key, or not at all. Until an entry is read no code can obtain its value, so the
    /// modules and `M:F` pairs in it are not evidence of a call: Elixir's
    /// `{dbg_callback, {Macro, dbg, []}}` is read only by `Kernel.dbg/2`'s expansion, at
    /// compile time.
    fn release_env(&mut self) -> bool {
        if self.env_pending.is_empty() {
            return false;
        }
        let all = self.reads_all_env || self.app_makes_atoms.iter().any(|&b| b);
        let pending = std::mem::take(&mut self.env_pending);
        let (now, later): (Vec<_>, Vec<_>) = pending.into_iter().partition(|(_, k, _)| all || self.atoms.contains(k));
        self.env_pending = later;
        if now.is_empty() {
            return false;
        }
        let before = (self.order.len(), self.mf_pairs.len(), self.client_atoms.len(), self.user_side_atoms.len());
        self.reason = String::from("application env");
        for (origin, _, e) in now {
            self.use_env_entry(origin, &e);
        }
        before != (self.order.len(), self.mf_pairs.len(), self.client_atoms.len(), self.user_side_atoms.len())
    }

    /// Links the funs of [`fields::FIELD_GUARDED_FUNS`] whose field reachable code can now
    /// write, or all of them once the program's side makes atoms or decodes terms, or code
    /// is evaluated at run time; whether any were new.
    fn release_field_funs(&mut self) -> bool {
        if self.field_pending.is_empty() {
            return false;
        }
        let evaluates = self.program.loaded("erl_eval").is_some_and(|m| self.order.iter().any(|f| f.module == m));
        let all = evaluates || self.user_decodes_terms || self.app_makes_atoms.iter().any(|&b| b);
        let pending = std::mem::take(&mut self.field_pending);
        let info = self.user_reads_info;
        let (now, later): (Vec<_>, Vec<_>) = pending.into_iter().partition(|(field, _)| {
            all || self.fields_written.contains(*field) || (info && self.info_fields.contains(*field))
        });
        self.field_pending = later;
        if self.trace {
            eprintln!("link: guarded funs: {} released, {} waiting (all: {all})", now.len(), self.field_pending.len());
        }
        self.reason = String::from("a guarded field is written (link/fields.rs)");
        let before = self.order.len();
        for (_, f) in now {
            self.add(f);
        }
        self.order.len() > before
    }

    /// Records the keys of [`keyed::KEYED_CALLS`] among the atoms that `function` names (or,
    /// with `None`, a readable `env` entry), unless the function is the key's matcher.
    fn note_keys(&mut self, atoms: &[String], function: Option<&Mfa>) {
        for a in atoms {
            if !keyed::is_key(a) {
                continue;
            }
            if function.is_some_and(|f| keyed::is_matcher(a, &f.module, &f.function, f.arity)) {
                continue;
            }
            if let Some(k) = keyed::KEYED_CALLS.iter().map(|g| g.2).find(|k| k == a) {
                if self.keys_named.insert(k) && self.trace {
                    let by = function.map_or("an application env entry".to_string(), |f| f.to_string());
                    eprintln!("link: key {k} first named by {by}");
                }
            }
        }
    }

    /// Follows the keyed calls ([`keyed`]) whose key code now names, or all of them once
    /// the program's side makes atoms or decodes terms, or code is evaluated or terms are
    /// read from text at run time; whether anything was new.
    fn release_keyed_calls(&mut self) -> bool {
        if self.keyed_pending.is_empty() {
            return false;
        }
        let evaluates = self.program.loaded("erl_eval").is_some_and(|m| self.order.iter().any(|f| f.module == m));
        let reads_text = keyed::TEXT_READERS.iter().any(|&(m, f, a)| self.is_linked(m, f, a));
        let all = evaluates
            || reads_text
            || self.user_decodes_terms
            || self.platform_makes_data_atoms
            || self.app_makes_atoms.iter().any(|&b| b);
        let pending = std::mem::take(&mut self.keyed_pending);
        for &(key, module) in keyed::KEY_MODULES {
            if !self.keys_named.contains(key) && self.module_linked(module) {
                if self.trace {
                    eprintln!("link: key {key} built: a function of {module} is linked");
                }
                self.keys_named.insert(key);
            }
        }
        let (now, later): (Vec<_>, Vec<_>) = pending.into_iter().partition(|(key, _, _)| all || self.keys_named.contains(key));
        self.keyed_pending = later;
        if self.trace {
            eprintln!("link: keyed calls: {} released, {} waiting (all: {all})", now.len(), self.keyed_pending.len());
        }
        let before = self.order.len();
        for (key, callee, caller) in now {
            self.reason = format!("{caller} (its key {key} can be built, link/keyed.rs)");
            self.resolve(&callee, Some(&caller));
        }
        self.order.len() > before
    }

    /// Records the atoms code of `origin` names.
    fn note_atoms(&mut self, origin: Origin, atoms: &[String]) {
        if origin == Origin::Otp {
            return;
        }
        for a in atoms {
            let o = self.origin_of_name(a);
            if o != Origin::Otp {
                self.client_atoms.insert(a.clone());
                if let Origin::User(_) = origin {
                    self.user_side_atoms.insert(a.clone());
                }
            }
        }
        if let Origin::User(k) = origin {
            if let Some(set) = self.app_atoms.get_mut(k) {
                set.extend(atoms.iter().cloned());
            }
        }
    }

    /// Scans one function for everything it can reach.
    fn scan(&mut self, f: FuncRef) -> Result<(), Diagnostic> {
        let origin = self.origin(f.module);
        let site = self.site_of(f, origin);
        let Some(m) = self.program.get(f.module) else { return Ok(()) };
        let Some(func) = m.functions.get(f.func) else { return Ok(()) };
        let caller = m.mfa(f.func);
        if self.why.is_some() {
            self.reason = caller.to_string();
        }
        let code = m.beam.code.instructions.get(func.start..func.end).unwrap_or_default();
        let mut externals: Vec<Mfa> = Vec::new();
        let mut bif_calls: Vec<Mfa> = Vec::new();
        let mut lambdas: Vec<u32> = Vec::new();
        let mut atoms: Vec<String> = Vec::new();
        let mut literal_funs: Vec<Mfa> = Vec::new();
        let mut pairs: Vec<(String, String)> = Vec::new();
        // The atoms moved into x registers since the last call, for argument pairs.
        let mut x_atoms: HashMap<u32, String> = HashMap::default();
        let mut written: HashSet<String> = HashSet::default();
        let descriptors = DESCRIPTOR_FUNCTIONS.iter().any(|&(dm, df, da)| caller.module == dm && caller.function == df && caller.arity == da);
        for ins in code {
            if !descriptors {
                collect_pairs(m, ins, &mut x_atoms, &mut pairs);
            }
            fields::written_fields(m, ins.op, &ins.args, &mut written);
            match (ins.op, ins.args.as_slice()) {
                (Opcode::CallExt | Opcode::CallExtLast | Opcode::CallExtOnly, [_, Operand::Unsigned(imp), ..]) => {
                    if let Some(mfa) = m.import(*imp as u32) {
                        externals.push(mfa);
                    }
                }
                (Opcode::Bif0 | Opcode::Bif1 | Opcode::Bif2 | Opcode::GcBif1 | Opcode::GcBif2 | Opcode::GcBif3, args) => {
                    let imp = match ins.op {
                        Opcode::Bif0 => args.first(),
                        Opcode::Bif1 | Opcode::Bif2 => args.get(1),
                        _ => args.get(2),
                    };
                    if let Some(Operand::Unsigned(imp)) = imp {
                        if let Some(mfa) = m.import(*imp as u32) {
                            bif_calls.push(mfa.clone());
                            externals.push(mfa);
                        }
                    }
                }
                (Opcode::MakeFun2, [Operand::Unsigned(idx)]) | (Opcode::MakeFun3, [Operand::Unsigned(idx), ..]) => {
                    lambdas.push(*idx as u32)
                }
                _ => {}
            }
            for a in &ins.args {
                collect_operand(m, a, &mut atoms, &mut literal_funs);
            }
        }
        let found = sites::sites_in(m, f, code, &|c: &Mfa| (callback_arg(c), entry_behaviours(c)));
        self.flows.note_calls(m, f, code);
        // Funs: called with arguments no call site shows.
        let mut local_funcs: Vec<FuncIdx> = Vec::new();
        for idx in lambdas {
            let Some(lambda) = m.beam.lambdas.get(idx as usize) else {
                return Err(Diagnostic::error(format!("fun #{idx} is not in the fun table")).in_function(caller));
            };
            if let Some(&func) = m.label_function.get(&lambda.label) {
                let fun = m.mfa(func);
                match fields::guard_of(&m.name, &caller.function, &fun.function, fun.arity) {
                    Some(field) if !self.fields_written.contains(field) => {
                        self.field_pending.push((field, FuncRef { module: f.module, func }))
                    }
                    _ => local_funcs.push(func),
                }
            }
        }
        let module_name = m.name.clone();
        let creates_atoms = externals.iter().any(makes_atoms);
        if creates_atoms && !matches!(origin, Origin::User(_)) && keyed::DATA_ATOM_MAKERS.contains(&m.name.as_str()) {
            self.platform_makes_data_atoms = true;
        }
        if matches!(origin, Origin::User(_)) {
            // What the program's side (not the platform's) does that widens what it can
            // reach: decode terms, ask a module for its fields, take an application's whole env.
            self.user_decodes_terms =
                self.user_decodes_terms || externals.iter().any(|e| e.module == "erlang" && e.function == "binary_to_term");
            self.user_reads_info = self.user_reads_info
                || atoms.iter().any(|a| a == "__info__")
                || externals.iter().any(|e| e.function == "__info__");
            self.reads_all_env = self.reads_all_env
                || externals.iter().any(|e| ALL_ENV_READERS.iter().any(|&(m, f, a)| e.module == m && e.function == f && e.arity == a));
        }
        if self.trace {
            for w in written.iter().filter(|w| !self.fields_written.contains(*w)) {
                eprintln!("link: field {w} first written by {caller}");
            }
        }
        if caller.function == "__info__" && caller.arity == 1 {
            // A struct's field list (`__info__(:struct)`): names fields for code that asks.
            self.info_fields.extend(written);
        } else {
            self.fields_written.extend(written);
        }
        for func in local_funcs {
            self.add(FuncRef { module: f.module, func });
        }
        self.note_keys(&atoms, Some(&caller));
        for mfa in bif_calls {
            self.resolve(&mfa, Some(&caller));
        }
        for mfa in &externals {
            let callee = (mfa.module.as_str(), mfa.function.as_str(), mfa.arity);
            match keyed::key_of((caller.module.as_str(), caller.function.as_str(), caller.arity), callee) {
                Some(key) if !self.keys_named.contains(key) => self.keyed_pending.push((key, mfa.clone(), caller.clone())),
                Some(_) => {
                    self.resolve(mfa, Some(&caller));
                }
                None => {}
            }
        }
        self.follow_calls(f);
        for mfa in literal_funs {
            self.resolve_unseen(&mfa);
        }
        self.read_env(origin, &module_name);
        if let Origin::User(k) = origin {
            if creates_atoms {
                if let Some(flag) = self.app_makes_atoms.get_mut(k) {
                    *flag = true;
                }
            }
        }
        self.note_atoms(origin, &atoms);
        self.atoms.extend(atoms);
        self.mf_pairs.extend(pairs);
        for s in found {
            if matches!(s.kind, SiteKind::Call { .. }) {
                self.dynamic = true;
            }
            self.sites.push(SiteState { site: s, at: site, module: Resolved::default(), function: Resolved::default(), pairs: Vec::new() });
        }
        Ok(())
    }

    /// Follows the calls of `f` (local, and external but for the keyed ones) that can run
    /// given what its callers pass it ([`narrow`]), and passes each callee what the call
    /// gives it. Called again whenever what `f`'s callers pass it grows.
    fn follow_calls(&mut self, f: FuncRef) {
        let Some(m) = self.program.get(f.module) else { return };
        let Some(func) = m.functions.get(f.func) else { return };
        let caller = m.mfa(f.func);
        let code = m.beam.code.instructions.get(func.start..func.end).unwrap_or_default();
        let params = self.narrowing.params_of(f, func.arity);
        let outcome = narrow::analyse(m, func, code, &params);
        enum Callee {
            Local(FuncIdx),
            External(Mfa),
        }
        let mut calls: Vec<(Callee, Option<Vec<narrow::Kinds>>)> = Vec::new();
        let mut dead = 0;
        let mut dead_sites: Vec<usize> = Vec::new();
        for (i, ins) in code.iter().enumerate() {
            let callee = match (ins.op, ins.args.as_slice()) {
                (Opcode::Call | Opcode::CallLast | Opcode::CallOnly, [_, Operand::Label(l), ..]) => {
                    m.label_function.get(l).map(|&fi| Callee::Local(fi))
                }
                (Opcode::CallExt | Opcode::CallExtLast | Opcode::CallExtOnly, [_, Operand::Unsigned(imp), ..]) => {
                    m.import(*imp as u32).map(Callee::External)
                }
                _ => None,
            };
            let Some(callee) = callee else { continue };
            let args = match &outcome {
                Some(o) if !o.is_live(i) => None,
                Some(o) => Some(o.args.get(&i).cloned().unwrap_or_default()),
                None => Some(vec![narrow::ALL; narrow::call_arity(ins).unwrap_or(0) as usize]),
            };
            if args.is_none() {
                dead += 1;
                dead_sites.push(i);
                // A local function is emitted even when no live call reaches it (its
                // caller's code is), and then runs for no caller.
                if !matches!(callee, Callee::Local(_)) {
                    continue;
                }
            }
            calls.push((callee, args));
        }
        self.narrowing.analysed(f);
        if dead > 0 {
            self.narrowing.dead_calls.insert(f, dead);
        } else {
            self.narrowing.dead_calls.remove(&f);
        }
        if self.narrow_check {
            if dead_sites.is_empty() {
                self.dead_sites.remove(&f);
            } else {
                self.dead_sites.insert(f, dead_sites);
            }
        }
        if self.why.is_some() {
            self.reason = caller.to_string();
        }
        let key_of = |mfa: &Mfa| keyed::key_of((caller.module.as_str(), caller.function.as_str(), caller.arity), (mfa.module.as_str(), mfa.function.as_str(), mfa.arity));
        for (callee, args) in calls {
            self.static_call = true;
            let target = match callee {
                Callee::Local(fi) => {
                    let g = FuncRef { module: f.module, func: fi };
                    self.add(g);
                    Some(g)
                }
                Callee::External(mfa) if key_of(&mfa).is_some() => None,
                Callee::External(mfa) => match self.resolve(&mfa, Some(&caller)) {
                    Target::Compiled(g) => Some(g),
                    _ => None,
                },
            };
            self.static_call = false;
            if let (Some(g), Some(args)) = (target, args) {
                if let Some(q) = &self.narrow_trace {
                    let name = self.program.get(g.module).map(|m| m.mfa(g.func).to_string()).unwrap_or_default();
                    if *q == name {
                        eprintln!("link: narrow: {caller} passes {name} {args:?}");
                    }
                }
                self.narrowing.pass(g, &args);
            }
        }
    }

    /// Follows again the calls of the functions whose callers now pass them more; whether
    /// there were any.
    fn renarrow(&mut self) -> bool {
        let mut any = false;
        while let Some(f) = self.narrowing.next_dirty() {
            any = true;
            self.follow_calls(f);
        }
        any
    }

    /// Turns narrowing off once code can reach functions by names made at run time, under
    /// the conditions of [`keyed`] (the program's side makes atoms or decodes terms, code is
    /// evaluated or terms are read from text): a dynamic call can then reach any linked
    /// export with any arguments. Whether it was turned off now.
    fn narrow_off(&mut self) -> bool {
        if self.narrowing.is_off() {
            return false;
        }
        let evaluates = self.program.loaded("erl_eval").is_some_and(|m| self.order.iter().any(|f| f.module == m));
        let reads_text = keyed::TEXT_READERS.iter().any(|&(m, f, a)| self.is_linked(m, f, a));
        if evaluates || reads_text || self.user_decodes_terms || self.app_makes_atoms.iter().any(|&b| b) {
            if self.trace {
                eprintln!("link: narrowing off (names made at run time)");
            }
            self.narrowing.turn_off();
            return true;
        }
        false
    }

    /// Where a dynamic call site in `f` is, which decides the fallback for what it cannot
    /// follow.
    fn site_of(&self, f: FuncRef, origin: Origin) -> Site {
        let is_protocol = self.program.get(f.module).is_some_and(|m| protocols::protocol_of(m).is_some());
        match origin {
            _ if is_protocol => Site::Protocol(f.module),
            Origin::Client => Site::Client,
            Origin::Otp => Site::Otp,
            Origin::User(k) => Site::User(k),
        }
    }

    /// The modules a set of atoms names (loading them).
    fn modules_of<'s>(&mut self, names: impl IntoIterator<Item = &'s String>) -> Vec<ModuleId> {
        let mut out = Vec::new();
        for n in names {
            if let Some(m) = self.module_named(n) {
                out.push(m);
            }
        }
        out
    }

    /// The modules an unknown module at a site of `at` can be (see the module header).
    fn fallback_modules(&mut self, at: Site, cache: &mut HashMap<Site, Vec<ModuleId>>) -> Vec<ModuleId> {
        if let Some(v) = cache.get(&at) {
            return v.clone();
        }
        let mut set: BTreeSet<ModuleId> = BTreeSet::new();
        match at {
            Site::Protocol(p) => {
                let impls: Vec<String> = self
                    .protocols
                    .iter()
                    .find(|(q, _)| *q == p)
                    .and_then(|(_, s)| s.as_ref())
                    .map(|s| s.values().cloned().collect())
                    .unwrap_or_default();
                set.extend(self.modules_of(impls.iter()));
            }
            Site::Otp | Site::Client | Site::User(_) => {
                set.extend(self.callback_modules.iter().copied());
                set.extend(self.input_modules.iter().copied());
                let user_named: Vec<String> = self.user_side_atoms.iter().cloned().collect();
                set.extend(self.modules_of(user_named.iter()));
                if at != Site::Otp {
                    let client: Vec<String> = self.client_atoms.iter().cloned().collect();
                    set.extend(self.modules_of(client.iter()));
                }
                if let Site::User(k) = at {
                    for j in self.origins.scope(k) {
                        let named: Vec<String> = self.app_atoms.get(j).map(|s| s.iter().cloned().collect()).unwrap_or_default();
                        set.extend(self.modules_of(named.iter()));
                        if self.app_makes_atoms.get(j).copied().unwrap_or(false) {
                            let all = if j == PROGRAM { self.program_app_modules.clone() } else { self.origins.modules(j) };
                            set.extend(self.modules_of(all.iter()));
                        }
                    }
                }
            }
        }
        let v: Vec<ModuleId> = set.into_iter().collect();
        cache.insert(at, v.clone());
        v
    }

    /// Re-resolves every dynamic site and adds what it can reach; true if anything was
    /// added.
    fn grow_dynamic(&mut self) -> bool {
        let before = (self.order.len(), self.unseen_callers.len());
        // What each site's registers can hold: a callback site's module, a call site's
        // module and function, in pairs that come from the same calls.
        let mut queries = Vec::new();
        for s in &self.sites {
            if let SiteKind::Callback { x, .. } = s.site.kind {
                queries.push(Query { func: s.site.func, at: s.site.at, pos: x });
            }
        }
        let mut values = self.flows.resolve(&self.program, &queries, &self.unseen_callers).into_iter();
        for i in 0..self.sites.len() {
            let Some(s) = self.sites.get(i) else { continue };
            let (func, at) = (s.site.func, s.site.at);
            let pairs = match s.site.kind {
                SiteKind::Call { m, f, .. } => self.flows.resolve_pair(&self.program, func, at, m, f, &self.unseen_callers),
                SiteKind::Callback { .. } => vec![(values.next().unwrap_or_default(), Resolved::default())],
            };
            let (mut mv, mut fv) = (Resolved::default(), Resolved::default());
            for (m, f) in &pairs {
                mv.atoms.extend(m.atoms.iter().cloned());
                mv.unknown |= m.unknown;
                fv.atoms.extend(f.atoms.iter().cloned());
                fv.prefixes.extend(f.prefixes.iter().cloned());
                fv.unknown |= f.unknown;
            }
            if let Some(s) = self.sites.get_mut(i) {
                s.module = mv;
                s.function = fv;
                s.pairs = pairs;
            }
        }
        // Callback modules handed to the entry points.
        let mut names_all: Vec<FuncRef> = Vec::new();
        for s in &self.sites {
            if let SiteKind::Callback { behaviours, .. } = s.site.kind {
                self.callback_atoms.extend(s.module.atoms.iter().cloned());
                if s.module.unknown {
                    names_all.push(s.site.func);
                    if s.at != Site::Otp {
                        self.unknown_behaviours.extend(behaviours.iter().copied());
                    }
                }
            }
        }
        // A callback module the analysis cannot follow is any atom the calling function
        // names.
        for f in names_all {
            let Some(m) = self.program.get(f.module) else { continue };
            let Some(func) = m.functions.get(f.func) else { continue };
            let code = m.beam.code.instructions.get(func.start..func.end).unwrap_or_default();
            let mut atoms = Vec::new();
            let mut funs = Vec::new();
            for ins in code {
                for a in &ins.args {
                    collect_operand(m, a, &mut atoms, &mut funs);
                }
            }
            self.callback_atoms.extend(atoms);
        }
        let fresh: Vec<String> = self.callback_atoms.difference(&self.callback_checked).cloned().collect();
        for a in fresh {
            self.callback_checked.insert(a.clone());
            if let Some(m) = self.module_named(&a) {
                if self.callback_module_set.insert(m) {
                    self.callback_modules.push(m);
                }
            }
        }
        // In client and program-side code, a module handed to an entry point that the
        // analysis cannot follow (Logger.Watcher hands gen_event the handler module its
        // supervisor's child spec gave it) is also one of the modules such code names that
        // implements the entry point's behaviour.
        if !self.unknown_behaviours.is_empty() {
            let named: Vec<String> = self.client_atoms.iter().cloned().collect();
            for m in self.modules_of(named.iter()) {
                if self.callback_module_set.contains(&m) {
                    continue;
                }
                let Some(module) = self.program.get(m) else { continue };
                if behaviours(module).iter().any(|b| self.unknown_behaviours.contains(b.as_str())) {
                    let name = module.name.clone();
                    self.callback_module_set.insert(m);
                    self.callback_modules.push(m);
                    self.callback_checked.insert(name.clone());
                    self.callback_atoms.insert(name);
                }
            }
        }
        // What each call site reaches.
        let mut add: Vec<(Mfa, &'static str)> = Vec::new();
        let mut cache: HashMap<Site, Vec<ModuleId>> = HashMap::default();
        let mut pairs_wanted = false;
        let mut handle_arities: BTreeSet<u32> = BTreeSet::new();
        let calls: Vec<(Site, FuncRef, Option<u32>, Resolved, Resolved)> = self
            .sites
            .iter()
            .filter_map(|s| match s.site.kind {
                SiteKind::Call { arity, .. } => Some(s.pairs.iter().map(move |(m, f)| (s.at, s.site.func, arity, m.clone(), f.clone()))),
                SiteKind::Callback { .. } => None,
            })
            .flatten()
            .collect();
        for (at, func, arity, mv, fv) in calls {
            let caller = self.program.get(func.module).map(|m| m.mfa(func.func));
            let gated = |module: &str| {
                caller.as_ref().and_then(|c| keyed::site_gate((c.module.as_str(), c.function.as_str(), c.arity), module))
            };
            let atoms: Vec<String> = mv
                .atoms
                .iter()
                .filter(|a| gated(a.as_str()).is_none_or(|(m, f, a)| self.is_linked(m, f, a)))
                .cloned()
                .collect();
            let known = self.modules_of(atoms.iter());
            for &m in &known {
                self.functions_of(m, &fv, arity, "module", &mut add);
            }
            if !mv.unknown {
                continue;
            }
            let fb = self.fallback_modules(at, &mut cache);
            let named = Resolved { atoms: fv.atoms.clone(), prefixes: fv.prefixes.clone(), unknown: false };
            for &m in &fb {
                self.functions_of(m, &named, arity, "fallback", &mut add);
            }
            if fv.unknown {
                pairs_wanted = true;
                handle_arities.extend(arity);
                // The program side's own modules are each site's to call by any name.
                for &m in &fb {
                    let own = matches!(self.module_origin.get(&m), Some(Origin::User(_)));
                    if own && (matches!(at, Site::User(_)) || self.input_modules.contains(&m)) {
                        self.functions_of(m, &fv, arity, "fallback (any function)", &mut add);
                    }
                }
            }
        }
        if pairs_wanted {
            self.pair_targets(&handle_arities, &mut add);
        }
        self.reason = String::from("dynamic");
        for (mfa, kind) in add {
            if self.trace && !self.targets.contains_key(&mfa) {
                eprintln!("link: dynamic ({kind}) {mfa}");
            }
            if self.why.is_some() {
                self.reason = format!("dynamic ({kind})");
            }
            self.resolve_unseen(&mfa);
        }
        if self.trace {
            eprintln!("link: dynamic round: {} sites, {} functions, {} reached dynamically", self.sites.len(), self.order.len(), self.unseen_callers.len());
        }
        (self.order.len(), self.unseen_callers.len()) != before
    }

    /// The functions of module `m` a site calls: the named ones, of the site's arity if
    /// it has one, and every export of that arity when the function is unknown.
    fn functions_of(&self, m: ModuleId, fv: &Resolved, arity: Option<u32>, kind: &'static str, add: &mut Vec<(Mfa, &'static str)>) {
        let Some(module) = self.program.get(m) else { return };
        let fits = |a: u32| arity.is_none_or(|n| n == a);
        if fv.unknown {
            for (name, a) in module.exports.keys() {
                if fits(*a) {
                    add.push((Mfa::new(&module.name, name, *a), kind));
                }
            }
            return;
        }
        for p in &fv.prefixes {
            for (name, a) in module.exports.keys() {
                if name.starts_with(p.as_str()) && fits(*a) {
                    add.push((Mfa::new(&module.name, name, *a), kind));
                }
            }
        }
        for f in &fv.atoms {
            match arity {
                Some(a) => {
                    if module.exports.contains_key(&(f.clone(), a)) {
                        add.push((Mfa::new(&module.name, f, a), kind));
                    }
                }
                None => {
                    for (name, a) in module.exports.keys() {
                        if name == f {
                            add.push((Mfa::new(&module.name, name, *a), kind));
                        }
                    }
                }
            }
        }
    }

    /// For sites whose module and function are both unknown: every `M:F` the code shows as
    /// a pair, and the `handle_*` callbacks (and a gen_statem's state functions) of the
    /// behaviour modules passed to an entry point, of the sites' arities.
    fn pair_targets(&mut self, arities: &BTreeSet<u32>, add: &mut Vec<(Mfa, &'static str)>) {
        let mut pairs: Vec<(String, String)> = self.mf_pairs.iter().cloned().collect();
        pairs.sort();
        for (mname, fname) in pairs {
            let Some(m) = self.module_named(&mname) else { continue };
            let Some(module) = self.program.get(m) else { continue };
            for (name, arity) in module.exports.keys() {
                if *name == fname {
                    add.push((Mfa::new(&mname, name, *arity), "pair"));
                }
            }
        }
        // A behaviour's callbacks are called through sites that take the function from a
        // parameter (gen_server:try_dispatch/4 calls Mod:Func(Msg, State), its callers
        // passing handle_cast or handle_info).
        for &m in &self.callback_modules {
            let Some(module) = self.program.get(m) else { continue };
            if !implements_behaviour(module) {
                continue;
            }
            // A gen_statem in state_functions mode is called as Module:State/3, the
            // state being any name its callbacks return: every export of arity 3.
            let statem = declares_behaviour(module, "gen_statem");
            for (name, arity) in module.exports.keys() {
                if arities.contains(arity) && (name.starts_with("handle_") || (statem && *arity == 3)) {
                    add.push((Mfa::new(&module.name, name, *arity), "handle_"));
                }
            }
        }
    }

    /// The dynamic sites whose module or function is unknown, the program's side first.
    fn unresolved(&self) -> Vec<Unresolved> {
        let mut out: Vec<Unresolved> = Vec::new();
        for s in &self.sites {
            let (arity, fv) = match s.site.kind {
                SiteKind::Call { arity, .. } => (arity, &s.function),
                SiteKind::Callback { .. } => continue,
            };
            if !s.module.unknown && !fv.unknown {
                continue;
            }
            let Some(m) = self.program.get(s.site.func.module) else { continue };
            let show = |r: &Resolved| -> Vec<Option<String>> {
                let mut v: Vec<Option<String>> = r.atoms.iter().cloned().map(Some).collect();
                v.extend(r.prefixes.iter().map(|p| Some(format!("{p}*"))));
                if r.unknown {
                    v.push(None);
                }
                v
            };
            let app = match s.at {
                Site::User(k) if k != PROGRAM => self.origins.names.get(k).cloned().unwrap_or_default(),
                _ => "the program".to_string(),
            };
            let rule = match (s.at, s.module.unknown, fv.unknown) {
                (Site::Protocol(_), _, _) => "the protocol's consolidated implementations".to_string(),
                (Site::User(_), true, false) => format!("any module {app} or the code around it names"),
                (Site::User(_), true, true) => format!("M:F pairs, and any export of the program-side modules {app} or the code around it names"),
                (_, false, _) => "any export of the module".to_string(),
                (_, true, false) => "callback modules, and the modules client and program code name".to_string(),
                (_, true, true) => "M:F pairs and behaviour callbacks".to_string(),
            };
            out.push(Unresolved {
                function: m.mfa(s.site.func.func),
                location: site_location(m, s.site.func.func, s.site.at),
                modules: show(&s.module),
                functions: show(fv),
                arity,
                platform: s.at.is_platform(),
                rule,
            });
        }
        out.sort_by(|a, b| (a.platform, &a.function, &a.location).cmp(&(b.platform, &b.function, &b.location)));
        out.dedup();
        out
    }

    /// The chain of reasons that linked `q` (a function `M:F/A` or a BIF), nearest first.
    fn chain(&self, why: &HashMap<FuncRef, String>, by_name: &HashMap<String, FuncRef>, q: &str) -> Vec<String> {
        let mut cur = q.to_string();
        let mut out = Vec::new();
        loop {
            let r = match by_name.get(&cur) {
                Some(f) => why.get(f),
                None => self.why_bif.get(&cur),
            };
            let Some(r) = r else { break };
            out.push(r.clone());
            cur = r.clone();
            if out.len() > 200 {
                break;
            }
        }
        out
    }

    /// Why each module of [`REPORTED_CHAINS`] is linked: its first function linked (or, for
    /// a module only its BIFs reach, its first BIF) and the chain that reached it.
    fn reported_chains(&self) -> Vec<(String, Vec<String>)> {
        let Some(why) = &self.why else { return Vec::new() };
        let by_name: HashMap<String, FuncRef> =
            self.order.iter().filter_map(|f| Some((self.program.get(f.module)?.mfa(f.func).to_string(), *f))).collect();
        let mut out = Vec::new();
        for module in REPORTED_CHAINS {
            let first = self.program.loaded(module).and_then(|id| self.order.iter().find(|f| f.module == id));
            let name = match first.and_then(|f| Some(self.program.get(f.module)?.mfa(f.func).to_string())) {
                Some(n) => n,
                None => {
                    let mut bifs: Vec<&String> = self.why_bif.keys().filter(|k| k.starts_with(&format!("{module}:"))).collect();
                    bifs.sort();
                    match bifs.first() {
                        Some(b) => (*b).clone(),
                        None => continue,
                    }
                }
            };
            let mut chain = vec![name.clone()];
            chain.extend(self.chain(why, &by_name, &name));
            out.push((module.to_string(), chain));
        }
        out
    }

    /// `BEAMWASM_LINK_WHY` and `BEAMWASM_LINK_TRACE`'s summaries.
    fn explain(&self) {
        if let (Some(why), Some(q)) = (&self.why, std::env::var_os("BEAMWASM_LINK_WHY")) {
            let by_name: HashMap<String, FuncRef> =
                self.order.iter().filter_map(|f| Some((self.program.get(f.module)?.mfa(f.func).to_string(), *f))).collect();
            let q = q.to_string_lossy().to_string();
            let mut queries: Vec<String> = q.split(',').map(str::to_string).collect();
            if q == "**" {
                queries = self.order.iter().filter_map(|f| Some(self.program.get(f.module)?.mfa(f.func).to_string())).collect();
            } else if q == "*" {
                let mut firsts: Vec<String> = Vec::new();
                let mut seen_modules = HashSet::default();
                for f in &self.order {
                    if seen_modules.insert(f.module) {
                        firsts.extend(self.program.get(f.module).map(|m| m.mfa(f.func).to_string()));
                    }
                }
                queries = firsts;
            }
            for q in &queries {
                eprint!("link: why {q}:");
                for r in self.chain(why, &by_name, q) {
                    eprint!(" <- {r}");
                }
                eprintln!();
            }
        }
        if self.trace {
            for s in &self.sites {
                let Some(m) = self.program.get(s.site.func.module) else { continue };
                let what = match s.site.kind {
                    SiteKind::Call { .. } => "call",
                    SiteKind::Callback { .. } => "callback",
                };
                eprintln!(
                    "link: site {what} in {} ({:?}): module {:?}{} function {:?}{:?}{}",
                    m.mfa(s.site.func.func),
                    s.at,
                    s.module.atoms,
                    if s.module.unknown { "+?" } else { "" },
                    s.function.atoms,
                    s.function.prefixes,
                    if s.function.unknown { "+?" } else { "" }
                );
            }
            let mut per: BTreeMap<&str, usize> = BTreeMap::new();
            for f in &self.order {
                if let Some(m) = self.program.get(f.module) {
                    *per.entry(m.name.as_str()).or_default() += 1;
                }
            }
            for (name, n) in per {
                eprintln!("link: module {name} {n}");
            }
        }
    }
}

/// The source file and line of instruction `at` of function `f`: the last `line` before
/// it.
fn site_location(m: &crate::program::Module, f: FuncIdx, at: usize) -> Option<(String, u32)> {
    let func = m.functions.get(f)?;
    let code = m.beam.code.instructions.get(func.start..func.end)?;
    let index = code.get(..=at)?.iter().rev().find_map(|ins| match (ins.op, ins.args.first()) {
        (Opcode::Line, Some(Operand::Unsigned(i))) => Some(*i as u32),
        _ => None,
    })?;
    let table = m.beam.lines.as_ref()?;
    let item = table.location(index)?;
    let file = match item.file {
        0 => format!("{}.erl", m.name),
        n => table.files.get(n as usize - 1).cloned().unwrap_or_default(),
    };
    Some((file, item.line))
}

/// Where an OTP entry point takes a callback module: the argument registers of
/// `M:F/A` that hold the module whose callbacks the behaviour will call (`gen_server`
/// calls `Mod:init/1` on the module given to `gen_server:start_link(Mod, Args, Opts)`;
/// `sys` calls `Mod:system_continue/3` on the module given to
/// `sys:handle_system_msg/6`).
fn callback_arg(mfa: &Mfa) -> &'static [u32] {
    let starts = matches!(mfa.function.as_str(), "start" | "start_link" | "start_monitor");
    match (mfa.module.as_str(), mfa.function.as_str(), mfa.arity) {
        ("gen_server" | "gen_statem" | "gen_fsm", _, 3) if starts => &[0],
        ("gen_server" | "gen_statem" | "gen_fsm", _, 4) if starts => &[1],
        ("gen_server" | "gen_statem", "enter_loop", _) => &[0],
        ("supervisor" | "supervisor_bridge", "start_link", 2) => &[0],
        ("supervisor" | "supervisor_bridge", "start_link", 3) => &[1],
        ("gen", "start", 5) => &[0, 2],
        ("gen", "start", 6) => &[0, 3],
        ("gen_event", "add_handler" | "add_sup_handler", 3) => &[1],
        ("sys", "handle_system_msg", 6 | 7) => &[3],
        ("sys", "handle_system_msg", 8) => &[4],
        ("logger_olp", "start_link", 4) => &[1],
        ("logger", "add_handler", 3) => &[1],
        // filelib's functions that take a file-operations module (Path.wildcard/2 hands
        // it Path.Wildcard, whose list_dir/1 and read_link_info/1 filelib then calls).
        ("filelib", "wildcard", 2) => &[1],
        ("filelib", "wildcard", 3) => &[2],
        ("filelib", "is_dir" | "is_file" | "is_regular" | "last_modified" | "file_size", 2) => &[1],
        ("filelib", "fold_files", 6) => &[5],
        ("Elixir.GenServer" | "Elixir.Supervisor" | "Elixir.DynamicSupervisor", _, 2 | 3) if starts => &[0],
        _ => &[],
    }
}

/// Whether `m` declares `-behaviour(Name)`.
fn declares_behaviour(m: &crate::program::Module, name: &str) -> bool {
    behaviours(m).iter().any(|b| b == name)
}

/// Whether a module declares `-behaviour(...)` (Elixir's `@behaviour`).
fn implements_behaviour(m: &crate::program::Module) -> bool {
    let Some(Term::List { elems, .. }) = &m.beam.attributes else { return false };
    elems.iter().any(|a| match a {
        Term::Tuple(kv) => matches!(kv.first(), Some(Term::Atom(k)) if k == "behaviour" || k == "behavior"),
        _ => false,
    })
}

/// The behaviours a module declares.
fn behaviours(m: &crate::program::Module) -> Vec<String> {
    let Some(Term::List { elems, .. }) = &m.beam.attributes else { return Vec::new() };
    let mut out = Vec::new();
    for a in elems {
        let Term::Tuple(kv) = a else { continue };
        let [Term::Atom(k), v] = kv.as_slice() else { continue };
        if k != "behaviour" && k != "behavior" {
            continue;
        }
        match v {
            Term::Atom(b) => out.push(b.clone()),
            Term::List { elems, .. } => out.extend(elems.iter().filter_map(|b| match b {
                Term::Atom(b) => Some(b.clone()),
                _ => None,
            })),
            _ => {}
        }
    }
    out
}

/// The behaviours a module passed to an entry point of [`callback_arg`] implements, where
/// the entry point says (none for the entry points that take other callback modules:
/// `sys`'s, the logger's, filelib's).
fn entry_behaviours(mfa: &Mfa) -> &'static [&'static str] {
    const GEN_SERVER: &[&str] = &["gen_server", "Elixir.GenServer"];
    const SUPERVISOR: &[&str] = &["supervisor", "Elixir.Supervisor"];
    match mfa.module.as_str() {
        "gen_server" | "Elixir.GenServer" => GEN_SERVER,
        "gen_statem" => &["gen_statem"],
        "gen_fsm" => &["gen_fsm"],
        "gen_event" => &["gen_event"],
        "supervisor" | "Elixir.Supervisor" => SUPERVISOR,
        "supervisor_bridge" => &["supervisor_bridge"],
        "Elixir.DynamicSupervisor" => &["Elixir.DynamicSupervisor"],
        "gen" => &["gen_server", "Elixir.GenServer", "gen_statem", "gen_fsm", "gen_event"],
        _ => &[],
    }
}

/// Records the atom pairs an instruction shows side by side: consecutive atom elements of
/// a tuple (built or literal), and consecutive argument registers holding atoms at a call.
fn collect_pairs(m: &crate::program::Module, ins: &beam::Instruction, x_atoms: &mut HashMap<u32, String>, out: &mut Vec<(String, String)>) {
    let atom_of = |o: &Operand| match o {
        Operand::Atom(a) => Some(m.atom(*a).to_string()),
        _ => None,
    };
    let push_seq = |seq: &[Option<String>], out: &mut Vec<(String, String)>| {
        for w in seq.windows(2) {
            if let [Some(a), Some(b)] = w {
                out.push((a.clone(), b.clone()));
            }
        }
    };
    match (ins.op, ins.args.as_slice()) {
        (Opcode::Move, [src, Operand::X(x)]) => match atom_of(src) {
            Some(a) => {
                x_atoms.insert(*x, a);
            }
            None => {
                x_atoms.remove(x);
            }
        },
        (Opcode::PutTuple2, [_, Operand::List(elems)]) => {
            let seq: Vec<Option<String>> = elems.iter().map(atom_of).collect();
            push_seq(&seq, out);
        }
        (
            Opcode::Call | Opcode::CallLast | Opcode::CallOnly | Opcode::CallExt | Opcode::CallExtLast | Opcode::CallExtOnly,
            [Operand::Unsigned(arity), ..],
        ) => {
            let seq: Vec<Option<String>> = (0..*arity as u32).map(|x| x_atoms.get(&x).cloned()).collect();
            push_seq(&seq, out);
            x_atoms.clear();
        }
        (Opcode::Label, _) => x_atoms.clear(),
        _ => {}
    }
    // Literals are operands, or elements of a list operand (`put_tuple2`'s elements).
    let nested = ins.args.iter().flat_map(|a| match a {
        Operand::List(elems) => elems.as_slice(),
        _ => &[],
    });
    for a in ins.args.iter().chain(nested) {
        if let Operand::Literal(i) = a {
            if let Some(t) = m.beam.literals.get(*i as usize) {
                literal_pairs(t, out);
            }
        }
    }
}

/// Consecutive atom elements of tuples inside a literal, and the module and function of a
/// quoted remote call (`{:., _, [Module, fun]}`, Elixir's AST of `Module.fun(...)`, which a
/// macro returns for the code it expands to: code evaluated at run time calls it).
fn literal_pairs(t: &Term, out: &mut Vec<(String, String)>) {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        match t {
            Term::Tuple(xs) => {
                for w in xs.windows(2) {
                    if let [Term::Atom(a), Term::Atom(b)] = w {
                        out.push((a.clone(), b.clone()));
                    }
                }
                if let Some(pair) = quoted_remote(xs) {
                    out.push(pair);
                }
                stack.extend(xs.iter());
            }
            Term::List { elems, tail } => {
                stack.extend(elems.iter());
                stack.push(tail);
            }
            Term::Map(kvs) => {
                for (k, v) in kvs {
                    stack.push(k);
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
}

/// `{:., Meta, [Module, fun]}` with the module an atom or an alias
/// (`{:__aliases__, Meta, [:Foo, :Bar]}`, `Foo.Bar`; its `alias:` meta when it has one).
fn quoted_remote(xs: &[Term]) -> Option<(String, String)> {
    let [Term::Atom(dot), _, args] = xs else { return None };
    if dot != "." {
        return None;
    }
    let [module, Term::Atom(fun)] = args.as_proper_list()? else { return None };
    let module = match module {
        Term::Atom(m) => m.clone(),
        Term::Tuple(al) => {
            let [Term::Atom(tag), meta, parts] = al.as_slice() else { return None };
            if tag != "__aliases__" {
                return None;
            }
            let expanded = meta.as_proper_list().unwrap_or_default().iter().find_map(|kv| match kv {
                Term::Tuple(kv) => match kv.as_slice() {
                    [Term::Atom(k), Term::Atom(v)] if k == "alias" && v != "false" => Some(v.clone()),
                    _ => None,
                },
                _ => None,
            });
            match expanded {
                Some(m) => m,
                None => {
                    let parts: Option<Vec<&str>> = parts.as_proper_list()?.iter().map(Term::as_atom).collect();
                    let parts = parts?;
                    if parts.is_empty() || parts.iter().any(|p| p.starts_with("Elixir.") || p.contains('.')) {
                        return None;
                    }
                    format!("Elixir.{}", parts.join("."))
                }
            }
        }
        _ => return None,
    };
    Some((module, fun.clone()))
}

/// The atoms and export funs an operand mentions.
fn collect_operand(m: &crate::program::Module, a: &Operand, atoms: &mut Vec<String>, funs: &mut Vec<Mfa>) {
    match a {
        Operand::Atom(i) => atoms.push(m.atom(*i).to_string()),
        Operand::Literal(i) => {
            if let Some(t) = m.beam.literals.get(*i as usize) {
                collect_term(t, atoms, funs);
            }
        }
        Operand::List(items) => {
            for x in items {
                collect_operand(m, x, atoms, funs);
            }
        }
        _ => {}
    }
}

fn collect_term(t: &Term, atoms: &mut Vec<String>, funs: &mut Vec<Mfa>) {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        match t {
            Term::Atom(a) => atoms.push(a.clone()),
            Term::List { elems, tail } => {
                stack.extend(elems.iter());
                stack.push(tail);
            }
            Term::Tuple(xs) => stack.extend(xs.iter()),
            Term::Map(kvs) => {
                for (k, v) in kvs {
                    stack.push(k);
                    stack.push(v);
                }
            }
            Term::ExportFun { module, function, arity } => {
                atoms.push(module.clone());
                funs.push(Mfa::new(module, function, u32::from(*arity)));
            }
            _ => {}
        }
    }
}

