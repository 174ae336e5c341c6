//! Applications, as their resource files (`NAME.app`) describe them: which modules belong
//! to which application, what each depends on, its environment and its start callback.
//!
//! Expects: resource files through [`ModuleSource::app_file`] / [`ModuleSource::app_names`].
//! Guarantees: [`AppIndex::load`] reads every application the source can see once; a file
//! that cannot be read or parsed is reported in [`AppIndex::problems`] and otherwise
//! skipped, never a panic. Which application a module belongs to is what the first
//! resource file on the code path that lists it says (`application:get_application/1`'s
//! answer on the VM); a module no resource file lists belongs to none.

use std::collections::BTreeMap;

use beam::Term;

use crate::program::ModuleSource;
use crate::HashMap;

/// One application resource file.
#[derive(Clone, Debug, PartialEq)]
pub struct Application {
    /// The application's name.
    pub name: String,
    /// `vsn`, if given.
    pub vsn: Option<String>,
    /// `modules`.
    pub modules: Vec<String>,
    /// `applications`: the applications that must be started before this one.
    pub applications: Vec<String>,
    /// `included_applications`.
    pub included_applications: Vec<String>,
    /// `optional_applications` (OTP 24+).
    pub optional_applications: Vec<String>,
    /// `registered`.
    pub registered: Vec<String>,
    /// `mod`: the callback module and its start argument.
    pub start_module: Option<(String, Term)>,
    /// `env`, as written (a list of `{Key, Value}`).
    pub env: Term,
    /// The whole `{application, Name, Properties}` term.
    pub term: Term,
}

impl Application {
    /// Reads a resource file's text.
    pub fn parse(text: &str) -> Result<Application, String> {
        let terms = beam::consult::consult(text).map_err(|e| e.to_string())?;
        let [term] = terms.as_slice() else {
            return Err(format!("expected one term, found {}", terms.len()));
        };
        let Term::Tuple(elems) = term else { return Err("expected {application, Name, Properties}".into()) };
        let [tag, name, props] = elems.as_slice() else {
            return Err("expected {application, Name, Properties}".into());
        };
        if tag.as_atom() != Some("application") {
            return Err("expected {application, Name, Properties}".into());
        }
        let name = name.as_atom().ok_or("the application name is not an atom")?.to_string();
        let props = props.as_proper_list().ok_or("the properties are not a list")?;
        let mut app = Application {
            name,
            vsn: None,
            modules: Vec::new(),
            applications: Vec::new(),
            included_applications: Vec::new(),
            optional_applications: Vec::new(),
            registered: Vec::new(),
            start_module: None,
            env: Term::Nil,
            term: term.clone(),
        };
        for p in props {
            let Term::Tuple(kv) = p else { continue };
            let [k, v] = kv.as_slice() else { continue };
            match k.as_atom() {
                Some("vsn") => app.vsn = string(v),
                Some("modules") => app.modules = atoms(v),
                Some("applications") => app.applications = atoms(v),
                Some("included_applications") => app.included_applications = atoms(v),
                Some("optional_applications") => app.optional_applications = atoms(v),
                Some("registered") => app.registered = atoms(v),
                Some("env") => app.env = v.clone(),
                Some("mod") => {
                    if let Term::Tuple(m) = v {
                        if let [Term::Atom(module), arg] = m.as_slice() {
                            app.start_module = Some((module.clone(), arg.clone()));
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(app)
    }
}

/// The atoms of a list term (others skipped).
fn atoms(t: &Term) -> Vec<String> {
    t.as_proper_list().unwrap_or_default().iter().filter_map(|a| a.as_atom().map(str::to_string)).collect()
}

/// A string written as a list of character codes.
fn string(t: &Term) -> Option<String> {
    match t {
        Term::Nil => Some(String::new()),
        _ => t
            .as_proper_list()?
            .iter()
            .map(|c| match c {
                Term::Int(n) => u32::try_from(*n).ok().and_then(char::from_u32),
                _ => None,
            })
            .collect(),
    }
}

/// Every application a source can see.
#[derive(Clone, Debug, Default)]
pub struct AppIndex {
    /// Applications by name.
    pub apps: BTreeMap<String, Application>,
    /// Each listed module's application.
    pub module_app: HashMap<String, String>,
    /// Resource files that could not be read, with why.
    pub problems: Vec<(String, String)>,
}

impl AppIndex {
    /// Reads every resource file `source` offers.
    pub fn load(source: &mut dyn ModuleSource) -> AppIndex {
        let mut index = AppIndex::default();
        for name in source.app_names() {
            let text = match source.app_file(&name) {
                Some(Ok(bytes)) => String::from_utf8_lossy(&bytes).into_owned(),
                Some(Err(e)) => {
                    index.problems.push((name, e));
                    continue;
                }
                None => continue,
            };
            match Application::parse(&text) {
                Ok(app) => {
                    for m in &app.modules {
                        index.module_app.entry(m.clone()).or_insert_with(|| app.name.clone());
                    }
                    index.apps.insert(app.name.clone(), app);
                }
                Err(e) => index.problems.push((name, e)),
            }
        }
        index
    }

    /// The application module `module` belongs to, if any resource file lists it.
    pub fn app_of(&self, module: &str) -> Option<&str> {
        self.module_app.get(module).map(String::as_str)
    }

    /// `app` and every application it needs, transitively (`applications` and
    /// `included_applications`), dependencies before dependents; unknown names are
    /// skipped. `optional_applications` count only when present.
    pub fn with_dependencies(&self, app: &str) -> Vec<String> {
        let mut order = Vec::new();
        let mut seen = crate::HashSet::default();
        self.visit(app, &mut seen, &mut order);
        order
    }

    fn visit(&self, app: &str, seen: &mut crate::HashSet<String>, order: &mut Vec<String>) {
        if !seen.insert(app.to_string()) {
            return;
        }
        let Some(a) = self.apps.get(app) else { return };
        for d in a.applications.iter().chain(&a.included_applications) {
            self.visit(d, seen, order);
        }
        order.push(app.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_resource_file() {
        let app = Application::parse(
            "{application, demo, [{vsn, \"0.1.0\"}, {modules, [demo_app, demo_sup]}, {applications, [kernel, stdlib]}, {mod, {demo_app, []}}, {env, [{answer, 42}]}]}.",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(app.name, "demo");
        assert_eq!(app.vsn.as_deref(), Some("0.1.0"));
        assert_eq!(app.modules, ["demo_app", "demo_sup"]);
        assert_eq!(app.applications, ["kernel", "stdlib"]);
        assert_eq!(app.start_module, Some(("demo_app".to_string(), Term::Nil)));
        assert!(Application::parse("{app, x, []}.").is_err());
    }
}
