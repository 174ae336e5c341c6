//! The linker: computes the program's closure from its entry, resolving every external call
//! to a compiled function, a runtime BIF, or nothing (`undef` at run time).
//!
//! Expects: modules available through a [`ModuleSource`]. Guarantees: every function that
//! can run is in [`Linked::functions`]; every call site's target is in [`Linked::targets`].
//! Dynamic calls (`apply`, `erlang:apply/2,3`) reach what the code shows can flow to them.
//! A module value is an atom, and an atom comes from the code that names it, so the rule
//! follows where the atom is named and where the call site is:
//! - a site that names its function (`Mod:init(Args)` compiles to an `apply` with the atom
//!   `init`) reaches that function in
//!   - the program's own modules and every module the program's code names (any site);
//!   - every Elixir (`Elixir.*`, `elixir*`) and runtime (`beamwasm*`) module *client code*
//!     names — client code being the program's, Elixir's and the runtime's modules — when
//!     the site is in client code (`mod.exception(args)`, `struct.__struct__`);
//!   - every module passed where an OTP entry point takes a callback module
//!     ([`callback_arg`]: `gen_server:start_link(Mod, ...)`, `supervisor:start_link/2,3`,
//!     `sys:handle_system_msg/6`, `filelib:wildcard/2,3`, `GenServer.start_link/2,3`,
//!     ...), for any site: OTP's dispatch (`gen_server` calling `Mod:init/1`) gets its
//!     modules from there;
//!   - when the site is a protocol's dispatch (`impl_for!(t).to_string(t)`, in the
//!     protocol's module): only the implementations consolidation chose;
//! - a site that does not name it (the function comes from a tuple, a message) reaches
//!   every `M:F` that reachable code names as a *pair* — two atoms side by side in a tuple
//!   (`{M, F, Args}`, `{put_chars, Enc, M, F, A}`) or in consecutive argument registers of
//!   a call (`spawn(M, F, A)`, `apply(M, F, A)`) — every export of the program's own
//!   modules, and the `handle_*` callbacks of the arity it calls in the behaviour modules
//!   passed to an entry point.
//!
//! The callback module an entry point gets and the function an `apply` calls are followed
//! to where they are named ([`crate::argflow`], `Linker::follow_flows`): through the
//! calling function's registers, and from a parameter into its callers' arguments, a few
//! calls back (`GenServer.do_start/4` passes its parameter on; `logger_server:call_h/4`
//! applies the function names its callers pass, so its `apply` names its function). What
//! cannot be followed (a tuple element, a message, a parameter of an export or a fun)
//! falls back: a callback module is any atom the calling function names — and, in client
//! code, any module client code names that implements the entry point's behaviour — and
//! an `apply` is a site that does not name its function.
//!
//! An OTP module merely named by OTP code is not a candidate: OTP names modules as
//! registered process names (`application_controller`, `global`) and as tags far more often
//! than it hands them to a dynamic call, and a module OTP calls statically is not thereby a
//! callback. Elixir's and the runtime's code name OTP modules the same way (`:kernel`,
//! `:sasl` as applications and configuration keys), so those are not candidates for client
//! sites either. A call that escapes these rules raises `undef` naming `M:F/A` at run time.
//!
//! `BEAMWASM_LINK_TRACE=1` prints the dynamic sites, the parameters followed and what could
//! not be followed, and what the sites add; `BEAMWASM_LINK_WHY` (`M:F/A,...`, `*` for the
//! first function of every module, `**` for every function) prints the chain of callers,
//! or the rule, that made each function reachable.

use std::collections::{BTreeMap, VecDeque};

use crate::{HashMap, HashSet};

use beam::{Opcode, Operand, Term};

use crate::argflow;
use crate::bifs;
use crate::diagnostic::{Diagnostic, Mfa};
use crate::program::{FuncIdx, ModuleId, ModuleSource, Program};
use crate::protocols;
use crate::rt::Runtime;

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
}

/// Modules the compiler always includes: the boot process and the I/O server.
pub const BOOT: (&str, &str, u32) = ("beamwasm_boot", "start", 1);

/// Module and function pairs the runtime names in terms it builds, so dynamic calls reach
/// them as if reachable code showed them side by side: the error-formatting modules a
/// failing BIF's stack frame names (`{error_info, #{module => erl_erts_errors}}`), on
/// which `Exception.message/1` and `erl_error` call `format_error/2`.
const RUNTIME_MF_PAIRS: &[(&str, &str)] =
    &[("erl_erts_errors", "format_error"), ("erl_stdlib_errors", "format_error"), ("erl_kernel_errors", "format_error")];

