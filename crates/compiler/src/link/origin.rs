//! Whose code a module is: the platform's (OTP's applications, Elixir's applications and
//! beamwasm's runtime) or the program's side (the user's modules and every other
//! application, wherever it is installed), decided by the applications' resource files.
//!
//! Expects: an [`AppIndex`] of every resource file the source can see. Guarantees: every
//! module name has one [`Origin`]; a program-side module belongs to its application, or to
//! the *program* pseudo-application when no resource file lists it (the inputs, and
//! `.beam` files on `-pa` without an `.app`). The program pseudo-application depends on
//! every application, so it is in the scope of each of them.

use crate::apps::AppIndex;
use crate::HashSet;

/// OTP 25's applications (`lib/` of the OTP source tree, and `erts`). Their dynamic call
/// sites are the platform's: the linker models them (callback entry points, `M:F` pairs)
/// rather than applying the program-side fallback.
pub const OTP_APPS: &[&str] = &[
    "asn1", "common_test", "compiler", "crypto", "debugger", "dialyzer", "diameter", "edoc", "eldap", "erl_docgen",
    "erl_interface", "erts", "et", "eunit", "ftp", "inets", "jinterface", "kernel", "megaco", "mnesia", "observer",
    "odbc", "os_mon", "parsetools", "public_key", "reltool", "runtime_tools", "sasl", "snmp", "ssh", "ssl", "stdlib",
    "syntax_tools", "tftp", "tools", "wx", "xmerl",
];

/// Elixir 1.14's applications.
pub const ELIXIR_APPS: &[&str] = &["eex", "elixir", "ex_unit", "iex", "logger", "mix"];

/// An application on the program's side, by index into [`Origins::names`]; 0 is the
/// program pseudo-application.
pub type AppKey = usize;

/// The program pseudo-application: modules no resource file lists.
pub const PROGRAM: AppKey = 0;

/// Whose code a module is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// An OTP application's.
    Otp,
    /// Elixir's applications' or the runtime's (`beamwasm*`): *client code*, which hands
    /// modules to OTP as the program does.
    Client,
    /// The program's side: an application that is neither OTP's nor Elixir's, or the
    /// program pseudo-application.
    User(AppKey),
}

/// Every module's origin, and the program-side applications' relations.
pub struct Origins {
    /// The resource files.
    pub index: AppIndex,
    /// Program-side applications by key ("" is the program).
    pub names: Vec<String>,
    /// Each program-side application's scope (see [`Origins::scope`]), computed on demand.
    scopes: Vec<Option<Vec<AppKey>>>,
}

impl Origins {
    /// Indexes the program-side applications of `index`.
    pub fn new(index: AppIndex) -> Origins {
        let mut names = vec![String::new()];
        for name in index.apps.keys() {
            if !is_platform_app(name) {
                names.push(name.clone());
            }
        }
        let scopes = vec![None; names.len()];
        Origins { index, names, scopes }
    }

    /// The key of program-side application `name`.
    pub fn key(&self, name: &str) -> Option<AppKey> {
        self.names.iter().position(|n| n == name)
    }

    /// The origin of module `name`; `input` says whether it is one of the program's inputs.
    pub fn of(&self, name: &str, input: bool) -> Origin {
        if name.starts_with("beamwasm") {
            return Origin::Client;
        }
        match self.index.app_of(name) {
            Some(app) if OTP_APPS.contains(&app) => Origin::Otp,
            Some(app) if ELIXIR_APPS.contains(&app) => Origin::Client,
            Some(app) => Origin::User(self.key(app).unwrap_or(PROGRAM)),
            None if input => Origin::User(PROGRAM),
            // A module no resource file lists: the platform's modules are all listed
            // (but for a few of OTP's build-time ones), so it is the program's.
            None => Origin::User(PROGRAM),
        }
    }

