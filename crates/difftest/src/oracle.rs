//! The oracle: the real Erlang VM, run exactly as `elixir -pa EBIN -e 'Mod.main()'` (with
//! `-pa LIB` for a program's library).

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::Result;
use crate::cache::{Cached, Slot};
use crate::exec::{self, Output};
use crate::program::{Library, Program};
use crate::toolchain::{self, Toolchain};

/// The command that runs `program` (compiled into `ebin`) on the real VM.
pub fn command(tools: &Toolchain, program: &Program, ebin: &Path) -> Command {
    let mut cmd = Command::new(&tools.elixir);
    cmd.arg("-pa").arg(ebin);
    if program.pa.is_some() {
        cmd.arg("-pa").arg(Library::ebin(ebin));
    }
    cmd.arg("-e").arg(program.oracle_call());
    toolchain::scrub(&mut cmd);
    cmd
}

/// The same command as a shell line a person can paste.
pub fn command_line(program: &Program, ebin: &Path) -> String {
    let pa = if program.pa.is_some() { format!(" -pa {}", Library::ebin(ebin).display()) } else { String::new() };
    format!("elixir -pa {}{pa} -e '{}'", ebin.display(), program.oracle_call())
}

/// Runs `program` on the VM once, uncached.
pub fn run_fresh(tools: &Toolchain, program: &Program, slot: &Slot, ebin: &Path, limit: Duration) -> Result<Output> {
    let mut cmd = command(tools, program, ebin);
    cmd.current_dir(&slot.dir);
    exec::run(&mut cmd, limit)
}

/// The oracle's answer for `program`: from the cache when this exact source has run on this
/// exact VM before, otherwise by running it (and caching the answer unless it timed out).
pub fn run_cached(tools: &Toolchain, program: &Program, slot: &Slot, ebin: &Path, limit: Duration) -> Result<Cached> {
    if let Some(cached) = slot.oracle() {
        return Ok(cached);
    }
    let out = run_fresh(tools, program, slot, ebin, limit)?;
    slot.store_oracle(&out.stdout, &out.exit)?;
    Ok(Cached { stdout: out.stdout, exit: out.exit })
}