/// Functions linked only when the program has the module that needs them. When a program
/// uses Elixir's `Logger`, the boot process starts kernel's logger and the `Logger`
/// application as `elixir` does (beamwasm_boot:start_logging/0, calling them by
/// `erlang:apply/3` with atoms it makes at run time, so that other programs link none of
/// it), and the default translator, which only the application's environment names. The
/// logger's handler and the Logger application's event handlers need no entry: the
/// general rules reach them (`logger:add_handler/3` takes `Logger.Handler`, whose
/// callbacks `logger_server:call_h/4` calls by the function names its callers pass, and
/// `Logger.Watcher` hands gen_event modules client code names).
const CONDITIONAL_ROOTS: &[(&str, &[(&str, &str, u32)])] = &[(
    "Elixir.Logger",
    &[
        ("logger_server", "start_link", 0),
        ("logger", "internal_init_logger", 0),
        ("logger", "remove_handler", 1),
        ("Elixir.Logger.App", "start", 2),
        ("gen_event", "sync_notify", 2),
        // The default translator, named only in the logger application's environment,
        // which the boot reads at run time (beamwasm_apps).
        ("Elixir.Logger.Translator", "translate", 4),
    ],
)];

/// Services the boot starts when the program reaches the code that asks them by their
/// registered name: (the function that asks, the runtime function that starts the
/// service). The boot (`beamwasm_boot`) starts a service whose module is linked.
const SERVICE_ROOTS: &[((&str, &str, u32), (&str, &str, u32))] = &[
    // file:open/2, rename/2, write_file_info/2, copy/2, ... are requests to the file
    // server (file_server_2), made through file:call/2.
    (("file", "call", 2), ("beamwasm_services", "start_file_server", 0)),
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

struct Linker<'a> {
    rt: &'a Runtime,
    source: &'a mut dyn ModuleSource,
    program: Program,
    seen: HashSet<FuncRef>,
    order: Vec<FuncRef>,
    queue: VecDeque<FuncRef>,
    targets: HashMap<Mfa, Target>,
    diagnostics: Vec<Diagnostic>,
    /// Atoms in reachable code: candidate modules for dynamic calls.
    atoms: HashSet<String>,
    atoms_checked: HashSet<String>,
    /// Modules that may be called dynamically.
    dyn_modules: Vec<ModuleId>,
    dyn_module_set: HashSet<ModuleId>,
    /// Modules named by atoms in client code, or passed to an OTP entry point:
    /// candidates for call sites in client code that name their function.
    client_checked: HashSet<String>,
    client_modules: HashSet<ModuleId>,
    client_module_list: Vec<ModuleId>,
    /// Protocol modules and their current implementation sets (for name → impl module).
    protocols: Vec<(ModuleId, Option<BTreeMap<String, String>>)>,
    /// Module and function atoms that occur side by side: evidence of an `M:F` call.
    mf_pairs: HashSet<(String, String)>,
    mf_checked: HashSet<(String, String)>,
    /// Atoms passed where an OTP entry point takes a callback module
    /// ([`callback_arg`]), and the modules they name: candidates for every call site that
    /// names its function.
    callback_atoms: HashSet<String>,
    callback_checked: HashSet<String>,
    callback_modules: Vec<ModuleId>,
    /// Parameters that hold a callback module or the function of an `apply`, found by
    /// following an argument back to the calling function's parameter: (position, steps
    /// back, what it holds), by function.
    flow_params: HashMap<Mfa, Vec<(u32, u32, Flow)>>,
    /// Every scanned function that calls each function (with arguments).
    callers: HashMap<Mfa, Vec<FuncRef>>,
    /// Functions whose calls to a function (None: to any, and their `apply`s) are still
    /// to be followed.
    flow_work: Vec<(FuncRef, Option<Mfa>)>,
    /// The behaviours of the entry points to which client code passes a callback module
    /// the scan cannot follow: every module client code names that implements one of
    /// them counts as a callback module.
    unknown_behaviours: HashSet<&'static str>,
    callback_module_set: HashSet<ModuleId>,
    /// The program's own modules (from its inputs), and the atoms their code mentions.
    user_modules: HashSet<String>,
    user_atoms: HashSet<String>,
    /// Atoms in client code (the program's, Elixir's and the runtime's modules).
    client_atoms: HashSet<String>,
    /// Dynamic call shapes: (function, arity, where the site is), with None for "any".
    dyn_wanted: HashSet<(Option<String>, Option<u32>, Site)>,
    dynamic: bool,
    entry_mfa: Mfa,
    /// With BEAMWASM_LINK_WHY: what first reached each function (a debugging aid).
    why: Option<HashMap<FuncRef, String>>,
    atom_origin: HashMap<String, String>,
    pair_origin: HashMap<(String, String), String>,
    reason: String,
}