    /// The program-side applications whose code can hand a value to code of `app`, or
    /// take one from it: `app`, the program-side applications it depends on and those
    /// that depend on it (transitively), and the program.
    pub fn scope(&mut self, app: AppKey) -> Vec<AppKey> {
        if let Some(Some(s)) = self.scopes.get(app) {
            return s.clone();
        }
        let mut out: HashSet<AppKey> = HashSet::default();
        out.insert(PROGRAM);
        out.insert(app);
        if let Some(name) = self.names.get(app).cloned() {
            if app != PROGRAM {
                for dep in self.index.with_dependencies(&name) {
                    if let Some(k) = self.key(&dep) {
                        out.insert(k);
                    }
                }
                for (other, _) in self.index.apps.iter() {
                    if is_platform_app(other) || *other == name {
                        continue;
                    }
                    if self.index.with_dependencies(other).iter().any(|d| *d == name) {
                        if let Some(k) = self.key(other) {
                            out.insert(k);
                        }
                    }
                }
            } else {
                // The program depends on every application.
                out.extend(0..self.names.len());
            }
        }
        let mut v: Vec<AppKey> = out.into_iter().collect();
        v.sort_unstable();
        if let Some(slot) = self.scopes.get_mut(app) {
            *slot = Some(v.clone());
        }
        v
    }

    /// The modules of program-side application `app` its resource file lists (none for the
    /// program pseudo-application: its modules are the inputs).
    pub fn modules(&self, app: AppKey) -> Vec<String> {
        let Some(name) = self.names.get(app) else { return Vec::new() };
        self.index.apps.get(name).map(|a| a.modules.clone()).unwrap_or_default()
    }
}

/// Whether `name` is one of the platform's applications.
pub fn is_platform_app(name: &str) -> bool {
    OTP_APPS.contains(&name) || ELIXIR_APPS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apps::Application;

    fn index(apps: &[&str]) -> AppIndex {
        let mut index = AppIndex::default();
        for text in apps {
            let app = Application::parse(text).unwrap_or_else(|e| panic!("{e}"));
            for m in &app.modules {
                index.module_app.insert(m.clone(), app.name.clone());
            }
            index.apps.insert(app.name.clone(), app);
        }
        index
    }

    #[test]
    fn a_library_under_the_otp_root_is_the_programs_side() {
        let o = Origins::new(index(&[
            "{application, stdlib, [{modules, [lists]}]}.",
            "{application, elixir, [{modules, ['Elixir.Enum']}]}.",
            "{application, luerl, [{modules, [luerl, 'Elixir.Luerl']}, {applications, [kernel, stdlib]}]}.",
        ]));
        assert_eq!(o.of("lists", false), Origin::Otp);
        assert_eq!(o.of("Elixir.Enum", false), Origin::Client);
        assert_eq!(o.of("beamwasm_boot", false), Origin::Client);
        let luerl = o.key("luerl").unwrap_or_else(|| panic!("luerl is program-side"));
        assert_eq!(o.of("luerl", false), Origin::User(luerl));
        assert_eq!(o.of("Elixir.Luerl", false), Origin::User(luerl));
        assert_eq!(o.of("dec", false), Origin::User(PROGRAM));
    }

    #[test]
    fn a_scope_holds_dependencies_dependents_and_the_program() {
        let mut o = Origins::new(index(&[
            "{application, a, [{modules, [a]}, {applications, [kernel, b]}]}.",
            "{application, b, [{modules, [b]}, {applications, [stdlib]}]}.",
            "{application, c, [{modules, [c]}, {applications, [a]}]}.",
            "{application, d, [{modules, [d]}]}.",
        ]));
        let k = |n: &str| o.key(n).unwrap_or_else(|| panic!("{n}"));
        let (a, b, c, d) = (k("a"), k("b"), k("c"), k("d"));
        let scope_b = o.scope(b);
        assert!(scope_b.contains(&PROGRAM) && scope_b.contains(&a) && scope_b.contains(&c));
        assert!(!scope_b.contains(&d));
        assert_eq!(o.scope(PROGRAM).len(), 5);
    }
}
