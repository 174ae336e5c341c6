//! Elixir 1.14's own test suite (`lib/elixir/test/elixir/**/*_test.exs`), run on the VM and
//! through `beamwasm test` on each engine, and compared test by test.
//!
//! The test files are not part of this repository: they come from Debian's `elixir` source
//! package, which `scripts/bootstrap.sh` unpacks into `.tools/debian-src/elixir` (or
//! `$BEAMWASM_DEBIAN_SRC/elixir`). Both sides run the same files in one program, as `make
//! test` does: Elixir's `test_helper.exs`, then our formatter (`elixir_suite/suite_formatter.exs`,
//! which replaces ExUnit's CLI formatter with one `@suite test FILE MODULE NAME RESULT DETAIL`
//! line per test and fixes the seed), then the test files. On the VM that is `elixir -r ...`
//! in the tests' directory; through beamwasm it is `beamwasm test --engine E FORMATTER FILES`
//! there (the helper is found as `mix test` finds it).
//!
//! A test the VM passes and beamwasm does not is *lost*. A lost test whose failure shows the
//! Elixir compiler or the code server being asked for something at run time (evaluating,
//! compiling or purging code: [`RUNTIME_COMPILER`]) is counted apart, by file, as needing the
//! compiler at run time (docs/LIMITATIONS.md); every other lost test is a difference.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::exec::{self, Output};
use crate::toolchain;
use crate::{Error, Result};

/// The formatter both sides use.
pub const FORMATTER_SRC: &str = include_str!("elixir_suite/suite_formatter.exs");

/// Text in a lost test's failure that shows it needed the compiler or code loading at run
/// time, with the cause it stands for.
pub const RUNTIME_COMPILER: &[(&str, &str)] = &[
    (":compile.format_error/1", "evaluates or compiles code (Code.eval_*, Code.compile_*, defmodule in a test)"),
    (":elixir.eval_forms", "evaluates code (Code.eval_*)"),
    (":elixir_compiler", "compiles code"),
    (":elixir_expand", "expands macros at run time"),
    ("Module.eval_quoted/4", "evaluates code in a module (Module.eval_quoted)"),
    ("{:code_server, {:purge", "purges a module defined at run time"),
    ("{:code_server, {:delete", "deletes a module defined at run time"),
    ("{:code_server, {:load", "loads code at run time"),
    ("Kernel.ParallelCompiler", "compiles files (Kernel.ParallelCompiler)"),
    ("compile_files/1", "compiles files (Kernel.ParallelCompiler)"),
];

/// How to run the suite.
#[derive(Debug, Clone)]
pub struct Config {
    /// The `beamwasm` binary.
    pub beamwasm: PathBuf,
    /// The engines to run on (`wasmtime`, `node`).
    pub engines: Vec<String>,
    /// `lib/elixir/test/elixir` of Elixir's sources.
    pub tests: PathBuf,
    /// Where the formatter and each side's raw output go.
    pub work: PathBuf,
    /// Only the test files whose path contains one of these (all when empty).
    pub only: Vec<String>,
    /// Leave these files out (path substrings).
    pub skip: Vec<String>,
    /// Reuse a side's saved output (`WORK/SIDE.out`) when it was made from the same files.
    pub reuse: bool,
    pub timeout: Duration,
}

/// One test's result on one side: `passed`, `failed`, `skipped`, `excluded`, `invalid`,
/// or `missing` (the run ended before it), with a one-line failure summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub result: String,
    pub detail: String,
}

/// A test: its file (relative to the tests' directory), module and name.
pub type TestId = (String, String, String);

/// One side's run.
#[derive(Debug, Clone)]
pub struct SideRun {
    /// `vm`, `wasmtime` or `node`.
    pub side: String,
    pub results: BTreeMap<TestId, Outcome>,
    /// Whether the formatter saw the suite finish.
    pub finished: bool,
    pub exit: String,
    /// Wall time, seconds (`None` when reused from a saved run).
    pub seconds: Option<f64>,
    /// The last lines of standard error when the run did not finish.
    pub stderr_tail: String,
}

