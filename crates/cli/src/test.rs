//! `beamwasm test`: runs ExUnit test files inside the module, as `mix test` runs them. The
//! installed `elixir` compiles the helper and the test files ([`crate::script`]); the
//! program replays them and ExUnit runs the suite on beamwasm's processes, printing its
//! own report, and the exit status is ExUnit's.

use std::path::{Path, PathBuf};

use crate::build::{build_with, BuildArgs};
use crate::run::{run_module, Engine};
use crate::script::{Script, TestOptions, ENTRY};

/// `beamwasm test`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Directories of `.beam` files to add to the code path, as `elixir -pa` does.
    #[arg(long = "pa", value_name = "DIR")]
    pub pa: Vec<PathBuf>,
    /// The seed of ExUnit's random order (`mix test --seed`).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Runs only the tests with this tag (`mix test --only`): `TAG` or `TAG:VALUE`.
    #[arg(long, value_name = "TAG")]
    pub only: Vec<String>,
    /// Skips the tests with this tag (`mix test --exclude`).
    #[arg(long, value_name = "TAG")]
    pub exclude: Vec<String>,
    /// Where to run the tests.
    #[arg(long, value_enum, default_value = "wasmtime")]
    pub engine: Engine,
    /// Compile the module afresh, without the compiled-module cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Print timings and sizes.
    #[arg(long)]
    pub verbose: bool,
    /// Test files (`*_test.exs`) and directories of them (searched recursively); `test`
    /// when none is given. Each directory's `test_helper.exs`, or the nearest one above
    /// a test file, is required first.
    pub paths: Vec<PathBuf>,
}

/// Runs `beamwasm test`; returns the exit status.
pub fn run(args: &Args) -> Result<i32, String> {
    let paths = if args.paths.is_empty() { vec![PathBuf::from("test")] } else { args.paths.clone() };
    let mut files = Vec::new();
    let mut helpers: Vec<PathBuf> = Vec::new();
    let mut add_helper = |h: PathBuf| {
        if !helpers.contains(&h) {
            helpers.push(h);
        }
    };
    for p in &paths {
        if p.is_dir() {
            let helper = p.join("test_helper.exs");
            if helper.is_file() {
                add_helper(helper);
            }
            let mut found = Vec::new();
            test_files(p, &mut found).map_err(|e| format!("{}: {e}", p.display()))?;
            found.sort();
            files.extend(found);
        } else if p.is_file() {
            if let Some(h) = nearest_helper(p) {
                add_helper(h);
            }
            files.push(p.clone());
        } else {
            return Err(format!("{}: no such test file or directory", p.display()));
        }
    }
    let options = TestOptions { seed: args.seed, only: args.only.clone(), exclude: args.exclude.clone() };
    let built = crate::script::build(&Script::Tests { helpers: &helpers, files: &files, options: &options }, &args.pa)?;
    let build_args =
        BuildArgs {
        entry: Vec::new(),
        eval: None,
        mix: None,
        no_halt: false,
        pa: args.pa.clone(),
        inputs: vec![built.dir.clone()],
        verbose: args.verbose,
        link: crate::build::LinkMode::Closure,
        keep: Vec::new(),
        names: true,
        size_report: false,
    };
    let wasm = build_with(&build_args, &[ENTRY.to_string()], &build_args.inputs, 0)?;
    drop(built);
    let cache = if args.no_cache { crate::run::Cache::Off } else { crate::run::Cache::User };
    let how = crate::run::Run { engine: args.engine, cache, verbose: args.verbose, entry: 0 };
    run_module(&wasm, &how, &[], None, crate::run::Allow::default())
}

/// The `*_test.exs` files under `dir`.
fn test_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            test_files(&path, out)?;
        } else if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with("_test.exs")) {
            out.push(path);
        }
    }
    Ok(())
}

/// The `test_helper.exs` in a test file's directory or the nearest directory above it.
fn nearest_helper(file: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(file).ok()?;
    abs.ancestors().skip(1).map(|d| d.join("test_helper.exs")).find(|h| h.is_file())
}
