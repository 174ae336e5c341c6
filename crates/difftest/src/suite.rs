//! Running a set of programs in parallel and judging each one.
//!
//! Two modes:
//! - **compare** (the default): the VM's stdout and exit status against beamwasm's;
//! - **oracle-only**: validates the programs themselves — each compiles without
//!   diagnostics, prints something, and prints the same bytes and exits the same way when
//!   run twice on the VM.
//!
//! Every step has the same time limit, so a hang is a failure and never a stuck suite.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use crate::cache::{Cached, Slot};
use crate::compile::{self, Compiled};
use crate::diff;
use crate::exec::{Exit, Output};
use crate::oracle;
use crate::program::Program;
use crate::target::Target;
use crate::toolchain::Toolchain;
use crate::Result;

/// Lines of diff shown per failing program.
const DIFF_LINES: usize = 60;
/// Lines of beamwasm's stderr shown per failing program.
const STDERR_LINES: usize = 15;
/// A program slower than this on the VM is listed in oracle-only mode (programs should be fast).
pub const SLOW: Duration = Duration::from_secs(2);

/// What to compare against the oracle.
#[derive(Debug, Clone)]
pub enum Mode {
    Compare(Target),
    OracleOnly,
}

/// Everything a suite run needs.
#[derive(Debug, Clone)]
pub struct Config {
    pub tools: Toolchain,
    /// Where slots (compiled code, cached oracle results) live: `target/difftest/`.
    pub work: PathBuf,
    pub mode: Mode,
    pub jobs: usize,
    /// The limit for each compile and each run.
    pub limit: Duration,
    /// Compare mode: run programs in groups of about this many from one module each
    /// ([`crate::group`]); `None` runs every program alone.
    pub group: Option<usize>,
}

/// The judgement on one program.
#[derive(Debug, Clone)]
pub enum Verdict {
    Pass,
    /// An unexpected failure; the text explains it (diff, statuses, stderr).
    Fail { summary: String, details: String },
    /// A known gap that failed as expected.
    Known { reason: String, summary: String },
    /// A known gap that now passes: its `known:` header must go.
    UnexpectedPass { reason: String },
}

impl Verdict {
    /// True for the verdicts that make the run fail.
    pub fn is_failure(&self) -> bool {
        matches!(self, Verdict::Fail { .. } | Verdict::UnexpectedPass { .. })
    }
}

/// One judged program.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub program: Program,
    pub verdict: Verdict,
    /// The VM's wall time for the program, when it was run (not cached).
    pub oracle_time: Option<Duration>,
    /// The VM's exit status, in oracle-only mode (to list programs that end by crashing).
    pub oracle_exit: Option<Exit>,
    /// Run in a group, it gave another result than alone (the verdict is the solo run's):
    /// what differed.
    pub grouped_differs: Option<String>,
}

/// Judges every program, `config.jobs` at a time, and returns outcomes in input order.
pub fn run(config: &Config, programs: &[Program]) -> Vec<Outcome> {
    if let (Mode::Compare(target), Some(size)) = (&config.mode, config.group) {
        return crate::group::run(config, target, programs, size);
    }
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; programs.len()]);
    thread::scope(|scope| {
        for _ in 0..config.jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(program) = programs.get(index) else { break };
                    let outcome = judge(config, program);
                    let finished = done.fetch_add(1, Ordering::SeqCst) + 1;
                    progress(finished, programs.len());
                    if let Ok(mut slots) = results.lock()
                        && let Some(slot) = slots.get_mut(index) {
                            *slot = Some(outcome);
                        }
                }
            });
        }
    });
    let slots = results.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
    slots.into_iter().flatten().collect()
}

pub(crate) fn progress(finished: usize, total: usize) {
    if finished.is_multiple_of(25) || finished == total {
        let mut err = std::io::stderr();
        let _ = writeln!(err, "  [{finished}/{total}]");
    }
}

/// Judges one program; a harness error (I/O, spawn) becomes a failure of that program.
pub fn judge(config: &Config, program: &Program) -> Outcome {
    let result = match &config.mode {
        Mode::Compare(target) => compare(config, target, program),
        Mode::OracleOnly => validate(config, program),
    };
    match result {
        Ok((verdict, oracle_time, oracle_exit)) => Outcome { program: program.clone(), verdict, oracle_time, oracle_exit, grouped_differs: None },
        Err(e) => harness_error(program, &e),
    }
}

/// The outcome of a program the harness itself could not run (I/O, spawn).
pub(crate) fn harness_error(program: &Program, e: &crate::Error) -> Outcome {
    Outcome {
        program: program.clone(),
        verdict: Verdict::Fail { summary: "harness error".to_string(), details: e.to_string() },
        oracle_time: None,
        oracle_exit: None,
        grouped_differs: None,
    }
}

/// A verdict with the VM's time and (oracle-only) exit status.
type Judged = (Verdict, Option<Duration>, Option<Exit>);

/// A failure of the program itself (it does not compile, or the VM hangs on it): never
/// excused by `known:`, since it is not a beamwasm gap.
fn broken(summary: impl Into<String>, details: impl Into<String>) -> Verdict {
    Verdict::Fail { summary: summary.into(), details: details.into() }
}

/// A program compiled and run on the VM, ready to run on beamwasm; or already judged (it
/// does not compile, or the VM timed out).
pub enum Prepared {
    Ready { slot: Slot, ebin: PathBuf, expected: Cached },
    Judged(Verdict),
}