/// The `*_test.exs` files under `dir`, relative to it, sorted.
pub fn test_files(dir: &Path) -> Result<Vec<String>> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) -> Result<()> {
        for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
            let path = entry.map_err(|e| Error::io(dir, e))?.path();
            if path.is_dir() {
                walk(&path, base, out)?;
            } else if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with("_test.exs")) {
                if let Ok(rel) = path.strip_prefix(base) {
                    out.push(rel.to_string_lossy().into_owned());
                }
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// The files `cfg` selects.
pub fn selected_files(cfg: &Config) -> Result<Vec<String>> {
    let all = test_files(&cfg.tests)?;
    Ok(all
        .into_iter()
        .filter(|f| cfg.only.is_empty() || cfg.only.iter().any(|o| f.contains(o.as_str())))
        .filter(|f| !cfg.skip.iter().any(|s| f.contains(s.as_str())))
        .collect())
}

/// Runs `files` on one side (`vm` or an engine), or reads its saved output.
pub fn run_side(cfg: &Config, side: &str, files: &[String], log: &mut dyn FnMut(&str)) -> Result<SideRun> {
    std::fs::create_dir_all(&cfg.work).map_err(|e| Error::io(&cfg.work, e))?;
    let formatter = cfg.work.join("suite_formatter.exs");
    std::fs::write(&formatter, FORMATTER_SRC).map_err(|e| Error::io(&formatter, e))?;
    let saved = cfg.work.join(format!("{side}.out"));
    let key_file = cfg.work.join(format!("{side}.files"));
    let key = files.join("\n");
    if cfg.reuse && std::fs::read_to_string(&key_file).is_ok_and(|k| k == key) {
        if let Ok(stdout) = std::fs::read(&saved) {
            log(&format!("{side}: reusing {}", saved.display()));
            return Ok(parse(side, &stdout, "saved".into(), None, String::new(), &cfg.tests));
        }
    }
    log(&format!("{side}: running {} files", files.len()));
    let mut cmd = if side == "vm" {
        let mut c = Command::new("elixir");
        c.arg("-r").arg("test_helper.exs").arg("-r").arg(&formatter);
        for f in files {
            c.arg("-r").arg(f);
        }
        c
    } else {
        let mut c = Command::new(&cfg.beamwasm);
        c.arg("test").arg("--engine").arg(side).arg(&formatter).args(files);
        c
    };
    cmd.current_dir(&cfg.tests);
    toolchain::scrub(&mut cmd);
    let out: Output = exec::run(&mut cmd, cfg.timeout)?;
    std::fs::write(&saved, &out.stdout).map_err(|e| Error::io(&saved, e))?;
    std::fs::write(&key_file, &key).map_err(|e| Error::io(&key_file, e))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    let tail = lines[lines.len().saturating_sub(6)..].join("\n");
    Ok(parse(side, &out.stdout, out.exit.to_string(), Some(out.elapsed.as_secs_f64()), tail, &cfg.tests))
}

/// Reads the formatter's lines.
fn parse(side: &str, stdout: &[u8], exit: String, seconds: Option<f64>, stderr_tail: String, tests: &Path) -> SideRun {
    let text = String::from_utf8_lossy(stdout);
    let bases = [std::fs::canonicalize(tests).unwrap_or_else(|_| tests.to_path_buf()), tests.to_path_buf()].map(|b| format!("{}/", b.display()));
    let mut results = BTreeMap::new();
    let mut finished = false;
    for line in text.lines() {
        if line == "@suite done" {
            finished = true;
        } else if let Some(rest) = line.strip_prefix("@suite test ") {
            let parts: Vec<&str> = rest.splitn(5, '\t').collect();
            if let [file, module, name, result, detail] = parts.as_slice() {
                let file = bases.iter().find_map(|b| file.strip_prefix(b.as_str())).unwrap_or(file).to_string();
                results.insert(
                    (file, (*module).to_string(), (*name).to_string()),
                    Outcome { result: (*result).to_string(), detail: (*detail).to_string() },
                );
            }
        }
    }
    SideRun { side: side.to_string(), results, finished, exit, seconds, stderr_tail }
}

/// Why a lost test was lost: the run-time compiler cause it shows, if any.
pub fn runtime_compiler_cause(detail: &str) -> Option<&'static str> {
    RUNTIME_COMPILER.iter().find(|(marker, _)| detail.contains(marker)).map(|(_, cause)| *cause)
}

