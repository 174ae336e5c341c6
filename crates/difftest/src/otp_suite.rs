//! OTP's own test suites (`re_SUITE`, `zlib_SUITE`), run on the VM and through beamwasm
//! with a small common_test-compatible runner (`otp_suite/beamwasm_ct.erl`, and a stand-in
//! for common_test's `ct` module), compared test case by test case.
//!
//! The suites' sources are not part of this repository: they come from the `erlang`
//! source package of the installed VM, which `scripts/bootstrap.sh` unpacks into
//! `.tools/debian-src` (or `$BEAMWASM_DEBIAN_SRC`). Each run copies the suite's modules into
//! a work directory, compiles them with the runner and an entry module that names the
//! suite, runs the entry on the VM (`elixir -e`) and through `beamwasm run`, and reads the
//! runner's `@ct Case Result` lines. A case agrees when both say `ok`, both `skipped` or
//! both `failed`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::exec::{self, Exit};
use crate::toolchain::{self, Toolchain};
use crate::{Error, Result};

const RUNNER_SRC: &str = include_str!("otp_suite/beamwasm_ct.erl");
const CT_SRC: &str = include_str!("otp_suite/ct.erl");
const CT_EVENT_SRC: &str = include_str!("otp_suite/ct_event.erl");

/// One OTP test suite: where its modules are in OTP's source tree.
#[derive(Debug, Clone, Copy)]
pub struct Suite {
    /// The short name (`re`).
    pub name: &'static str,
    /// The suite's module.
    pub module: &'static str,
    /// Its directory in OTP's source tree.
    pub dir: &'static str,
    /// The other modules it calls (helpers in the same directory).
    pub helpers: &'static [&'static str],
    /// Cases beamwasm does not pass yet, each with the reason, as a known gap: they do not
    /// fail the run, and passing one does (so the list stays true).
    pub known: &'static [(&'static str, &'static str)],
}

/// The suites this harness runs.
pub const SUITES: &[Suite] = &[
    Suite {
    name: "re",
    module: "re_SUITE",
    dir: "lib/stdlib/test",
    helpers: &["run_pcre_tests", "re_testoutput1_replacement_test", "re_testoutput1_split_test", "error_info_lib"],
    known: &[],
    },
    Suite {
        name: "zlib",
        module: "zlib_SUITE",
        dir: "lib/kernel/test",
        helpers: &[],
        known: &[],
    },
];

/// How to run a suite.
#[derive(Debug, Clone)]
pub struct Config {
    pub beamwasm: PathBuf,
    pub engine: String,
    pub work: PathBuf,
    /// The unpacked OTP sources (`.tools/debian-src/otp`).
    pub otp_src: PathBuf,
    /// Only these test cases (all when empty).
    pub only: Vec<String>,
    pub timeout: Duration,
}

/// One test case's results.
#[derive(Debug, Clone)]
pub struct CaseResult {
    pub case: String,
    pub vm: String,
    pub beamwasm: String,
}

impl CaseResult {
    /// The first word of a result line: ok, skipped or failed.
    fn word(s: &str) -> &str {
        s.split_whitespace().next().unwrap_or("")
    }

    /// Whether the two runs agree.
    pub fn agrees(&self) -> bool {
        Self::word(&self.vm) == Self::word(&self.beamwasm)
    }
}

