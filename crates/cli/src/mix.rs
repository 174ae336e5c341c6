//! `beamwasm run --mix [DIR]`: a Mix project that `mix compile` built, run as `mix run`
//! runs it. The real `mix` reads the project (`mix_build.exs`): its `_build/ENV/lib/*/ebin`
//! directories become inputs, and a generated entry persists the configuration
//! (`config/config.exs` and `config/runtime.exs`, evaluated now), starts the project's
//! application with its dependencies, and runs `-e EXPR` or `--entry`, then halts or, with
//! `--no-halt`, keeps running.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::script::Built;

/// The build script, run by `mix run` inside the project.
const BUILD_SCRIPT: &str = include_str!("mix_build.exs");

/// The generated entry.
pub const ENTRY: &str = ":beamwasm_mix_main.main";

/// What `mix_build.exs` gives: the entry's directory and the project's ebin directories.
pub struct Project {
    /// The directory of the generated entry module.
    pub main: Built,
    /// `_build/ENV/lib/*/ebin`.
    pub ebins: Vec<PathBuf>,
}

/// How the entry ends: `-e` code (built separately as a script), a function, or nothing.
pub enum Then<'a> {
    /// `:beamwasm_script_main.main()`, the `-e` expression.
    Eval,
    /// `--entry Module.function`.
    Entry(&'a str),
    /// Only start the application.
    Nothing,
}

/// Reads the project in `dir` with the installed `mix`.
pub fn project(dir: &Path, then: Then, no_halt: bool) -> Result<Project, String> {
    if !dir.join("mix.exs").is_file() {
        return Err(format!("{}: not a Mix project (no mix.exs)", dir.display()));
    }
    if !dir.join("_build").is_dir() {
        return Err(format!("{}: the project is not compiled; run `mix compile` there first", dir.display()));
    }
    let main = Built::fresh("mix")?;
    let script = main.root().join("mix_build.exs");
    std::fs::write(&script, BUILD_SCRIPT).map_err(|e| format!("{}: {e}", script.display()))?;
    let mut cmd = Command::new("mix");
    cmd.current_dir(dir).args(["run", "--no-start", "--no-compile"]).arg(&script).arg(&main.dir);
    match then {
        Then::Eval => {
            cmd.arg("--eval");
        }
        Then::Entry(e) => {
            cmd.arg("--entry").arg(e);
        }
        Then::Nothing => {}
    }
    if no_halt {
        cmd.arg("--no-halt");
    }
    // What mix prints is the build's, not the program's: it goes to standard error.
    let out = cmd.output().map_err(|e| format!("cannot run mix: {e} (it comes with Elixir: run scripts/bootstrap.sh)"))?;
    eprint!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        return Err(format!("mix could not read the project in {} (its report is above)", dir.display()));
    }
    let list = main.dir.join("ebins.txt");
    let ebins = std::fs::read_to_string(&list).map_err(|e| format!("{}: {e}", list.display()))?;
    let ebins = ebins.lines().filter(|l| !l.is_empty()).map(PathBuf::from).collect();
    Ok(Project { main, ebins })
}
