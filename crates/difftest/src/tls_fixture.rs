//! The TLS fixtures of the conformance programs that use `ssl`: a test CA, a server
//! certificate for `localhost` and 127.0.0.1 and an unrelated CA, made at test time on the
//! real VM (`public_key:pkix_test_data/1`, `tls_test_certs.erl`) into the work directory.
//! Programs find them through the variable `BEAMWASM_TEST_TLS`, which [`crate::toolchain::scrub`]
//! gives both sides of every comparison once [`prepare`] has run. Only a run that selects a
//! program naming that variable makes them (about 3 s of the VM's key generation).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use crate::exec::{self, Exit};
use crate::program::Program;
use crate::toolchain::{self, Toolchain};
use crate::{Error, Result};

/// The variable that names the fixtures' directory.
pub const VAR: &str = "BEAMWASM_TEST_TLS";

const GENERATOR: &str = include_str!("tls_test_certs.erl");

static DIR: OnceLock<PathBuf> = OnceLock::new();

/// The fixtures' directory, once made.
pub fn dir() -> Option<&'static Path> {
    DIR.get().map(PathBuf::as_path)
}

/// Makes the fixtures under `work` when some of `programs` uses them.
pub fn prepare(tools: &Toolchain, work: &Path, programs: &[Program]) -> Result<()> {
    if DIR.get().is_some() || !programs.iter().any(|p| p.source.contains(VAR)) {
        return Ok(());
    }
    let dir = work.join("tls-fixtures");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let src = dir.join("tls_test_certs.erl");
    std::fs::write(&src, GENERATOR).map_err(|e| Error::io(&src, e))?;
    let mut erlc = Command::new(&tools.erlc);
    erlc.arg("-o").arg(&dir).arg(&src);
    toolchain::scrub(&mut erlc);
    check(exec::run(&mut erlc, Duration::from_secs(120))?, "compiling tls_test_certs.erl")?;
    let mut vm = Command::new(&tools.elixir);
    vm.arg("-pa").arg(&dir).arg("-e").arg(format!(":ok = :tls_test_certs.main({:?})", dir.display().to_string()));
    toolchain::scrub(&mut vm);
    check(exec::run(&mut vm, Duration::from_secs(300))?, "making the TLS test certificates")?;
    let _ = DIR.set(dir);
    Ok(())
}

fn check(out: exec::Output, what: &str) -> Result<()> {
    if out.exit == Exit::Code(0) {
        return Ok(());
    }
    Err(Error::ToolFailed { what: what.to_string(), detail: String::from_utf8_lossy(&out.stderr).trim().to_string() })
}
