//! `beamwasm build` and the part of `beamwasm run` it shares: turn the inputs (`.beam`
//! files, directories of them, `.ex`/`.exs`/`.erl` sources) into one WebAssembly module.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use beamwasm_compiler::{Mfa, ModuleSource, Options};

/// What `build` and `run` take.
#[derive(clap::Args, Debug, Clone)]
pub struct BuildArgs {
    /// The entry function, as its user writes it: `MyApp.Main.run` or `my_mod.main`.
    /// Without it, the one `.exs` (or `.ex`) input is a script, run as `elixir FILE` runs it.
    /// `build` takes it more than once: the module then holds every entry, and which one
    /// runs is chosen when it starts (`beamwasm run MODULE.wasm --entry ...`).
    #[arg(long)]
    pub entry: Vec<String>,
    /// Runs an expression, as `elixir -e EXPR` does.
    #[arg(short = 'e', long = "eval", value_name = "EXPR", conflicts_with = "entry")]
    pub eval: Option<String>,
    /// Runs the Mix project in DIR (default: the current directory), which `mix compile`
    /// built, as `mix run` does: its application starts, then `-e`/`--entry` runs.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = ".")]
    pub mix: Option<PathBuf>,
    /// With `--mix`: keep running after the code, as `mix run --no-halt` does.
    #[arg(long, requires = "mix")]
    pub no_halt: bool,
    /// Directories of `.beam` files to add to the code path, as `elixir -pa` does.
    #[arg(long = "pa", value_name = "DIR")]
    pub pa: Vec<PathBuf>,
    /// `.beam` files, directories of them, or `.ex`, `.exs` and `.erl` sources.
    pub inputs: Vec<PathBuf>,
    /// Print timings, sizes, and the dynamic call sites whose module or function the
    /// linker could not determine.
    #[arg(long)]
    pub verbose: bool,
    /// What to link: `closure` (the default) keeps what the entry can reach; `complete`
    /// also keeps every module of every application the program reaches and of their
    /// dependencies, as a release would.
    #[arg(long = "link", value_enum, default_value = "closure")]
    pub link: LinkMode,
    /// Keep every exported function of MODULE (as written in Erlang: `Elixir.Foo.Bar`,
    /// `foo_bar`), for code the linker cannot see being called. Repeatable.
    #[arg(long = "keep", value_name = "MODULE")]
    pub keep: Vec<String>,
    /// Keep the name section (function, global and data segment names), for debugging
    /// and profiling; `beamwasm run` always keeps it.
    #[arg(long)]
    pub names: bool,
    /// Print where the module's bytes come from (by BEAM module, runtime file, data
    /// segment) on stderr.
    #[arg(long)]
    pub size_report: bool,
}

/// How much the linker keeps.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkMode {
    /// What the entry can reach.
    Closure,
    /// Every module of the program's applications and their dependencies.
    Complete,
}

/// `beamwasm build`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub build: BuildArgs,
    /// Where to write the module.
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
}

/// Runs `beamwasm build`.
pub fn run(args: &Args) -> Result<(), String> {
    let wasm = build(&args.build, 0)?;
    std::fs::write(&args.output, wasm).map_err(|e| format!("{}: {e}", args.output.display()))
}

/// The module name and function name of an entry written as its user writes it.
pub fn parse_entry(entry: &str) -> Result<(String, String), String> {
    let (module, function) = entry
        .rsplit_once('.')
        .ok_or_else(|| format!("--entry {entry}: write it as Module.function (e.g. MyApp.main or my_mod.main)"))?;
    let module = module.strip_prefix(':').map(str::to_string).unwrap_or_else(|| {
        if module.starts_with(|c: char| c.is_ascii_uppercase()) {
            format!("Elixir.{module}")
        } else {
            module.to_string()
        }
    });
    Ok((module, function.to_string()))
}

