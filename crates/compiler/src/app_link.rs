//! Applications in a linked program: which applications' resource terms the program
//! embeds, and which functions come with them.
//!
//! Expects: the linker's closure so far, and the resource files its [`ModuleSource`] offers.
//! Guarantees: [`AppLink::roots`] names the functions to keep so that what the program can
//! do with applications runs — the application controller's stand-in when the program
//! reaches `application_controller`, the start callbacks of the applications it can load,
//! and the services of the applications `elixir` starts that the program uses;
//! [`AppLink::applications`] lists the resource terms the controller can load from. The
//! linker calls `roots` until its closure stops growing.
//!
//! An application can be loaded when something in the program names it: the program's own
//! code (`Application.ensure_all_started(:my_app)`), or the application's own code
//! (`ExUnit.start/1` names `:ex_unit`, `ssl:start/0` names `ssl`). Its dependencies can be
//! loaded with it. The applications `elixir` starts are always there. An atom elsewhere is
//! not taken for an application: Elixir's Logger names `:sasl` as a log domain, and
//! embedding sasl would bring its start callback and supervision tree into every program
//! that logs.

use std::collections::BTreeSet;

use beam::Term;

use crate::apps::AppIndex;
use crate::diagnostic::Mfa;
use crate::link::FuncRef;
use crate::program::{ModuleId, ModuleSource, Program};
use crate::{HashMap, HashSet};

/// The applications `elixir` has loaded and started before a program's first line runs,
/// in start order (`:application.which_applications/0` on the VM, reversed).
pub const BOOT_APPS: &[&str] = &["kernel", "stdlib", "compiler", "elixir", "logger"];

/// The callbacks of an application's `mod` that OTP's application master calls.
const APP_CALLBACKS: &[(&str, u32)] = &[("start", 2), ("stop", 1), ("prep_stop", 1), ("config_change", 3), ("start_phase", 3)];

