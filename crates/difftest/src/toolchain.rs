//! The real Erlang/Elixir toolchain: where `elixir`, `elixirc` and `erlc` are, and which
//! versions they are (part of every cache key, so a VM upgrade invalidates every oracle
//! result).

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::exec::{self, Exit};
use crate::{Error, Result};

/// Environment variables that would let the caller's shell change the VM's behaviour.
const SCRUBBED_ENV: &[&str] = &["ERL_AFLAGS", "ERL_FLAGS", "ERL_ZFLAGS", "ERL_LIBS", "ELIXIR_ERL_OPTIONS", "MIX_ENV"];

/// The located tools and their versions.
#[derive(Debug, Clone)]
pub struct Toolchain {
    pub elixir: PathBuf,
    pub elixirc: PathBuf,
    pub erlc: PathBuf,
    /// One line such as `elixir 1.14.0; otp 25; erts 13.1.5; OTP_VERSION 25.2.3`.
    pub versions: String,
}

impl Toolchain {
    /// Finds the tools on `PATH` and asks the VM for its versions.
    ///
    /// A missing tool is an [`Error::MissingTool`], whose message says to run
    /// `scripts/bootstrap.sh`.
    pub fn detect() -> Result<Toolchain> {
        let elixir = which("elixir")?;
        let elixirc = which("elixirc")?;
        let erlc = which("erlc")?;
        let probe = "IO.puts([\"elixir \", System.version(), \"; otp \", :erlang.system_info(:otp_release), \
                     \"; erts \", :erlang.system_info(:version), \"; OTP_VERSION \", \
                     String.trim(File.read!(Path.join([:code.root_dir(), \"releases\", \
                     List.to_string(:erlang.system_info(:otp_release)), \"OTP_VERSION\"])))])";
        let mut cmd = Command::new(&elixir);
        cmd.args(["-e", probe]);
        scrub(&mut cmd);
        let out = exec::run(&mut cmd, Duration::from_secs(60))?;
        if out.exit != Exit::Code(0) {
            return Err(Error::ToolFailed {
                what: "asking the Erlang VM for its version".to_string(),
                detail: format!("exit {}: {}", out.exit, String::from_utf8_lossy(&out.stderr).trim()),
            });
        }
        let versions = String::from_utf8_lossy(&out.stdout).trim().to_string();
        Ok(Toolchain { elixir, elixirc, erlc, versions })
    }
}

/// Removes the variables in [`SCRUBBED_ENV`] and pins a UTF-8 locale, so the VM behaves the
/// same whoever runs the harness. Both sides of a comparison get the same environment,
/// with the TLS fixtures' directory once they are made ([`crate::tls_fixture`]).
pub fn scrub(cmd: &mut Command) {
    for var in SCRUBBED_ENV {
        cmd.env_remove(var);
    }
    if let Some(dir) = crate::tls_fixture::dir() {
        cmd.env(crate::tls_fixture::VAR, dir);
    }
    cmd.env("LANG", "C.UTF-8").env("LC_ALL", "C.UTF-8");
}

/// The first executable named `tool` on `PATH`.
pub fn which(tool: &str) -> Result<PathBuf> {
    let path = env::var_os("PATH").unwrap_or_default();
    env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|p| is_executable(p))
        .ok_or_else(|| Error::MissingTool { tool: tool.to_string() })
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata().map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_finds_sh_and_reports_missing_tools_with_the_fix() {
        assert!(which("sh").is_ok());
        let err = which("definitely-not-a-tool-xyz").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("scripts/bootstrap.sh"), "{err}");
    }
}