/// Builds the module for `args`; `argc` is how many program arguments will be passed
/// (it decides between an entry of arity 0 and 1 when both exist). Without `--entry`, the
/// program is a script (`-e EXPR`, or the one `.exs`/`.ex` input): see [`crate::script`].
pub fn build(args: &BuildArgs, argc: usize) -> Result<Vec<u8>, String> {
    if let Some(dir) = &args.mix {
        return build_mix(args, dir);
    }
    if !args.entry.is_empty() {
        return build_with(args, &args.entry, &args.inputs, argc);
    }
    let is_source = |p: &&PathBuf| matches!(p.extension().and_then(|e| e.to_str()), Some("ex" | "exs"));
    let built = match (&args.eval, args.inputs.iter().filter(is_source).collect::<Vec<_>>().as_slice()) {
        (Some(expr), _) => crate::script::build(&crate::script::Script::Eval(expr), &args.pa)?,
        (None, [file]) => crate::script::build(&crate::script::Script::File(file), &args.pa)?,
        (None, []) => return Err("give --entry Module.function, -e EXPR, or a script (.exs) to run".into()),
        (None, _) => return Err("several .ex/.exs inputs and no --entry: give --entry, or one script".into()),
    };
    let mut inputs: Vec<PathBuf> = args.inputs.iter().filter(|p| !is_source(p)).cloned().collect();
    inputs.insert(0, built.dir.clone());
    build_with(args, &[crate::script::ENTRY.to_string()], &inputs, argc)
}

/// `--mix DIR`: the project's ebin directories and the generated entry ([`crate::mix`]),
/// with the `-e` expression built as a script against the project's modules.
fn build_mix(args: &BuildArgs, dir: &Path) -> Result<Vec<u8>, String> {
    use crate::mix::Then;
    let then = match (&args.eval, args.entry.as_slice()) {
        (Some(_), _) => Then::Eval,
        (None, [e]) => Then::Entry(e),
        (None, []) => Then::Nothing,
        (None, _) => return Err("--mix runs one entry: give --entry once".into()),
    };
    let project = crate::mix::project(dir, then, args.no_halt)?;
    let mut pa = project.ebins.clone();
    pa.extend(args.pa.iter().cloned());
    let script = match &args.eval {
        Some(expr) => Some(crate::script::build(&crate::script::Script::Eval(expr), &pa)?),
        None => None,
    };
    let mut inputs = vec![project.main.dir.clone()];
    inputs.extend(script.iter().map(|s| s.dir.clone()));
    inputs.extend(project.ebins.iter().cloned());
    inputs.extend(args.inputs.iter().cloned());
    build_with(args, &[crate::mix::ENTRY.to_string()], &inputs, 0)
}

/// Builds the module for the entries `entries` (as their user writes them; at least one)
/// and `inputs`.
pub fn build_with(args: &BuildArgs, entries: &[String], inputs: &[PathBuf], argc: usize) -> Result<Vec<u8>, String> {
    let t0 = Instant::now();
    let mut source = PathSource::new(inputs, &args.pa)?;
    let mut mfas = Vec::new();
    for entry in entries {
        let (module, function) = parse_entry(entry)?;
        let arity = source.entry_arity(&module, &function, argc)?;
        let mfa = Mfa::new(&module, &function, arity);
        if mfas.contains(&mfa) {
            return Err(format!("--entry {entry} is given twice"));
        }
        mfas.push(mfa);
    }
    let Some(first) = mfas.first().cloned() else { return Err("give --entry Module.function".into()) };
    let (module, function, arity) = (first.module.clone(), first.function.clone(), first.arity);
    let t1 = Instant::now();
    let link = beamwasm_compiler::link::LinkOptions {
        complete: args.link == LinkMode::Complete,
        keep: args.keep.iter().map(|k| keep_name(k)).collect(),
        roots: Vec::new(),
    };
    let more = mfas.len() - 1;
    let options = Options { entry: first, entries: mfas.into_iter().skip(1).collect(), link, names: args.names };
    let also = if more > 0 { format!(" and {more} more entries") } else { String::new() };
    let progress = crate::progress::Progress::start(format!("building {module}.{function}/{arity}{also}"));
    let out = beamwasm_compiler::compile(&options, &mut source);
    progress.done();
    let out = out.map_err(|ds| ds.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))?;
    for w in &out.warnings {
        if args.verbose {
            eprintln!("{w}");
        }
    }
    if args.verbose {
        report_unresolved(&out.unresolved);
        eprintln!(
            "beamwasm: {} functions from {} modules, {} bytes; sources {:.0?}, compile {:.0?}",
            out.functions,
            out.modules,
            out.wasm.len(),
            t1 - t0,
            t1.elapsed()
        );
    }
    if args.size_report {
        eprint!("{}", out.size);
    }
    Ok(out.wasm)
}

/// A `--keep` module as the linker names it: Elixir's `Foo.Bar` is `Elixir.Foo.Bar`.
fn keep_name(name: &str) -> String {
    match name.strip_prefix(':') {
        Some(erl) => erl.to_string(),
        None if name.starts_with(|c: char| c.is_ascii_uppercase()) && !name.starts_with("Elixir.") => format!("Elixir.{name}"),
        None => name.to_string(),
    }
}