/// One file's counts on one engine.
#[derive(Debug, Clone, Default)]
pub struct EngineCounts {
    pub passed: usize,
    /// Passed on the VM, not here, for want of the compiler at run time.
    pub lost_compiler: usize,
    /// Passed on the VM, not here, for another reason.
    pub lost_other: usize,
    /// Passed here but not on the VM.
    pub gained: usize,
}

/// Counts `engine`'s results against the VM's, by file.
pub fn compare(vm: &SideRun, engine: &SideRun) -> BTreeMap<String, EngineCounts> {
    let mut by_file: BTreeMap<String, EngineCounts> = BTreeMap::new();
    for (id, vm_outcome) in &vm.results {
        let counts = by_file.entry(id.0.clone()).or_default();
        let ours = engine.results.get(id);
        let passed = ours.is_some_and(|o| o.result == "passed");
        if passed {
            counts.passed += 1;
        }
        match (vm_outcome.result == "passed", passed) {
            (true, false) => {
                if ours.and_then(|o| runtime_compiler_cause(&o.detail)).is_some() {
                    counts.lost_compiler += 1;
                } else {
                    counts.lost_other += 1;
                }
            }
            (false, true) => counts.gained += 1,
            _ => {}
        }
    }
    by_file
}

/// `lib/elixir/test/elixir` of Debian's elixir sources: under `$BEAMWASM_DEBIAN_SRC` or
/// `.tools/debian-src`.
pub fn default_tests_dir(root: &Path) -> PathBuf {
    std::env::var_os("BEAMWASM_DEBIAN_SRC")
        .map_or_else(|| root.join(".tools/debian-src"), PathBuf::from)
        .join("elixir/lib/elixir/test/elixir")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(name: &str, text: &str) -> SideRun {
        parse(name, text.as_bytes(), "0".into(), None, String::new(), Path::new("/t"))
    }

    #[test]
    fn formatter_lines_are_compared_test_by_test() {
        let vm = side(
            "vm",
            "noise\n@suite test /t/a_test.exs\tA\t:\"test x\"\tpassed\t\n\
             @suite test /t/a_test.exs\tA\t:\"test y\"\tpassed\t\n\
             @suite test /t/b/c_test.exs\tC\t:\"test z\"\tpassed\t\n\
             @suite test /t/b/c_test.exs\tC\t:\"test w\"\tfailed\tRuntimeError: boom\n@suite done\n",
        );
        let ours = side(
            "wasmtime",
            "@suite test /t/a_test.exs\tA\t:\"test x\"\tpassed\t\n\
             @suite test /t/a_test.exs\tA\t:\"test y\"\tfailed\tUndefinedFunctionError: function :compile.format_error/1 is undefined\n\
             @suite test /t/b/c_test.exs\tC\t:\"test w\"\tpassed\t\n",
        );
        assert!(vm.finished && !ours.finished);
        assert_eq!(vm.results.len(), 4);
        let counts = compare(&vm, &ours);
        let a = counts.get("a_test.exs").cloned().unwrap_or_default();
        assert_eq!((a.passed, a.lost_compiler, a.lost_other, a.gained), (1, 1, 0, 0));
        // A test missing from beamwasm's output (the run stopped) is lost; one only beamwasm
        // passes is counted apart.
        let c = counts.get("b/c_test.exs").cloned().unwrap_or_default();
        assert_eq!((c.passed, c.lost_compiler, c.lost_other, c.gained), (1, 0, 1, 1));
    }

    #[test]
    fn only_compiler_causes_count_as_run_time_compilation() {
        assert!(runtime_compiler_cause("{:EXIT, #PID<0.1.0>}: {:beamwasm_unsupported, {:code_server, {:purge, X}}}").is_some());
        assert!(runtime_compiler_cause("ErlangError: Erlang error: {:beamwasm_unsupported, {:erts_internal, :open_port, 2}}").is_none());
    }
}
