//! The side under test: `beamwasm run --engine E --entry Mod.main EBIN`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::exec::{self, Output};
use crate::program::{Library, Program};
use crate::toolchain;
use crate::{Error, Result};

/// How to invoke beamwasm.
#[derive(Debug, Clone)]
pub struct Target {
    /// The `beamwasm` binary (default `target/release/beamwasm`).
    pub binary: PathBuf,
    /// The `--engine` to pass: `wasmtime` or `node`.
    pub engine: String,
    /// Whether wasmtime's compiled modules are kept in beamwasm's cache. The suite runs
    /// each module once, so it passes `--no-cache` rather than fill the disk; the
    /// benchmarks run each module several times and use it.
    pub cache: bool,
    /// Extra `beamwasm run` options (`--link=complete`).
    pub extra: Vec<String>,
}

impl Target {
    /// Checks that the binary exists, with a message that says how to build it.
    pub fn check(&self) -> Result<()> {
        if self.binary.is_file() {
            Ok(())
        } else {
            Err(Error::ToolFailed {
                what: "finding the beamwasm binary".to_string(),
                detail: format!("{} does not exist; build it with `cargo build --release`", self.binary.display()),
            })
        }
    }

    /// The command that runs `program` (compiled into `ebin`) on beamwasm.
    pub fn command(&self, program: &Program, ebin: &Path) -> Command {
        let mut cmd = Command::new(&self.binary);
        cmd.arg("run").arg("--engine").arg(&self.engine);
        if !self.cache {
            cmd.arg("--no-cache");
        }
        cmd.args(&self.extra);
        if program.pa.is_some() {
            cmd.arg("-pa").arg(Library::ebin(ebin));
        }
        cmd.arg("--entry").arg(program.entry()).arg(ebin);
        toolchain::scrub(&mut cmd);
        cmd
    }

    /// The same command as a shell line a person can paste.
    pub fn command_line(&self, program: &Program, ebin: &Path) -> String {
        let mut extra: String = self.extra.iter().map(|e| format!(" {e}")).collect();
        if program.pa.is_some() {
            extra.push_str(&format!(" -pa {}", Library::ebin(ebin).display()));
        }
        format!(
            "{} run --engine {}{}{extra} --entry {} {}",
            self.binary.display(),
            self.engine,
            if self.cache { "" } else { " --no-cache" },
            program.entry(),
            ebin.display()
        )
    }

    /// The command that builds one module holding every program of `members` (each its
    /// entry and its `ebin`), as `run` builds one (the name section kept), into `out`.
    pub fn build_group_command(&self, members: &[(&Program, &Path)], out: &Path) -> Command {
        let mut cmd = Command::new(&self.binary);
        cmd.arg("build").arg("--names");
        cmd.args(&self.extra);
        for (program, _) in members {
            cmd.arg("--entry").arg(program.entry());
        }
        for (_, ebin) in members {
            cmd.arg(ebin);
        }
        cmd.arg("-o").arg(out);
        toolchain::scrub(&mut cmd);
        cmd
    }

    /// The command that runs `program`'s entry of the module `wasm` built by
    /// [`Target::build_group_command`], the engine's compiled module kept in `cache`.
    pub fn run_built_command(&self, program: &Program, wasm: &Path, cache: &Path) -> Command {
        let mut cmd = Command::new(&self.binary);
        cmd.arg("run").arg("--engine").arg(&self.engine);
        if self.engine == "wasmtime" {
            cmd.arg("--cache-dir").arg(cache);
        }
        cmd.arg("--entry").arg(program.entry()).arg(wasm);
        toolchain::scrub(&mut cmd);
        cmd
    }

    /// Runs `program` on beamwasm with the time limit.
    pub fn run(&self, program: &Program, ebin: &Path, cwd: &Path, limit: Duration) -> Result<Output> {
        let mut cmd = self.command(program, ebin);
        cmd.current_dir(cwd);
        exec::run(&mut cmd, limit)
    }
}