/// Lists the dynamic call sites the linker could not resolve: each program-side site on
/// its own line, the platform's (OTP's, Elixir's, the runtime's) counted.
fn report_unresolved(sites: &[beamwasm_compiler::link::Unresolved]) {
    let (platform, own): (Vec<_>, Vec<_>) = sites.iter().partition(|s| s.platform);
    if !own.is_empty() {
        eprintln!("beamwasm: {} dynamic call sites in the program's code whose target is not known at build time:", own.len());
        for s in &own {
            eprintln!("  {s}");
        }
        eprintln!("  (--keep MODULE keeps a module the rules miss)");
    }
    if !platform.is_empty() {
        eprintln!(
            "beamwasm: {} dynamic call sites in OTP, Elixir and the runtime are covered by the linker's models (BEAMWASM_LINK_TRACE=1 lists them)",
            platform.len()
        );
    }
}

/// Modules from the inputs, the `-pa` directories and the installed Erlang and Elixir.
pub struct PathSource {
    index: HashMap<String, PathBuf>,
    user: Vec<String>,
    /// The modules of the inputs and the `-pa` directories.
    path: Vec<String>,
    /// Application resource files (`NAME.app`) by application name, first on the path wins.
    apps: HashMap<String, PathBuf>,
    /// The `-pa` directories.
    pa: Vec<PathBuf>,
}

impl PathSource {
    fn new(inputs: &[PathBuf], pa: &[PathBuf]) -> Result<PathSource, String> {
        let mut index = HashMap::new();
        // Later entries lose: inputs first, then -pa, then the standard library.
        let mut dirs: Vec<PathBuf> = Vec::new();
        let mut files: Vec<PathBuf> = Vec::new();
        let mut sources: Vec<PathBuf> = Vec::new();
        for i in inputs {
            match i.extension().and_then(|e| e.to_str()) {
                Some("beam") => files.push(i.clone()),
                Some("ex" | "exs" | "erl") => sources.push(i.clone()),
                _ if i.is_dir() => dirs.push(i.clone()),
                _ => return Err(format!("{}: not a .beam file, a directory, or a .ex/.exs/.erl source", i.display())),
            }
        }
        if !sources.is_empty() {
            dirs.insert(0, compile_sources(&sources, pa)?);
        }
        let user_dirs = dirs.clone();
        dirs.extend(pa.iter().cloned());
        dirs.extend(stdlib_dirs());
        let mut user = Vec::new();
        for f in files {
            let name = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
            user.push(name.clone());
            index.entry(name).or_insert(f);
        }
        for d in &user_dirs {
            let Ok(entries) = std::fs::read_dir(d) else { continue };
            for e in entries.flatten() {
                let p = e.path();
                if p.extension().and_then(|x| x.to_str()) == Some("beam") {
                    user.push(p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string());
                }
            }
        }
        let mut path = user.clone();
        for d in pa {
            let Ok(entries) = std::fs::read_dir(d) else { continue };
            for e in entries.flatten() {
                let p = e.path();
                if p.extension().and_then(|x| x.to_str()) == Some("beam") {
                    path.push(p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string());
                }
            }
        }
        path.sort();
        path.dedup();
        let mut apps = HashMap::new();
        for d in dirs {
            let Ok(entries) = std::fs::read_dir(&d) else { continue };
            let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
            entries.sort();
            for p in entries {
                let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
                match p.extension().and_then(|x| x.to_str()) {
                    Some("beam") => {
                        index.entry(name).or_insert(p);
                    }
                    Some("app") => {
                        apps.entry(name).or_insert(p);
                    }
                    _ => {}
                }
            }
        }
        Ok(PathSource { index, user, path, apps, pa: pa.to_vec() })
    }

    /// The arity of the entry: 0 or 1, whichever the module exports (1 when both do and
    /// arguments are given).
    fn entry_arity(&mut self, module: &str, function: &str, argc: usize) -> Result<u32, String> {
        let Some(Ok(bytes)) = self.load(module) else {
            return Err(format!("the entry module {module} cannot be found; give its source, .beam or directory"));
        };
        let bytes = beam::container::uncompressed(&bytes).map_err(|e| e.to_string())?;
        let beam = beam::BeamFile::parse(&bytes).map_err(|e| e.to_string())?;
        let exported = |a: u32| beam.exports.iter().any(|e| e.arity == a && beam.atom(e.function) == Some(function));
        match (exported(0), exported(1)) {
            (true, true) => Ok(if argc > 0 { 1 } else { 0 }),
            (true, false) => Ok(0),
            (false, true) => Ok(1),
            (false, false) => Err(format!("{module} does not export {function}/0 or {function}/1")),
        }
    }
}

