//! Command-line options shared by the `beamwasm-difftest` and `bench` binaries.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::{Error, Result};

/// How many programs share a module by default (docs/ARCHITECTURE.md, *Differential
/// suite*, has the measurements behind it).
pub const GROUP_SIZE: usize = 40;

/// Parsed options. Paths default to the workspace this crate lives in.
#[derive(Debug, Clone)]
pub struct Args {
    /// `--only PATTERN`, repeatable.
    pub only: Vec<String>,
    /// `--engine wasmtime|node`.
    pub engine: String,
    /// Whether `--engine` was given (the benchmarks run every engine otherwise).
    pub engine_given: bool,
    /// `--link closure|complete`: passed on to `beamwasm run`.
    pub link: Option<String>,
    /// `--oracle-only`.
    pub oracle_only: bool,
    /// `-j N` / `--jobs N`.
    pub jobs: usize,
    /// `--timeout SECS`, per compile and per run.
    pub timeout: Duration,
    /// `--no-group`: every program runs alone; otherwise `--group-size N` (default
    /// [`GROUP_SIZE`]) programs share one module ([`crate::group`]).
    pub group: Option<usize>,
    /// `--runs N` (bench: best of N).
    pub runs: usize,
    /// `--root DIR`: the workspace root.
    pub root: PathBuf,
    /// `--beamwasm PATH`: the binary under test.
    pub beamwasm: PathBuf,
    /// `--programs DIR`: where the programs are (default `tests/conformance` or `bench`).
    pub programs: Option<PathBuf>,
    /// `--work DIR`: where compiled code and cached oracle results go.
    pub work: Option<PathBuf>,
    pub help: bool,
}

impl Args {
    /// Parses `args` (without the program name).
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Args> {
        let root = default_root();
        let mut a = Args {
            only: Vec::new(),
            engine: "wasmtime".to_string(),
            engine_given: false,
            link: None,
            oracle_only: false,
            jobs: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2),
            timeout: Duration::from_secs(60),
            group: Some(GROUP_SIZE),
            runs: 3,
            beamwasm: root.join("target/release/beamwasm"),
            root,
            programs: None,
            work: None,
            help: false,
        };
        let mut root_given = None;
        let mut beamwasm_given = None;
        let mut it = args.into_iter();
        while let Some(flag) = it.next() {
            let mut value = |name: &str| it.next().ok_or_else(|| Error::Usage(format!("{name} needs a value")));
            match flag.as_str() {
                "--only" => a.only.push(value("--only")?),
                "--engine" => {
                    a.engine = value("--engine")?;
                    a.engine_given = true;
                }
                "--link" => a.link = Some(value("--link")?),
                "--oracle-only" => a.oracle_only = true,
                "-j" | "--jobs" => a.jobs = number(&value("--jobs")?, "--jobs")?.max(1),
                "--timeout" => a.timeout = Duration::from_secs(number(&value("--timeout")?, "--timeout")? as u64),
                "--no-group" => a.group = None,
                "--group-size" => a.group = Some(number(&value("--group-size")?, "--group-size")?.max(2)),
                "--runs" => a.runs = number(&value("--runs")?, "--runs")?.max(1),
                "--root" => root_given = Some(absolute(value("--root")?)?),
                "--beamwasm" => beamwasm_given = Some(absolute(value("--beamwasm")?)?),
                "--programs" => a.programs = Some(absolute(value("--programs")?)?),
                "--work" => a.work = Some(absolute(value("--work")?)?),
                "-h" | "--help" => a.help = true,
                other => return Err(Error::Usage(format!("unknown option `{other}` (try --help)"))),
            }
        }
        if !matches!(a.engine.as_str(), "wasmtime" | "node") {
            return Err(Error::Usage(format!("--engine must be wasmtime or node, not `{}`", a.engine)));
        }
        if a.link.as_deref().is_some_and(|l| !matches!(l, "closure" | "complete")) {
            return Err(Error::Usage("--link must be closure or complete".to_string()));
        }
        if let Some(root) = root_given {
            a.beamwasm = root.join("target/release/beamwasm");
            a.root = root;
        }
        if let Some(b) = beamwasm_given {
            a.beamwasm = b;
        }
        Ok(a)
    }

    /// The programs directory, or `default` under the root.
    pub fn programs_dir(&self, default: &str) -> PathBuf {
        self.programs.clone().unwrap_or_else(|| self.root.join(default))
    }

    /// The work directory, or `target/difftest/<default>` under the root.
    pub fn work_dir(&self, default: &str) -> PathBuf {
        self.work.clone().unwrap_or_else(|| self.root.join("target/difftest").join(default))
    }
}

/// Makes a path given on the command line absolute: compilers and runs use other working
/// directories.
fn absolute(path: String) -> Result<PathBuf> {
    std::path::absolute(&path).map_err(|e| Error::io(path, e))
}

fn number(text: &str, name: &str) -> Result<usize> {
    text.parse().map_err(|_| Error::Usage(format!("{name} takes a whole number, not `{text}`")))
}

/// The workspace root: two levels above this crate's manifest.
fn default_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().and_then(Path::parent).map(Path::to_path_buf).unwrap_or_else(|| manifest.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args> {
        Args::parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults_and_flags() -> Result<()> {
        let a = parse(&[])?;
        assert_eq!(a.engine, "wasmtime");
        assert!(!a.engine_given);
        assert!(a.beamwasm.ends_with("target/release/beamwasm"));
        let a = parse(&["--only", "x", "--only", "y", "--engine", "node", "-j", "3", "--oracle-only", "--timeout", "5"])?;
        assert_eq!(a.only, ["x", "y"]);
        assert_eq!((a.engine.as_str(), a.jobs, a.oracle_only, a.timeout.as_secs()), ("node", 3, true, 5));
        assert!(a.engine_given);
        Ok(())
    }

    #[test]
    fn bad_input_is_a_usage_error() {
        assert!(matches!(parse(&["--engine", "v8"]), Err(Error::Usage(_))));
        assert!(matches!(parse(&["-j"]), Err(Error::Usage(_))));
        assert!(matches!(parse(&["-j", "two"]), Err(Error::Usage(_))));
        assert!(matches!(parse(&["--frobnicate"]), Err(Error::Usage(_))));
    }
}