/// Links the program that starts at `entry`.
pub fn link(entry: &Mfa, rt: &Runtime, source: &mut dyn ModuleSource) -> Result<Linked, Vec<Diagnostic>> {
    let user_modules: HashSet<String> = source.user_modules().into_iter().collect();
    let mut l = Linker {
        rt,
        source,
        program: Program::default(),
        seen: HashSet::default(),
        order: Vec::new(),
        queue: VecDeque::new(),
        targets: HashMap::default(),
        diagnostics: Vec::new(),
        atoms: HashSet::default(),
        atoms_checked: HashSet::default(),
        dyn_modules: Vec::new(),
        dyn_module_set: HashSet::default(),
        user_modules,
        mf_pairs: RUNTIME_MF_PAIRS.iter().map(|(m, f)| (m.to_string(), f.to_string())).collect(),
        protocols: Vec::new(),
        client_checked: HashSet::default(),
        client_modules: HashSet::default(),
        client_module_list: Vec::new(),
        mf_checked: HashSet::default(),
        callback_atoms: HashSet::default(),
        callback_checked: HashSet::default(),
        callback_modules: Vec::new(),
        flow_params: HashMap::default(),
        callers: HashMap::default(),
        flow_work: Vec::new(),
        unknown_behaviours: HashSet::default(),
        callback_module_set: HashSet::default(),
        user_atoms: HashSet::default(),
        client_atoms: HashSet::default(),
        dyn_wanted: HashSet::default(),
        dynamic: false,
        entry_mfa: entry.clone(),
        why: std::env::var_os("BEAMWASM_LINK_WHY").map(|_| HashMap::default()),
        reason: String::from("entry"),
        atom_origin: HashMap::default(),
        pair_origin: HashMap::default(),
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
    let boot = Mfa::new(BOOT.0, BOOT.1, BOOT.2);
    if !matches!(l.resolve(&boot, None), Target::Compiled(_)) {
        return Err(vec![Diagnostic::error("the runtime's boot module beamwasm_boot is missing")]);
    }
    loop {
        while let Some(f) = l.queue.pop_front() {
            if let Err(d) = l.scan(f) {
                return Err(vec![d]);
            }
        }
        match l.consolidate_protocols() {
            Ok(true) => continue,
            Ok(false) => {}
            Err(d) => return Err(vec![d]),
        }
        if l.conditional_roots() {
            continue;
        }
        if !l.dynamic || !l.grow_dynamic() {
            break;
        }
    }
    if let (Some(why), Some(q)) = (&l.why, std::env::var_os("BEAMWASM_LINK_WHY")) {
        let by_name: HashMap<String, FuncRef> =
            l.order.iter().filter_map(|f| Some((l.program.get(f.module)?.mfa(f.func).to_string(), *f))).collect();
        let q = q.to_string_lossy().to_string();
        let mut queries: Vec<String> = q.split(',').map(str::to_string).collect();
        if q == "**" {
            queries = l.order.iter().filter_map(|f| Some(l.program.get(f.module)?.mfa(f.func).to_string())).collect();
        } else if q == "*" {
            // The first function of each module.
            let mut firsts: Vec<String> = Vec::new();
            let mut seen_modules = HashSet::default();
            for f in &l.order {
                if seen_modules.insert(f.module) {
                    firsts.extend(l.program.get(f.module).map(|m| m.mfa(f.func).to_string()));
                }
            }
            queries = firsts;
        }
        for q in &queries {
            let mut cur = q.to_string();
            let mut steps = 0;
            eprint!("link: why {q}:");
            while let Some(f) = by_name.get(&cur) {
                let Some(r) = why.get(f) else { break };
                eprint!(" <- {r}");
                cur = r.clone();
                steps += 1;
                if steps > 200 {
                    break;
                }
            }
            eprintln!();
        }
    }
    if std::env::var_os("BEAMWASM_LINK_TRACE").is_some() {
        let mut per: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &l.order {
            if let Some(m) = l.program.get(f.module) {
                *per.entry(m.name.as_str()).or_default() += 1;
            }
        }
        for (name, n) in per {
            eprintln!("link: module {name} {n}");
        }
    }
    Ok(Linked {
        program: l.program,
        functions: l.order,
        targets: l.targets,
        entry: entry_ref,
        dynamic: l.dynamic,
        diagnostics: l.diagnostics,
    })
}

impl Linker<'_> {
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
                    grew |= matches!(self.resolve(&mfa, None), Target::Compiled(_));
                }
            }
        }
        let mut wanted: Vec<Mfa> = Vec::new();
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
                grew |= matches!(self.resolve(&mfa, None), Target::Compiled(_));
            }
        }
        for ((tm, tf, ta), (m, f, a)) in SERVICE_ROOTS {
            let asks = self.is_linked(tm, tf, *ta);
            let mfa = Mfa::new(m, f, *a);
            if asks && !self.targets.contains_key(&mfa) {
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

    fn add(&mut self, f: FuncRef) {
        if self.seen.insert(f) {
            if let Some(why) = self.why.as_mut() {
                why.insert(f, self.reason.clone());
            }
            self.order.push(f);
            self.queue.push_back(f);
        }
    }

    /// Resolves `M:F/A`, loading M if needed, and queues a compiled target.
    fn resolve(&mut self, mfa: &Mfa, caller: Option<&Mfa>) -> Target {
        if let Some(t) = self.targets.get(mfa) {
            return t.clone();
        }
        let t = self.resolve_uncached(mfa, caller);
        if let Target::Compiled(f) = t {
            self.add(f);
        }
        self.targets.insert(mfa.clone(), t.clone());
        // A BIF that continues in Erlang code (the VM's BIF_TRAP) brings that code.
        if let Target::Bif(name) = &t {
            for (bif, continuations) in beamwasm_runtime::TRAPPING_BIFS {
                if bif != name {
                    continue;
                }
                let saved = std::mem::replace(&mut self.reason, format!("continuation of the trapping BIF {name}"));
                for (m, f, a) in continuations.iter() {
                    self.resolve(&Mfa::new(m, f, *a), Some(mfa));
                }
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

    /// A newly loaded module may be a candidate for dynamic calls, or a protocol to
    /// consolidate before its `impl_for/1` is ever scanned.
    fn module_loaded(&mut self, module: ModuleId) {
        let is_user = self.program.get(module).is_some_and(|m| self.user_modules.contains(&m.name));
        if is_user {
            self.candidate(module);
        }
        let is_protocol = self.program.get(module).is_some_and(|m| protocols::protocol_of(m).is_some());
        if is_protocol && !self.protocols.iter().any(|(p, _)| *p == module) {
            self.protocols.push((module, None));
            self.reconsolidate(self.protocols.len() - 1);
        }
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
        if std::env::var_os("BEAMWASM_LINK_TRACE").is_some() {
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

    /// Makes a module a candidate for dynamic calls.
    fn candidate(&mut self, module: ModuleId) {
        if self.dyn_module_set.insert(module) {
            self.dyn_modules.push(module);
        }
    }

    /// Scans one function for everything it can reach.
    fn scan(&mut self, f: FuncRef) -> Result<(), Diagnostic> {
        let Some(m) = self.program.get(f.module) else { return Ok(()) };
        let Some(func) = m.functions.get(f.func) else { return Ok(()) };
        let caller = m.mfa(f.func);
        if self.why.is_some() {
            self.reason = caller.to_string();
        }
        let is_user = self.user_modules.contains(&m.name);
        let site = self.site_of(f);
        let client = site != Site::Otp;
        let code = m.beam.code.instructions.get(func.start..func.end).unwrap_or_default();
        let mut locals: Vec<u32> = Vec::new();
        let mut externals: Vec<Mfa> = Vec::new();
        let mut lambdas: Vec<u32> = Vec::new();
        let mut atoms: Vec<String> = Vec::new();
        let mut literal_funs: Vec<Mfa> = Vec::new();
        let mut dyn_calls: Vec<(Option<String>, Option<u32>)> = Vec::new();
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut calls: Vec<Mfa> = Vec::new();
        // The atoms moved into x registers since the last call, for argument pairs.
        let mut x_atoms: HashMap<u32, String> = HashMap::default();
        for (i, ins) in code.iter().enumerate() {
            // The callee, external or local (`Supervisor.start_link/2` calls its own
            // `start_link/3`), for the behaviour entry points of `callback_arg`.
            let callee = match (ins.op, ins.args.as_slice()) {
                (Opcode::CallExt | Opcode::CallExtLast | Opcode::CallExtOnly, [_, Operand::Unsigned(imp), ..]) => {
                    m.import(*imp as u32)
                }
                (Opcode::Call | Opcode::CallLast | Opcode::CallOnly, [_, Operand::Label(l), ..]) => {
                    m.label_function.get(l).map(|&fi| m.mfa(fi))
                }
                _ => None,
            };
            if let Some(mfa) = callee {
                if mfa.arity > 0 {
                    calls.push(mfa);
                }
            }
            collect_pairs(m, ins, &mut x_atoms, &mut pairs);
            match (ins.op, ins.args.as_slice()) {
                (Opcode::Call | Opcode::CallLast | Opcode::CallOnly, [_, Operand::Label(l), ..]) => locals.push(*l),
                (Opcode::CallExt | Opcode::CallExtLast | Opcode::CallExtOnly, [_, Operand::Unsigned(imp), ..]) => {
                    if let Some(mfa) = m.import(*imp as u32) {
                        if mfa.module == "erlang" && mfa.function == "apply" {
                            dyn_calls.push(dynamic_shape(m, code, i, mfa.arity));
                        }
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
                            externals.push(mfa);
                        }
                    }
                }
                (Opcode::MakeFun2, [Operand::Unsigned(idx)]) | (Opcode::MakeFun3, [Operand::Unsigned(idx), ..]) => {
                    lambdas.push(*idx as u32)
                }
                (Opcode::Apply | Opcode::ApplyLast, [Operand::Unsigned(arity), ..]) => {
                    dyn_calls.push(apply_shape(m, code, i, *arity as u32));
                }
                _ => {}
            }
            for a in &ins.args {
                collect_operand(m, a, &mut atoms, &mut literal_funs);
            }
        }
        let mut local_funcs: Vec<FuncIdx> = locals.iter().filter_map(|l| m.label_function.get(l).copied()).collect();
        for idx in lambdas {
            let Some(lambda) = m.beam.lambdas.get(idx as usize) else {
                return Err(Diagnostic::error(format!("fun #{idx} is not in the fun table")).in_function(caller));
            };
            if let Some(&func) = m.label_function.get(&lambda.label) {
                local_funcs.push(func);
            }
        }
        for func in local_funcs {
            self.add(FuncRef { module: f.module, func });
        }
        for mfa in externals.into_iter().chain(literal_funs) {
            self.resolve(&mfa, Some(&caller));
        }
        if is_user {
            self.user_atoms.extend(atoms.iter().cloned());
        }
        if self.why.is_some() {
            for a in atoms.iter().filter(|_| client) {
                self.atom_origin.entry(a.clone()).or_insert_with(|| caller.to_string());
            }
        }
        // Calls that pass a callback module or a function name, and `apply`s whose
        // function is not a literal: follow the argument to where it is named.
        let mut follow = dyn_calls.iter().any(|(f, _)| f.is_none());
        for callee in calls {
            follow |= !self.flow_positions(&callee).is_empty();
            let callers = self.callers.entry(callee).or_default();
            if callers.last() != Some(&f) {
                callers.push(f);
            }
        }
        if !dyn_calls.is_empty() {
            self.dynamic = true;
        }
        if client {
            // Client code names OTP modules as applications, registered names and keys
            // (`:kernel`, `:sasl`, `:global`), not as modules it calls by name: only the
            // client modules it names are candidates for its own call sites.
            let own = |a: &&String| is_client(a) || self.user_modules.contains(*a);
            self.client_atoms.extend(atoms.iter().filter(own).cloned());
        }
        self.atoms.extend(atoms);
        if self.why.is_some() {
            for p in &pairs {
                self.pair_origin.entry(p.clone()).or_insert_with(|| caller.to_string());
            }
        }
        self.mf_pairs.extend(pairs);
        if std::env::var_os("BEAMWASM_LINK_TRACE").is_some() {
            for (f, a) in &dyn_calls {
                if let Some(f) = f {
                    eprintln!("link: named dynamic call {f}/{a:?} in {caller}");
                }
            }
        }
        self.dyn_wanted.extend(dyn_calls.into_iter().filter(|(f, _)| f.is_some()).map(|(f, a)| (f, a, site)));
        if follow {
            self.flow_work.push((f, None));
            self.follow_flows();
        }
        Ok(())
    }

    /// Where a dynamic call site in `f` is, which decides the modules it may reach.
    fn site_of(&self, f: FuncRef) -> Site {
        let Some(m) = self.program.get(f.module) else { return Site::Otp };
        if protocols::protocol_of(m).is_some() {
            Site::Protocol(f.module)
        } else if self.user_modules.contains(&m.name) || is_client(&m.name) {
            Site::Client
        } else {
            Site::Otp
        }
    }

    /// The argument positions of `mfa` that are followed to where their value is named:
    /// (position, steps back from the entry point or `apply` that started it, what it is).
    fn flow_positions(&self, mfa: &Mfa) -> Vec<(u32, u32, Flow)> {
        let mut out: Vec<(u32, u32, Flow)> = callback_arg(mfa).iter().map(|&x| (x, 0, Flow::Callback(entry_behaviours(mfa)))).collect();
        if let Some(d) = self.flow_params.get(mfa) {
            out.extend(d.iter().copied());
        }
        out
    }

    /// Follows the arguments of the calls in [`Linker::flow_work`] that hold a callback
    /// module ([`callback_arg`]) or the function of an `apply`, to where they are named:
    /// - an atom is a callback module, or a function name the `apply` site calls;
    /// - a parameter of the calling function makes that parameter a followed position,
    ///   and its callers' arguments are followed in turn, at most [`MAX_FOLLOW`] calls
    ///   back from where it started;
    /// - anything else (a tuple element, a message, a call's result) is what the scan
    ///   cannot follow: for a callback module, every atom the calling function names
    ///   counts; for a function, the site counts as one that does not name it.
    ///
    /// A parameter of a function that can be called from where the scan does not look (an
    /// export, which `apply` can reach, or a fun) counts as not followed as well.
    fn follow_flows(&mut self) {
        let trace = std::env::var_os("BEAMWASM_LINK_TRACE").is_some();
        while let Some((f, only)) = self.flow_work.pop() {
            let site = self.site_of(f);
            let Some(m) = self.program.get(f.module) else { continue };
            let Some(func) = m.functions.get(f.func) else { continue };
            let code = m.beam.code.instructions.get(func.start..func.end).unwrap_or_default();
            let caller = m.mfa(f.func);
            let callee_of = |ins: &beam::Instruction| -> Option<Mfa> {
                match (ins.op, ins.args.as_slice()) {
                    (Opcode::CallExt | Opcode::CallExtLast | Opcode::CallExtOnly, [_, Operand::Unsigned(imp), ..]) => {
                        m.import(*imp as u32)
                    }
                    (Opcode::Call | Opcode::CallLast | Opcode::CallOnly, [_, Operand::Label(l), ..]) => {
                        m.label_function.get(l).map(|&fi| m.mfa(fi))
                    }
                    _ => None,
                }
            };
            // What is followed at an instruction: (argument register, steps, what).
            let followed = |ins: &beam::Instruction| -> Vec<(u32, u32, Flow)> {
                match (ins.op, ins.args.as_slice()) {
                    // `apply Arity`: the function is in x(Arity + 1).
                    (Opcode::Apply | Opcode::ApplyLast, [Operand::Unsigned(n), ..]) if only.is_none() => {
                        let n = *n as u32;
                        vec![(n + 1, 0, Flow::Function(Some(n), site))]
                    }
                    _ => match callee_of(ins) {
                        Some(c) if c.module == "erlang" && c.function == "apply" && c.arity == 3 && only.is_none() => {
                            vec![(1, 0, Flow::Function(None, site))]
                        }
                        Some(c) if only.as_ref().is_none_or(|o| *o == c) => self.flow_positions(&c),
                        _ => Vec::new(),
                    },
                }
            };
            let arity_of = |ins: &beam::Instruction| -> Option<u32> {
                let max = followed(ins).iter().map(|(x, _, _)| *x + 1).max()?;
                let arity = match (ins.op, ins.args.first()) {
                    (Opcode::Apply | Opcode::ApplyLast, Some(Operand::Unsigned(n))) => *n as u32 + 2,
                    _ => callee_of(ins).map_or(0, |c| c.arity),
                };
                Some(arity.max(max))
            };
            // What the followed arguments hold: atoms, parameters, or something else.
            let mut found: Vec<(Flow, argflow::Val, u32)> = Vec::new();
            match argflow::call_args(m, func, code, &arity_of) {
                Some(sites) => {
                    let mut sites: Vec<(usize, Vec<argflow::Val>)> = sites.into_iter().collect();
                    sites.sort_by_key(|(i, _)| *i);
                    for (i, args) in sites {
                        let Some(ins) = code.get(i) else { continue };
                        for (x, depth, flow) in followed(ins) {
                            let v = args.get(x as usize).cloned().unwrap_or_default();
                            if trace && v.unknown {
                                eprintln!("link: not followed: x{x} of {} in {caller} ({flow:?})", callee_of(ins).map_or("apply".to_string(), |c| c.to_string()));
                            }
                            found.push((flow, v, depth));
                        }
                    }
                }
                None => {
                    for ins in code {
                        for (_, depth, flow) in followed(ins) {
                            found.push((flow, argflow::Val { unknown: true, ..Default::default() }, depth));
                        }
                    }
                }
            }
            let unseen_callers = m.exports.values().any(|&fi| fi == f.func)
                || m.beam.lambdas.iter().any(|l| m.label_function.get(&l.label) == Some(&f.func));
            let mut callback_atoms: Vec<String> = Vec::new();
            let mut names_all = false;
            let mut behaviours: Vec<&'static str> = Vec::new();
            let mut wanted: Vec<(Option<String>, Option<u32>, Site)> = Vec::new();
            let mut new_params: Vec<(u32, u32, Flow)> = Vec::new();
            let known = self.flow_positions(&caller);
            for (flow, v, depth) in found {
                let mut unknown = v.unknown;
                for &p in &v.params {
                    if known.iter().chain(&new_params).any(|(x, _, k)| *x == p && k.covers(&flow)) {
                        continue;
                    }
                    if depth + 1 > MAX_FOLLOW {
                        unknown = true;
                        continue;
                    }
                    if trace && unseen_callers {
                        eprintln!("link: not followed: parameter {p} of {caller}, which code the scan does not see can call ({flow:?})");
                    }
                    unknown |= unseen_callers;
                    new_params.push((p, depth + 1, flow));
                }
                match flow {
                    Flow::Callback(b) => {
                        callback_atoms.extend(v.atoms);
                        names_all |= unknown;
                        if unknown {
                            behaviours.extend(b);
                        }
                    }
                    Flow::Function(arity, site) => {
                        wanted.extend(v.atoms.into_iter().map(|a| (Some(a), arity, site)));
                        if unknown {
                            wanted.push((None, arity, site));
                        }
                    }
                }
            }
            // In client code, a module the scan cannot follow (Logger.Watcher hands
            // gen_event the handler module its supervisor's child spec gave it) is one of
            // the modules client code names, as for its own call sites, that implements
            // the entry point's behaviour.
            if site == Site::Client {
                self.unknown_behaviours.extend(behaviours);
            }
            if names_all {
                let mut funs = Vec::new();
                for ins in code {
                    for a in &ins.args {
                        collect_operand(m, a, &mut callback_atoms, &mut funs);
                    }
                }
            }
            if trace {
                for (f, a, _) in &wanted {
                    match f {
                        Some(f) => eprintln!("link: named dynamic call {f}/{a:?} in {caller}"),
                        None => eprintln!("link: unknown-function dynamic call in {caller} (arity {a:?})"),
                    }
                }
            }
            if self.why.is_some() {
                for a in &callback_atoms {
                    self.atom_origin.entry(a.clone()).or_insert_with(|| caller.to_string());
                }
            }
            self.callback_atoms.extend(callback_atoms);
            self.dyn_wanted.extend(wanted);
            if !new_params.is_empty() {
                if trace {
                    eprintln!("link: followed parameters {new_params:?} of {caller}");
                }
                self.flow_params.entry(caller.clone()).or_default().extend(new_params);
                for &c in self.callers.get(&caller).into_iter().flatten() {
                    self.flow_work.push((c, Some(caller.clone())));
                }
            }
        }
    }

    /// Adds the functions that dynamic calls can reach; true if anything was added.
    fn grow_dynamic(&mut self) -> bool {
        let before = self.order.len();
        // Modules the program's own code names by atom are candidates for any function.
        let fresh: Vec<String> = self.user_atoms.difference(&self.atoms_checked).cloned().collect();
        for a in fresh {
            self.atoms_checked.insert(a.clone());
            if let Ok(Some(m)) = self.program.module(&a, self.source) {
                self.candidate(m);
            }
        }
        // Modules passed to an OTP entry point as its callback module.
        let fresh: Vec<String> = self.callback_atoms.difference(&self.callback_checked).cloned().collect();
        for a in fresh {
            self.callback_checked.insert(a.clone());
            if let Ok(Some(m)) = self.program.module(&a, self.source) {
                if self.callback_module_set.insert(m) {
                    self.callback_modules.push(m);
                }
                self.client_atoms.insert(a);
            }
        }
        // Modules client code names by atom are candidates for the functions that call
        // sites in client code name (`mod.exception(args)`, `impl.inspect(term, opts)`).
        let fresh: Vec<String> = self.client_atoms.difference(&self.client_checked).cloned().collect();
        for a in fresh {
            self.client_checked.insert(a.clone());
            if let Ok(Some(m)) = self.program.module(&a, self.source) {
                if self.client_modules.insert(m) {
                    self.client_module_list.push(m);
                }
            }
        }
        if !self.unknown_behaviours.is_empty() {
            for i in 0..self.client_module_list.len() {
                let Some(&m) = self.client_module_list.get(i) else { continue };
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
        // Call sites that name the function and its arity, by where they are.
        // (`erlang:apply(M, f, Args)`: arity None, any.)
        let named = |site: Site| -> Vec<(String, Option<u32>)> {
            self.dyn_wanted.iter().filter(|w| w.2 == site).filter_map(|(f, a, _)| Some((f.clone()?, *a))).collect()
        };
        let (named_client, named_otp) = (named(Site::Client), named(Site::Otp));
        // Call sites that do not name the function, by arity (None: any).
        let unnamed: Vec<u32> = self.dyn_wanted.iter().filter(|w| w.0.is_none()).filter_map(|w| w.1).collect();
        let mut named_add = Vec::new();
        let lists: [(&[ModuleId], Vec<(String, Option<u32>)>, &str); 2] = [
            (&self.client_module_list, named_client, "client-named"),
            (&self.callback_modules, named_otp, "callback"),
        ];
        for (modules, wanted, kind) in lists {
            for &m in modules {
                let Some(module) = self.program.get(m) else { continue };
                for (name, arity) in module.exports.keys() {
                    if wanted.iter().any(|(f, a)| f == name && a.is_none_or(|a| a == *arity)) {
                        named_add.push((Mfa::new(&module.name, name, *arity), kind));
                    }
                }
            }
        }
        // A protocol's dispatch (`impl_for!(term).to_string(term)`) reaches the
        // implementations consolidation chose, and nothing else.
        let protocol_sites: Vec<(ModuleId, String, Option<u32>)> = self
            .dyn_wanted
            .iter()
            .filter_map(|(f, a, site)| match site {
                Site::Protocol(p) => Some((*p, f.clone()?, *a)),
                _ => None,
            })
            .collect();
        for (p, f, a) in protocol_sites {
            let impls: Vec<String> = self
                .protocols
                .iter()
                .find(|(q, _)| *q == p)
                .and_then(|(_, set)| set.as_ref())
                .map(|set| set.values().cloned().collect())
                .unwrap_or_default();
            for name in impls {
                let Ok(Some(m)) = self.program.module(&name, self.source) else { continue };
                let Some(module) = self.program.get(m) else { continue };
                for (fname, arity) in module.exports.keys() {
                    if *fname == f && a.is_none_or(|a| a == *arity) {
                        named_add.push((Mfa::new(&name, fname, *arity), "protocol"));
                    }
                }
            }
        }
        // A behaviour's callbacks are called through sites that take the function from a
        // parameter (gen_server:try_dispatch/4 calls Mod:Func(Msg, State), its callers
        // passing handle_cast or handle_info): a module that implements a behaviour and
        // that reachable code passes to an OTP entry point
        // (`GenServer.start_link(Agent.Server, ...)`) keeps its `handle_*` exports of such
        // an `apply` site's arity.
        if !unnamed.is_empty() {
            for &m in &self.callback_modules {
                let Some(module) = self.program.get(m) else { continue };
                if !implements_behaviour(module) {
                    continue;
                }
                // A gen_statem in state_functions mode is called as Module:State/3, the
                // state being any name its callbacks return: every export of arity 3.
                let statem = declares_behaviour(module, "gen_statem");
                for (name, arity) in module.exports.keys() {
                    if unnamed.contains(arity) && (name.starts_with("handle_") || (statem && *arity == 3)) {
                        named_add.push((Mfa::new(&module.name, name, *arity), "handle_"));
                    }
                }
            }
        }
        let wanted: Vec<(Option<String>, Option<u32>)> = self.dyn_wanted.iter().map(|(f, a, _)| (f.clone(), *a)).collect();
        let mut add = Vec::new();
        // Call sites that name the function: it, in every candidate module.
        for &m in &self.dyn_modules {
            let Some(module) = self.program.get(m) else { continue };
            let is_user = self.user_modules.contains(&module.name);
            for (name, arity) in module.exports.keys() {
                let hit = wanted.iter().any(|(wf, wa)| match wf {
                    Some(w) => w == name && wa.is_none_or(|a| a == *arity),
                    None => is_user,
                });
                if hit {
                    add.push((Mfa::new(&module.name, name, *arity), "candidate"));
                }
            }
        }
        // Call sites that do not: every M:F named as a pair.
        if wanted.iter().any(|(wf, _)| wf.is_none()) {
            let fresh: Vec<(String, String)> = self.mf_pairs.difference(&self.mf_checked).cloned().collect();
            for (mname, fname) in fresh {
                self.mf_checked.insert((mname.clone(), fname.clone()));
                let Ok(Some(m)) = self.program.module(&mname, self.source) else { continue };
                let Some(module) = self.program.get(m) else { continue };
                for (name, arity) in module.exports.keys() {
                    if *name == fname {
                        add.push((Mfa::new(&mname, name, *arity), "pair"));
                    }
                }
            }
        }
        add.extend(named_add);
        // Resolve as a call would: a BIF stays the runtime's, not its Erlang stub.
        let trace = std::env::var_os("BEAMWASM_LINK_TRACE").is_some();
        self.reason = String::from("dynamic");
        for (mfa, kind) in add {
            if self.why.is_some() {
                let origin = if kind == "pair" {
                    self.pair_origin.get(&(mfa.module.clone(), mfa.function.clone())).cloned()
                } else {
                    self.atom_origin.get(&mfa.module).cloned()
                };
                let origin = origin.unwrap_or_default();
                self.reason = format!("dynamic({kind}) {origin}");
            }
            if trace && !self.targets.contains_key(&mfa) {
                eprintln!("link: dynamic {mfa}");
            }
            self.resolve(&mfa, None);
        }
        self.order.len() > before
    }
}

/// What a followed argument holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Flow {
    /// A callback module ([`callback_arg`]) of an entry point of these behaviours.
    Callback(&'static [&'static str]),
    /// The function an `apply` site of this arity (None: any) calls, and where the site is.
    Function(Option<u32>, Site),
}

impl Flow {
    /// Whether a position followed as `self` already follows what `other` would: any
    /// callback position counts every callback module it is passed.
    fn covers(&self, other: &Flow) -> bool {
        match (self, other) {
            (Flow::Callback(_), Flow::Callback(_)) => true,
            _ => self == other,
        }
    }
}

/// Where a dynamic call site is, which decides the modules it may reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Site {
    /// Client code ([`is_client`]).
    Client,
    /// OTP's own code.
    Otp,
    /// A protocol's dispatch, in the protocol's module.
    Protocol(ModuleId),
}

/// How many calls back from an entry point of [`callback_arg`] (or an `apply`) an
/// argument is followed through parameters before it counts as not followed.
const MAX_FOLLOW: u32 = 4;

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

/// Client code: Elixir's and the runtime's modules (the program's own are client code
/// too). The modules it names by atom are candidates for the dynamic call sites in client
/// code; OTP's dispatch reaches only what [`callback_arg`] and [`collect_pairs`] see.
fn is_client(name: &str) -> bool {
    name.starts_with("Elixir.") || name.starts_with("elixir") || name.starts_with("beamwasm")
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
    for a in &ins.args {
        if let Operand::Literal(i) = a {
            if let Some(t) = m.beam.literals.get(*i as usize) {
                literal_pairs(t, out);
            }
        }
    }
}

/// Consecutive atom elements of tuples inside a literal.
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

/// The function name and arity of an `apply Arity` instruction, when a `move` of an atom
/// into the function register precedes it in the same straight-line code.
fn apply_shape(m: &crate::program::Module, code: &[beam::Instruction], at: usize, arity: u32) -> (Option<String>, Option<u32>) {
    let freg = Operand::X(arity + 1);
    let mut f = None;
    for ins in code.get(..at).unwrap_or_default().iter().rev() {
        match (ins.op, ins.args.as_slice()) {
            (Opcode::Move, [Operand::Atom(a), dst]) if *dst == freg => {
                f = Some(m.atom(*a).to_string());
                break;
            }
            (Opcode::Move, [_, dst]) if *dst == freg => break,
            // `gen:init_it2/7` shuffles its arguments with swaps after moving the name.
            (Opcode::Swap, [a, b]) if *a != freg && *b != freg => continue,
            (Opcode::Move | Opcode::Line | Opcode::TestHeap | Opcode::Allocate | Opcode::Init | Opcode::InitYregs, _) => continue,
            _ => break,
        }
    }
    (f, Some(arity))
}

/// The shape of an `erlang:apply/3` call: the function name when an atom is moved into x1
/// just before it; the arity is not tracked.
fn dynamic_shape(m: &crate::program::Module, code: &[beam::Instruction], at: usize, arity: u32) -> (Option<String>, Option<u32>) {
    if arity != 3 {
        return (None, None);
    }
    for ins in code.get(..at).unwrap_or_default().iter().rev() {
        match (ins.op, ins.args.as_slice()) {
            (Opcode::Move, [Operand::Atom(a), Operand::X(1)]) => return (Some(m.atom(*a).to_string()), None),
            (Opcode::Move, [_, Operand::X(1)]) => break,
            (Opcode::Move | Opcode::Line | Opcode::TestHeap | Opcode::PutList | Opcode::PutTuple2, _) => continue,
            _ => break,
        }
    }
    (None, None)
}
