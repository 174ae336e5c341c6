//! Elixir scripts and ExUnit test files: the installed `elixir` compiles what they define
//! and generates the program's entry (`script_build.exs` says how), into a directory the
//! build then takes as an input. Used by `beamwasm run script.exs`, `beamwasm run -e` and
//! `beamwasm test`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The build script, run by the installed `elixir`.
const BUILD_SCRIPT: &str = include_str!("script_build.exs");

/// The module and function the generated code starts at.
pub const ENTRY: &str = ":beamwasm_script_main.main";

/// What to build.
pub enum Script<'a> {
    /// A script file, as `elixir FILE` runs it.
    File(&'a Path),
    /// An expression, as `elixir -e EXPR` runs it.
    Eval(&'a str),
    /// Test files, as `elixir -r HELPER -r FILE...` (or `mix test`) runs them.
    Tests {
        /// The `test_helper.exs` files, required first.
        helpers: &'a [PathBuf],
        /// The `*_test.exs` files, in order.
        files: &'a [PathBuf],
        /// ExUnit options, as `mix test` takes them.
        options: &'a TestOptions,
    },
}

/// `mix test`'s options that `beamwasm test` takes.
#[derive(Debug, Default, Clone)]
pub struct TestOptions {
    /// `--seed N`.
    pub seed: Option<u64>,
    /// `--only TAG` (each).
    pub only: Vec<String>,
    /// `--exclude TAG` (each).
    pub exclude: Vec<String>,
}

/// A directory of built modules, removed (with the build's other files) when dropped.
pub struct Built {
    /// The directory of `.beam` files.
    pub dir: PathBuf,
    root: PathBuf,
}

impl Built {
    /// A fresh, empty build directory (`KIND` names it).
    pub fn fresh(kind: &str) -> Result<Built, String> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let root = std::env::temp_dir().join(format!("beamwasm-{kind}-{}-{nanos}", std::process::id()));
        let built = Built { dir: root.join("ebin"), root };
        std::fs::create_dir_all(&built.dir).map_err(|e| format!("{}: {e}", built.dir.display()))?;
        Ok(built)
    }

    /// The directory the build's other files go in.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl Drop for Built {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Builds `script` into a fresh directory of `.beam` files whose entry is [`ENTRY`]. The
/// `elixir` command runs in the current directory, with the `-pa` directories on its code
/// path; its diagnostics go to standard error, as when `elixir` runs the script.
pub fn build(script: &Script, pa: &[PathBuf]) -> Result<Built, String> {
    let built = Built::fresh("script")?;
    let script_file = built.root().join("script_build.exs");
    std::fs::write(&script_file, BUILD_SCRIPT).map_err(|e| format!("{}: {e}", script_file.display()))?;
    let mut cmd = Command::new("elixir");
    for p in pa {
        cmd.arg("-pa").arg(p);
    }
    cmd.arg(&script_file).arg("--out").arg(&built.dir);
    match script {
        Script::File(file) => {
            cmd.args(["--mode", "script"]).arg(file);
        }
        Script::Eval(expr) => {
            cmd.args(["--mode", "script", "--eval", expr]);
        }
        Script::Tests { helpers, files, options } => {
            cmd.args(["--mode", "test"]);
            if let Some(seed) = options.seed {
                cmd.arg("--seed").arg(seed.to_string());
            }
            for tag in &options.only {
                cmd.arg("--only").arg(tag);
            }
            for tag in &options.exclude {
                cmd.arg("--exclude").arg(tag);
            }
            for h in helpers.iter() {
                cmd.arg("--helper").arg(h);
            }
            cmd.args(files.iter());
        }
    }
    // What the build prints is not the program's output: it goes to standard error.
    let out = cmd.output().map_err(|e| format!("cannot run elixir: {e} (run scripts/bootstrap.sh)"))?;
    eprint!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        return Err(match script {
            Script::Tests { .. } => "the test files did not compile (elixir's report is above)".to_string(),
            _ => "the script did not compile (elixir's report is above)".to_string(),
        });
    }
    Ok(built)
}