/// Runs `suite`: every test case's result on both sides, in the VM's order.
pub fn run(suite: &Suite, cfg: &Config, log: &mut dyn FnMut(&str)) -> Result<Vec<CaseResult>> {
    let tools = Toolchain::detect()?;
    let src = cfg.otp_src.join(suite.dir);
    if !src.join(format!("{}.erl", suite.module)).is_file() {
        return Err(Error::ToolFailed {
            what: format!("{}'s sources", suite.module),
            detail: format!(
                "{} is missing: run scripts/bootstrap.sh, which unpacks Debian's erlang source package into .tools/debian-src",
                src.display()
            ),
        });
    }
    let dir = cfg.work.join(suite.name);
    let ebin = dir.join("ebin");
    let priv_dir = dir.join("priv");
    for d in [&dir, &ebin, &priv_dir] {
        std::fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
    }
    // The suite and its helpers, the runner, the `ct` stand-in and the entry module.
    let mut files: Vec<PathBuf> = Vec::new();
    for m in std::iter::once(&suite.module).chain(suite.helpers.iter()) {
        let from = src.join(format!("{m}.erl"));
        let to = dir.join(format!("{m}.erl"));
        std::fs::copy(&from, &to).map_err(|e| Error::io(&from, e))?;
        files.push(to);
    }
    for (name, text) in [("beamwasm_ct", RUNNER_SRC.to_string()), ("ct", CT_SRC.to_string()), ("ct_event", CT_EVENT_SRC.to_string()), ("beamwasm_ct_entry", entry_source(suite))] {
        let f = dir.join(format!("{name}.erl"));
        std::fs::write(&f, text).map_err(|e| Error::io(&f, e))?;
        files.push(f);
    }
    let mut erlc = Command::new(&tools.erlc);
    erlc.arg("-o").arg(&ebin).args(&files);
    toolchain::scrub(&mut erlc);
    let out = exec::run(&mut erlc, Duration::from_secs(600))?;
    if out.exit != Exit::Code(0) {
        return Err(Error::ToolFailed { what: format!("erlc on {}", suite.module), detail: String::from_utf8_lossy(&out.stdout).chars().take(3000).collect() });
    }
    let data_dir = format!("{}/", src.join(format!("{}_data", suite.module)).display());
    let priv_arg = format!("{}/", priv_dir.display());

    log(&format!("{}: running on the VM", suite.module));
    let mut vm = Command::new(&tools.elixir);
    let quoted: Vec<String> = [data_dir.clone(), priv_arg.clone()].into_iter().chain(cfg.only.iter().cloned()).map(|s| format!("{s:?}")).collect();
    vm.arg("-pa").arg(&ebin).arg("-e").arg(format!(":beamwasm_ct_entry.main([{}])", quoted.join(", ")));
    toolchain::scrub(&mut vm);
    let vm_out = exec::run(&mut vm, cfg.timeout)?;
    let vm_lines = results(&vm_out.stdout);
    if vm_lines.is_empty() {
        return Err(Error::ToolFailed { what: format!("{} on the VM (exit {})", suite.module, vm_out.exit), detail: tail(&vm_out.stderr) });
    }

    log(&format!("{}: running through beamwasm --engine {}", suite.module, cfg.engine));
    let mut bw = Command::new(&cfg.beamwasm);
    bw.arg("run").arg("--engine").arg(&cfg.engine).arg("--entry").arg("beamwasm_ct_entry.main").arg(&ebin);
    bw.arg("--").arg(&data_dir).arg(&priv_arg).args(&cfg.only);
    toolchain::scrub(&mut bw);
    let bw_out = exec::run(&mut bw, cfg.timeout)?;
    let bw_lines = results(&bw_out.stdout);
    if !String::from_utf8_lossy(&bw_out.stdout).contains("@ct done") {
        log(&format!("{}: beamwasm stopped early (exit {}): {}", suite.module, bw_out.exit, tail(&bw_out.stderr)));
    }

    let mut out = Vec::new();
    for (case, vm) in vm_lines {
        let beamwasm = bw_lines.get(&case).cloned().unwrap_or_else(|| "failed (no result: the run stopped before it)".into());
        out.push(CaseResult { case, vm, beamwasm });
    }
    Ok(out)
}

/// The entry module: it names the suite, so the linker keeps the suite's exports.
fn entry_source(suite: &Suite) -> String {
    format!(
        "-module(beamwasm_ct_entry).\n-export([main/1]).\n\n\
         main([DataDir, PrivDir | Only]) ->\n    \
         beamwasm_ct:run({}, str(DataDir), str(PrivDir), [str(O) || O <- Only]).\n\n\
         str(B) when is_binary(B) -> binary_to_list(B);\nstr(L) -> L.\n",
        suite.module
    )
}

/// The runner's `@ct Case Result` lines, by case, in order of appearance.
fn results(stdout: &[u8]) -> BTreeMap<String, String> {
    let text = String::from_utf8_lossy(stdout);
    let mut map = BTreeMap::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("@ct ") {
            if let Some((case, result)) = rest.split_once(' ') {
                map.insert(case.to_string(), result.to_string());
            }
        }
    }
    map
}

fn tail(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(8)..].join(" | ")
}

/// The suite named `name`.
pub fn find(name: &str) -> Option<&'static Suite> {
    SUITES.iter().find(|s| s.name == name || s.module == name)
}

/// The unpacked OTP sources: `$BEAMWASM_DEBIAN_SRC/otp` or `.tools/debian-src/otp`.
pub fn default_otp_src(root: &Path) -> PathBuf {
    std::env::var_os("BEAMWASM_DEBIAN_SRC").map_or_else(|| root.join(".tools/debian-src"), PathBuf::from).join("otp")
}