/// Compiles `program` and runs it on the VM (both cached).
pub fn prepare(config: &Config, program: &Program) -> Result<Prepared> {
    let slot = Slot::open(&config.work, program, &config.tools.versions)?;
    let ebin = match compile::compile(&config.tools, program, &slot, config.limit)? {
        Compiled::Ok { ebin, .. } => ebin,
        Compiled::Failed { message } => return Ok(Prepared::Judged(broken("does not compile with the real compiler", message))),
    };
    let expected = oracle::run_cached(&config.tools, program, &slot, &ebin, config.limit)?;
    if expected.exit.is_timeout() {
        return Ok(Prepared::Judged(broken(format!("the real VM {}", expected.exit), oracle::command_line(program, &ebin))));
    }
    Ok(Prepared::Ready { slot, ebin, expected })
}

fn compare(config: &Config, target: &Target, program: &Program) -> Result<Judged> {
    let (slot, ebin, expected) = match prepare(config, program)? {
        Prepared::Ready { slot, ebin, expected } => (slot, ebin, expected),
        Prepared::Judged(verdict) => return Ok((verdict, None, None)),
    };
    let actual = target.run(program, &ebin, &slot.dir, config.limit)?;
    Ok((verdict(program, &ebin, target, &expected, &actual), None, None))
}

/// Whether beamwasm's run gave the VM's stdout and exit status.
pub fn agrees(expected: &Cached, actual: &Output) -> bool {
    actual.stdout == expected.stdout && actual.exit == expected.exit
}

/// The verdict on `program` (compiled into `ebin`) run alone on beamwasm with `actual`.
pub fn verdict(program: &Program, ebin: &std::path::Path, target: &Target, expected: &Cached, actual: &Output) -> Verdict {
    let same = agrees(expected, actual);
    match (&program.known, same) {
        (None, true) => Verdict::Pass,
        (Some(reason), true) => Verdict::UnexpectedPass { reason: reason.clone() },
        (known, false) => {
            let summary = mismatch_summary(&expected.stdout, &expected.exit, &actual);
            match known {
                Some(reason) => Verdict::Known { reason: reason.clone(), summary },
                None => {
                    let details = mismatch_details(program, &ebin, target, &expected.stdout, &actual);
                    Verdict::Fail { summary, details }
                }
            }
        }
    }
}

pub(crate) fn mismatch_summary(expected: &[u8], expected_exit: &crate::exec::Exit, actual: &Output) -> String {
    let what = if expected == actual.stdout.as_slice() { "stdout matches" } else { "stdout differs" };
    format!("{what}; exit status: beam {expected_exit}, beamwasm {}", actual.exit)
}

fn mismatch_details(program: &Program, ebin: &std::path::Path, target: &Target, expected: &[u8], actual: &Output) -> String {
    let mut text = diff::unified(expected, &actual.stdout, "beam (expected stdout)", "beamwasm (actual stdout)", DIFF_LINES);
    let stderr = String::from_utf8_lossy(&actual.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    if !lines.is_empty() {
        let skip = lines.len().saturating_sub(STDERR_LINES);
        text.push_str(&format!("beamwasm stderr (last {} of {} lines):\n", lines.len() - skip, lines.len()));
        for line in &lines[skip..] {
            text.push_str("  ");
            text.push_str(line);
            text.push('\n');
        }
    }
    text.push_str(&format!("oracle:   {}\n", oracle::command_line(program, ebin)));
    text.push_str(&format!("beamwasm: {}\n", target.command_line(program, ebin)));
    text
}

fn validate(config: &Config, program: &Program) -> Result<Judged> {
    let slot = Slot::open(&config.work, program, &config.tools.versions)?;
    let (ebin, diagnostics) = match compile::compile(&config.tools, program, &slot, config.limit)? {
        Compiled::Ok { ebin, diagnostics } => (ebin, diagnostics),
        Compiled::Failed { message } => return Ok((broken("does not compile", message), None, None)),
    };
    if !diagnostics.trim().is_empty() {
        return Ok((broken("the compiler printed diagnostics (warnings)", diagnostics), None, None));
    }
    let first = oracle::run_fresh(&config.tools, program, &slot, &ebin, config.limit)?;
    let second = oracle::run_fresh(&config.tools, program, &slot, &ebin, config.limit)?;
    let time = Some(first.elapsed.min(second.elapsed));
    let exit = Some(first.exit.clone());
    let line = oracle::command_line(program, &ebin);
    if first.exit.is_timeout() || second.exit.is_timeout() {
        return Ok((broken(format!("the VM timed out (limit {} s)", config.limit.as_secs()), line), time, exit));
    }
    if first.stdout != second.stdout || first.exit != second.exit {
        let mut details = diff::unified(&first.stdout, &second.stdout, "first run", "second run", DIFF_LINES);
        details.push_str(&format!("exit status: first {}, second {}\n{line}\n", first.exit, second.exit));
        return Ok((broken("not deterministic: two runs on the VM differ", details), time, exit));
    }
    if first.stdout.is_empty() {
        return Ok((broken("prints nothing, so it cannot catch a difference", line), time, exit));
    }
    slot.store_oracle(&first.stdout, &first.exit)?;
    Ok((Verdict::Pass, time, exit))
}