impl ModuleSource for PathSource {
    fn load(&mut self, name: &str) -> Option<Result<Vec<u8>, String>> {
        let path = self.index.get(name)?;
        Some(std::fs::read(path).map_err(|e| format!("{}: {e}", path.display())))
    }

    fn user_modules(&mut self) -> Vec<String> {
        self.user.clone()
    }

    fn path_modules(&mut self) -> Vec<String> {
        self.path.clone()
    }

    fn names_with_prefix(&mut self, prefix: &str) -> Vec<String> {
        let mut v: Vec<String> = self.index.keys().filter(|k| k.starts_with(prefix)).cloned().collect();
        v.sort();
        v
    }

    fn app_file(&mut self, name: &str) -> Option<Result<Vec<u8>, String>> {
        let path = self.apps.get(name)?;
        Some(std::fs::read(path).map_err(|e| format!("{}: {e}", path.display())))
    }

    fn app_names(&mut self) -> Vec<String> {
        let mut v: Vec<String> = self.apps.keys().cloned().collect();
        v.sort();
        v
    }

    fn lib_dirs(&mut self) -> (String, Vec<(String, String)>) {
        let [otp, elixir] = install_roots();
        // `elixir`'s code path: the -pa directories, Elixir's `lib/*/ebin` as its script
        // names them (`$SCRIPT_PATH/../lib/*/ebin`), then OTP's application directories.
        // Each entry with whether it is one of OTP's (several versions of an OTP
        // application: the code server takes the newest, the last in name order).
        let mut path: Vec<(String, bool)> = Vec::new();
        for d in &self.pa {
            let d = std::path::absolute(d).unwrap_or_else(|_| d.clone());
            path.push((d.to_string_lossy().into_owned(), false));
        }
        for (root, elixir_style) in [(&elixir, true), (&otp, false)] {
            let Ok(entries) = std::fs::read_dir(root.join("lib")) else { continue };
            let mut names: Vec<String> = entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
            names.sort();
            for n in names {
                let dir = root.join("lib").join(&n);
                if elixir_style {
                    if dir.join("ebin").is_dir() {
                        path.push((format!("{}/bin/../lib/{n}/ebin", root.display()), false));
                    }
                } else if dir.join("ebin").is_dir() {
                    path.push((format!("{}/ebin", dir.display()), true));
                } else if dir.is_dir() {
                    path.push((dir.display().to_string(), true));
                }
            }
        }
        let mut dirs: Vec<(String, String)> = Vec::new();
        let mut seen: HashMap<String, (usize, bool)> = HashMap::new();
        for (p, from_otp) in path {
            let app_dir = p.strip_suffix("/ebin").unwrap_or(&p).trim_end_matches('/').to_string();
            let name = app_dir.rsplit('/').next().unwrap_or_default().split('-').next().unwrap_or_default().to_string();
            if name.is_empty() {
                continue;
            }
            match seen.get(&name) {
                Some(&(i, true)) if from_otp => dirs[i].1 = app_dir,
                Some(_) => {}
                None => {
                    seen.insert(name.clone(), (dirs.len(), from_otp));
                    dirs.push((name, app_dir));
                }
            }
        }
        (otp.display().to_string(), dirs)
    }
}

/// The `ebin` directories of the installed Erlang/OTP and Elixir.
fn stdlib_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    for root in install_roots() {
        let Ok(apps) = std::fs::read_dir(root.join("lib")) else { continue };
        let mut apps: Vec<PathBuf> = apps.flatten().map(|e| e.path().join("ebin")).filter(|p| p.is_dir()).collect();
        apps.sort();
        dirs.extend(apps);
    }
    // OTP's preloaded modules (erlang, init, prim_file, ...).
    if let Ok(erts) = std::fs::read_dir("/usr/lib/erlang/lib") {
        for e in erts.flatten() {
            if e.file_name().to_string_lossy().starts_with("erts-") {
                dirs.push(e.path().join("ebin"));
            }
        }
    }
    dirs
}

/// The installed Erlang/OTP's and Elixir's root directories (`erl`'s and `elixir`'s on
/// the `PATH`, else Debian's).
fn install_roots() -> [PathBuf; 2] {
    [("erl", "/usr/lib/erlang"), ("elixir", "/usr/lib/elixir")].map(|(cmd, fallback)| {
        which(cmd)
            .and_then(|p| p.parent()?.parent().map(Path::to_path_buf))
            .filter(|r| r.join("lib").is_dir())
            .unwrap_or_else(|| PathBuf::from(fallback))
    })
}

