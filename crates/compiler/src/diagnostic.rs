//! One diagnostic type for everything the compiler reports: a severity, what went wrong,
//! where (`module:function/arity`, and the caller when one is known), and what to do.

use std::fmt;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build goes on; the code raises an Erlang error if it is ever reached.
    Warning,
    /// The build cannot produce a module.
    Error,
}

/// A function, written `module:function/arity`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mfa {
    /// The module name.
    pub module: String,
    /// The function name.
    pub function: String,
    /// The arity.
    pub arity: u32,
}

impl Mfa {
    /// Builds an MFA.
    pub fn new(module: &str, function: &str, arity: u32) -> Mfa {
        Mfa { module: module.to_string(), function: function.to_string(), arity }
    }
}

impl fmt::Display for Mfa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}/{}", self.module, self.function, self.arity)
    }
}

/// Something the compiler has to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Warning or error.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The function the problem is in or about.
    pub function: Option<Mfa>,
    /// The function that calls it, when the problem is a call.
    pub caller: Option<Mfa>,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error with a message.
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Error, message: message.into(), function: None, caller: None, hint: None }
    }

    /// A warning with a message.
    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, message: message.into(), function: None, caller: None, hint: None }
    }

    /// Names the function concerned.
    pub fn in_function(mut self, mfa: Mfa) -> Diagnostic {
        self.function = Some(mfa);
        self
    }

    /// Names the caller.
    pub fn called_from(mut self, mfa: Mfa) -> Diagnostic {
        self.caller = Some(mfa);
        self
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{sev}: {}", self.message)?;
        if let Some(mfa) = &self.function {
            write!(f, "\n  in {mfa}")?;
        }
        if let Some(caller) = &self.caller {
            write!(f, "\n  called from {caller}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}
