//! The harness's one error type: problems that stop the whole run (a missing toolchain, an
//! unreadable directory), as opposed to a program that fails, which is a verdict.

use std::fmt;
use std::path::PathBuf;

/// Something that stops the harness before or outside judging a single program.
#[derive(Debug)]
pub enum Error {
    /// A required tool is not on `PATH`.
    MissingTool { tool: String },
    /// A tool ran but did not do what we asked (e.g. the version probe failed).
    ToolFailed { what: String, detail: String },
    /// Reading or writing a file or directory failed.
    Io { path: PathBuf, source: std::io::Error },
    /// Starting a process failed.
    Spawn { program: String, source: std::io::Error },
    /// A program file is malformed (e.g. no module to call).
    BadProgram { path: PathBuf, reason: String },
    /// The command line was wrong.
    Usage(String),
}

/// Shorthand for results in this crate.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::MissingTool { tool } => write!(
                f,
                "`{tool}` was not found on PATH; the real Erlang VM is the oracle, \
                 run scripts/bootstrap.sh to install Erlang/OTP and Elixir"
            ),
            Error::ToolFailed { what, detail } => write!(f, "{what} failed: {detail}"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Spawn { program, source } => write!(f, "could not start `{program}`: {source}"),
            Error::BadProgram { path, reason } => write!(f, "{}: {reason}", path.display()),
            Error::Usage(msg) => write!(f, "{msg}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } | Error::Spawn { source, .. } => Some(source),
            _ => None,
        }
    }
}