fn which(cmd: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(cmd)).find(|p| p.is_file()).and_then(|p| std::fs::canonicalize(p).ok())
}

/// Compiles sources with the installed compilers into a cache directory keyed by their
/// names and contents; returns the directory. The compilers write into a directory of
/// this process's own, renamed into place when they are done, so two builds of the same
/// sources at once never read each other's half-written files.
fn compile_sources(sources: &[PathBuf], pa: &[PathBuf]) -> Result<PathBuf, String> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for s in sources {
        let bytes = std::fs::read(s).map_err(|e| format!("{}: {e}", s.display()))?;
        std::hash::Hash::hash(&(s.to_string_lossy().to_string(), bytes), &mut hasher);
    }
    std::hash::Hash::hash(&beamwasm_runtime::OVERLAY_MODULES, &mut hasher);
    let key = std::hash::Hasher::finish(&hasher);
    let root = std::env::temp_dir().join("beamwasm-sources");
    let dir = root.join(format!("{key:016x}"));
    if dir.join(".done").exists() {
        return Ok(dir);
    }
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let work = root.join(format!(".{key:016x}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let result = compile_into(&work, sources, pa).and_then(|()| {
        std::fs::write(work.join(".done"), b"").map_err(|e| e.to_string())?;
        // Another build of the same sources may have got there first: its directory
        // holds the same files, so keep it.
        if std::fs::rename(&work, &dir).is_err() && !dir.join(".done").exists() {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::rename(&work, &dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        Ok(())
    });
    let _ = std::fs::remove_dir_all(&work);
    result.map(|()| dir)
}

/// A directory holding the `.beam` files of the runtime's modules that programs call by
/// name (`Elixir.Beamwasm.*`, `beamwasm_host`), written once per runtime version, for the
/// compilers' code path. The linker takes these modules from the runtime itself.
pub fn library_dir() -> Result<PathBuf, String> {
    let modules: Vec<&(&str, &[u8])> = beamwasm_runtime::OVERLAY_MODULES
        .iter()
        .filter(|(name, _)| name.starts_with("Elixir.Beamwasm.") || *name == "beamwasm_host")
        .collect();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for (name, bytes) in &modules {
        std::hash::Hash::hash(&(name, bytes), &mut hasher);
    }
    let key = std::hash::Hasher::finish(&hasher);
    let root = std::env::temp_dir().join("beamwasm-sources");
    let dir = root.join(format!("lib-{key:016x}"));
    if dir.join(".done").exists() {
        return Ok(dir);
    }
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let work = root.join(format!(".lib-{key:016x}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    for (name, bytes) in &modules {
        std::fs::write(work.join(format!("{name}.beam")), bytes).map_err(|e| format!("{}: {e}", work.display()))?;
    }
    std::fs::write(work.join(".done"), b"").map_err(|e| e.to_string())?;
    if std::fs::rename(&work, &dir).is_err() {
        let _ = std::fs::remove_dir_all(&work);
        if !dir.join(".done").exists() {
            return Err(format!("cannot write {}", dir.display()));
        }
    }
    Ok(dir)
}

/// Runs erlc on the `.erl` sources and elixirc on the others, writing into `dir`.
fn compile_into(dir: &Path, sources: &[PathBuf], pa: &[PathBuf]) -> Result<(), String> {
    let (ex, erl): (Vec<&PathBuf>, Vec<&PathBuf>) = sources.iter().partition(|s| s.extension().and_then(|e| e.to_str()) != Some("erl"));
    if !erl.is_empty() {
        let st = Command::new("erlc").arg("-o").arg(dir).args(&erl).status().map_err(|e| format!("cannot run erlc: {e} (run scripts/bootstrap.sh)"))?;
        if !st.success() {
            return Err("erlc failed".into());
        }
    }
    if !ex.is_empty() {
        let mut cmd = Command::new("elixirc");
        for p in pa {
            cmd.arg("-pa").arg(p);
        }
        // The runtime's Elixir-facing modules (Beamwasm.Conn, Beamwasm.HTTP, ...), so that
        // sources can `import` and `alias` them and call them without warnings.
        cmd.arg("-pa").arg(library_dir()?);
        let st = cmd.arg("-o").arg(dir).args(&ex).status().map_err(|e| format!("cannot run elixirc: {e} (run scripts/bootstrap.sh)"))?;
        if !st.success() {
            return Err("elixirc failed".into());
        }
    }
    Ok(())
}