/// Where a service's need shows: a function of the program, or any function of a module.
enum Trigger {
    Function(&'static str, &'static str, u32),
    Module(&'static str),
    /// The program's own code names the atom.
    UserAtom(&'static str),
    /// Any of these functions of a module.
    AnyFunction(&'static str, &'static [(&'static str, u32)]),
}

/// application_controller's functions that make a request to the controller process (the
/// others read its table).
const CONTROLLER_REQUESTS: &[(&str, u32)] = &[
    ("load_application", 1),
    ("unload_application", 1),
    ("start_application", 2),
    ("start_boot_application", 2),
    ("is_running", 1),
    ("stop_application", 1),
    ("which_applications", 0),
    ("which_applications", 1),
    ("info", 0),
    ("control_application", 1),
    ("change_application_data", 2),
    ("prep_config_change", 0),
    ("config_change", 1),
    ("permit_application", 2),
    ("set_env", 2),
    ("set_env", 3),
    ("set_env", 4),
    ("unset_env", 2),
    ("unset_env", 3),
    ("start_type", 1),
];

/// logger's functions that change its configuration through its server (the server's
/// other functions are reached by any program that can log: a failing handler is removed).
const LOGGER_CONFIG: &[(&str, u32)] = &[
    ("set_primary_config", 1),
    ("set_primary_config", 2),
    ("update_primary_config", 1),
    ("add_primary_filter", 2),
    ("remove_primary_filter", 1),
    ("add_handler", 3),
    ("set_handler_config", 2),
    ("set_handler_config", 3),
    ("update_handler_config", 2),
    ("update_handler_config", 3),
    ("add_handler_filter", 3),
    ("update_formatter_config", 2),
    ("update_formatter_config", 3),
    ("set_module_level", 2),
    ("unset_module_level", 0),
    ("unset_module_level", 1),
    ("set_application_level", 2),
    ("unset_application_level", 1),
];

/// The application controller's process (beamwasm_applications:controller/1).
const CONTROLLER: &[(&str, &str, u32)] = &[
    ("beamwasm_applications", "boot", 0),
    ("beamwasm_applications", "start_boot", 0),
    ("beamwasm_applications", "controller", 1),
];

/// kernel's top supervisor (beamwasm_kernel), started through the application controller.
const KERNEL: &[(&str, &str, u32)] = &[
    ("beamwasm_applications", "boot", 0),
    ("beamwasm_applications", "start_boot", 0),
    ("beamwasm_applications", "controller", 1),
    ("beamwasm_kernel", "start", 2),
    ("beamwasm_kernel", "stop", 1),
];

/// The elixir application's start callback, started through the application controller.
const ELIXIR: &[(&str, &str, u32)] = &[
    ("beamwasm_applications", "boot", 0),
    ("beamwasm_applications", "start_boot", 0),
    ("beamwasm_applications", "controller", 1),
    ("elixir", "start", 2),
    ("elixir", "stop", 1),
];

/// kernel's signal server (a gen_event under kernel_sup) with kernel's handler, and the
/// handler System.trap_signal adds ({System.SignalHandler, Id}).
const SIGNAL: &[(&str, &str, u32)] = &[
    ("beamwasm_kernel_signal", "spec", 0),
    ("beamwasm_kernel_signal", "install", 0),
    ("erl_signal_handler", "init", 1),
    ("erl_signal_handler", "handle_event", 2),
    ("erl_signal_handler", "handle_info", 2),
    ("erl_signal_handler", "handle_call", 2),
    ("erl_signal_handler", "terminate", 2),
    ("Elixir.System.SignalHandler", "init", 1),
    ("Elixir.System.SignalHandler", "handle_call", 2),
    ("Elixir.System.SignalHandler", "handle_event", 2),
    ("Elixir.System.SignalHandler", "handle_info", 2),
];

/// The runtime's application controller, and the processes of the applications `elixir`
/// starts that a program may talk to: (what shows the need, the functions that provide
/// it). beamwasm_applications starts kernel's and elixir's trees when their start
/// callbacks are linked; the boot calls the controller's boot and the at-exit runner
/// when they are.
const SERVICES: &[(Trigger, &[(&str, &str, u32)])] = &[
    // application:get_env/2, get_key/2, ... read the controller's table.
    (Trigger::Module("application_controller"), &[("beamwasm_applications", "boot", 0), ("beamwasm_applications", "start_boot", 0)]),
    // application:load/1, start/2, stop/1, set_env/3, ... are requests to the controller.
    (Trigger::AnyFunction("application_controller", CONTROLLER_REQUESTS), CONTROLLER),
    // timer:send_interval/2, apply_interval/4, ... start the timer server under kernel_sup.
    (Trigger::Function("timer", "req", 2), KERNEL),
    // The global name server, a child of kernel_sup, when the program names `global`
    // (`{:global, name}`, `:global.register_name/2`): every gen_server reaches global's
    // client functions through gen:where/1, so that says nothing.
    (Trigger::UserAtom("global"), KERNEL),
    (Trigger::UserAtom("global"), &[("beamwasm_kernel_global", "spec", 0)]),
    // System.trap_signal/2,3 adds handlers to the signal server (gen_event), a child of
    // kernel_sup that starts with kernel's own handler.
    (Trigger::Function("Elixir.System", "trap_signal", 3), SIGNAL),
    (Trigger::UserAtom("erl_signal_server"), SIGNAL),
    (Trigger::UserAtom("erl_signal_server"), KERNEL),
    (Trigger::Function("Elixir.System", "trap_signal", 3), KERNEL),
    // The elixir application's processes: elixir_config's server (System.at_exit/1,
    // System.trap_signal, Code options) and elixir_code_server; elixir:start/2 starts them
    // under elixir_sup.
    (Trigger::Function("elixir_config", "put", 2), ELIXIR),
    (Trigger::Function("elixir_config", "get_and_put", 2), ELIXIR),
    (Trigger::Function("elixir_config", "update", 2), ELIXIR),
    (Trigger::Function("elixir_config", "serial", 1), ELIXIR),
    (Trigger::Function("elixir_code_server", "call", 1), ELIXIR),
    (Trigger::Function("elixir_code_server", "cast", 1), ELIXIR),
    // Elixir's Logger application runs under the controller, like the others `elixir`
    // starts (its callback is kept by CONDITIONAL_ROOTS in link.rs).
    (Trigger::Function("Elixir.Logger.App", "start", 2), CONTROLLER),
    // The logger's server, for a program that talks to it without Elixir's Logger (which
    // has its own roots: CONDITIONAL_ROOTS in link.rs); the boot starts it.
    (
        Trigger::AnyFunction("logger", LOGGER_CONFIG),
        &[("logger_server", "start_link", 0), ("logger", "internal_init_logger", 0), ("logger", "remove_handler", 1)],
    ),
    // A program that names these processes (Process.whereis(:elixir_sup), ...) sees them
    // running, as on the VM.
    (Trigger::UserAtom("kernel_sup"), KERNEL),
    (Trigger::UserAtom("kernel_safe_sup"), KERNEL),
    (Trigger::UserAtom("global_name_server"), KERNEL),
    (Trigger::UserAtom("global_name_server"), &[("beamwasm_kernel_global", "spec", 0)]),
    (Trigger::UserAtom("elixir_sup"), ELIXIR),
    (Trigger::UserAtom("elixir_config"), ELIXIR),
    (Trigger::UserAtom("elixir_code_server"), ELIXIR),
    // The functions given to System.at_exit/1 run when the program's code is done.
    (Trigger::Function("Elixir.System", "at_exit", 1), &[("beamwasm_elixir", "at_exit", 1)]),
];

/// The applications of a program, worked out as the linker's closure grows.
#[derive(Default)]
pub struct AppLink {
    index: Option<AppIndex>,
    /// Application names found in each module scanned (per [`AppLink::named_in`]).
    named: HashMap<ModuleId, Vec<String>>,
    selected: BTreeSet<String>,
    /// The exports of the modules applications' environments name.
    exports: HashMap<String, Vec<(String, u32)>>,
}

impl AppLink {
    /// The functions to keep for what the program can do with applications so far; the
    /// linker adds those it does not have yet.
    pub fn roots(
        &mut self,
        program: &Program,
        linked: &HashSet<FuncRef>,
        order: &[FuncRef],
        user_modules: &HashSet<String>,
        source: &mut dyn ModuleSource,
    ) -> Vec<Mfa> {
        let mut out = Vec::new();
        let linked_modules: BTreeSet<ModuleId> = order.iter().map(|f| f.module).collect();
        let is_linked = |m: &str, f: &str, a: u32| -> bool {
            let Some(id) = program.loaded(m) else { return false };
            let Some(func) = program.get(id).and_then(|md| md.by_name.get(&(f.to_string(), a)).copied()) else {
                return false;
            };
            linked.contains(&FuncRef { module: id, func })
        };
        for (trigger, roots) in SERVICES {
            let needed = match trigger {
                Trigger::Function(m, f, a) => is_linked(m, f, *a),
                Trigger::Module(m) => program.loaded(m).is_some_and(|id| linked_modules.contains(&id)),
                Trigger::AnyFunction(m, fs) => fs.iter().any(|(f, a)| is_linked(m, f, *a)),
                Trigger::UserAtom(a) => linked_modules.iter().any(|&id| {
                    program.get(id).is_some_and(|m| user_modules.contains(&m.name) && m.beam.atoms.iter().any(|x| x == *a))
                }),
            };
            if needed {
                out.extend(roots.iter().map(|(m, f, a)| Mfa::new(m, f, *a)));
            }
        }
        let controller = program.loaded("application_controller").is_some_and(|id| linked_modules.contains(&id));
        if !controller {
            return out;
        }
        let index = self.index.get_or_insert_with(|| AppIndex::load(source));
        for app in BOOT_APPS {
            if index.apps.contains_key(*app) {
                self.selected.insert((*app).to_string());
            }
        }
        for &id in &linked_modules {
            let Some(module) = program.get(id) else { continue };
            let names = self.named.entry(id).or_insert_with(|| {
                let own = index.app_of(&module.name);
                let user = user_modules.contains(&module.name);
                atoms_of(module).into_iter().filter(|a| index.apps.contains_key(a) && (user || own == Some(a.as_str()))).collect()
            });
            for n in names.iter() {
                for dep in index.with_dependencies(n) {
                    self.selected.insert(dep);
                }
                // Optional applications start first when they are there.
                if let Some(app) = index.apps.get(n) {
                    for opt in &app.optional_applications {
                        self.selected.extend(index.with_dependencies(opt));
                    }
                }
            }
        }
        for name in &self.selected {
            let Some(app) = index.apps.get(name) else { continue };
            if BOOT_APPS.contains(&name.as_str()) {
                // Started by the boot when the program needs their processes (SERVICES);
                // then their master calls the other callbacks too.
                if let Some((module, _)) = &app.start_module {
                    if is_linked(module, "start", 2) {
                        out.extend(APP_CALLBACKS.iter().map(|(f, a)| Mfa::new(module, f, *a)));
                    }
                }
                continue;
            }
            if let Some((module, _)) = &app.start_module {
                out.extend(APP_CALLBACKS.iter().map(|(f, a)| Mfa::new(module, f, *a)));
            }
            // A module the application's environment names is one its code calls
            // (ExUnit's `formatters: [ExUnit.CLIFormatter]`), through a value no call site
            // shows: every function it exports is kept.
            let mut named = BTreeSet::new();
            literal_atoms(&app.env, &mut named);
            for module in named.iter().filter(|m| index.app_of(m).is_some()) {
                let exports = self.exports.entry(module.clone()).or_insert_with(|| exports_of(source, module));
                out.extend(exports.iter().map(|(f, a)| Mfa::new(module, f, *a)));
            }
        }
        out
    }

    /// The resource terms (`{application, Name, Properties}`) of the applications the
    /// program can load, the applications `elixir` starts first, in start order.
    pub fn applications(&self) -> Vec<Term> {
        let Some(index) = &self.index else { return Vec::new() };
        let mut names: Vec<&str> = BOOT_APPS.iter().copied().filter(|a| self.selected.contains(*a)).collect();
        names.extend(self.selected.iter().map(String::as_str).filter(|a| !BOOT_APPS.contains(a)));
        names.iter().filter_map(|n| index.apps.get(*n).map(|a| a.term.clone())).collect()
    }
}

/// The exported functions of module `name`, read from its `.beam` (none if it cannot be).
fn exports_of(source: &mut dyn ModuleSource, name: &str) -> Vec<(String, u32)> {
    let Some(Ok(bytes)) = source.load(name) else { return Vec::new() };
    let Ok(beam) = beam::BeamFile::parse(&bytes) else { return Vec::new() };
    beam.exports.iter().filter_map(|e| Some((beam.atom(e.function)?.to_string(), e.arity))).collect()
}

/// Every atom a module's code and literals name.
fn atoms_of(module: &crate::program::Module) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = module.beam.atoms.iter().map(str::to_string).collect();
    for lit in &module.beam.literals {
        literal_atoms(lit, &mut out);
    }
    out
}

fn literal_atoms(t: &Term, out: &mut BTreeSet<String>) {
    t.visit(&mut |t| {
        if let Term::Atom(a) = t {
            out.insert(a.clone());
        }
    });
}
