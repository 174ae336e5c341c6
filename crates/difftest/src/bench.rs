//! The benchmark runner: each workload in `bench/` on the BEAM and on beamwasm's engines
//! (wasmtime and Node by default), in the same run, best of N each.
//!
//! A workload is a program whose `main/0` runs a fixed amount of work, prints a checksum,
//! and prints `elapsed_us=N` (measured with `:erlang.monotonic_time`) as its **last** stdout
//! line. The runner strips that line, requires the rest to be identical on every side, and
//! reports each side's time (the programs' own measurements, so VM start-up is excluded),
//! each engine's ratio to the BEAM, then each engine's geometric mean of the ratios.
//!
//! The sides are interleaved run by run (BEAM, then each engine, then again), so a change
//! of load on the shared machine hits every side alike.

use std::fmt::Write;
use std::time::Duration;

use crate::cache::Slot;
use crate::compile::{self, Compiled};
use crate::exec::{Exit, Output};
use crate::oracle;
use crate::program::Program;
use crate::target::Target;
use crate::toolchain::Toolchain;
use crate::Result;

/// One side's result for one workload.
#[derive(Debug, Clone, PartialEq)]
pub enum Side {
    /// Every run succeeded; `best_us` is the fastest, `output` the stdout without the
    /// timing line.
    Ran { best_us: u64, output: Vec<u8> },
    /// It did not run; the text says why.
    Failed(String),
}

/// One workload's row: the BEAM and each engine, in the order the engines were given.
#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub beam: Side,
    pub engines: Vec<(String, Side)>,
}

impl Row {
    /// The engine's time / the BEAM's time, when both ran and agree.
    pub fn ratio(&self, engine: &str) -> Option<f64> {
        let side = self.engines.iter().find(|(e, _)| e == engine).map(|(_, s)| s)?;
        match (&self.beam, side) {
            (Side::Ran { best_us: b, output: ob }, Side::Ran { best_us: w, output: ow }) if ob == ow && *b > 0 => {
                Some(*w as f64 / *b as f64)
            }
            _ => None,
        }
    }

    /// True when every side ran and printed the same checksum.
    pub fn ok(&self) -> bool {
        self.engines.iter().all(|(e, _)| self.ratio(e).is_some())
    }
}

/// Splits `elapsed_us=N` off the end of a workload's stdout.
pub fn split_elapsed(stdout: &[u8]) -> Option<(Vec<u8>, u64)> {
    let text = std::str::from_utf8(stdout).ok()?;
    let trimmed = text.trim_end_matches('\n');
    let (body, last) = match trimmed.rfind('\n') {
        Some(i) => (&trimmed[..=i], &trimmed[i + 1..]),
        None => ("", trimmed),
    };
    let us = last.strip_prefix("elapsed_us=")?.trim().parse().ok()?;
    Some((body.as_bytes().to_vec(), us))
}

/// One side's runs so far: the best time and its body, or why it stopped.
#[derive(Debug, Clone, PartialEq)]
struct Tally(std::result::Result<Option<(u64, Vec<u8>)>, String>);

impl Tally {
    fn new() -> Tally {
        Tally(Ok(None))
    }

    /// Adds one run; a failed run, or a body unlike the previous runs', ends the side.
    fn add(&mut self, run: Result<Output>) {
        let Ok(best) = &self.0 else { return };
        let out = match run {
            Ok(out) => out,
            Err(e) => return self.0 = Err(e.to_string()),
        };
        if out.exit != Exit::Code(0) {
            return self.0 = Err(format!("exit {}: {}", out.exit, first_line(&out.stderr)));
        }
        let Some((body, us)) = split_elapsed(&out.stdout) else {
            return self.0 = Err("its last stdout line is not `elapsed_us=N`".to_string());
        };
        match best {
            Some((_, prev)) if *prev != body => self.0 = Err("two runs printed different checksums".to_string()),
            Some((b, _)) if *b <= us => {}
            _ => self.0 = Ok(Some((us, body))),
        }
    }

    /// False once the side has failed: its later runs are skipped.
    fn running(&self) -> bool {
        self.0.is_ok()
    }

    fn side(self) -> Side {
        match self.0 {
            Ok(Some((best_us, output))) => Side::Ran { best_us, output },
            Ok(None) => Side::Failed("no run".to_string()),
            Err(why) => Side::Failed(why),
        }
    }
}

/// Runs one side `runs` times and keeps the best time; all runs must print the same body.
#[cfg(test)]
fn measure(runs: usize, mut once: impl FnMut() -> Result<Output>) -> Side {
    let mut tally = Tally::new();
    for _ in 0..runs {
        if tally.running() {
            tally.add(once());
        }
    }
    tally.side()
}

fn first_line(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("(no stderr)");
    line.chars().take(160).collect()
}

/// Compiles one workload and runs it `runs` times on each side, the sides interleaved
/// within each round (BEAM, then each target in order).
pub fn run_one(tools: &Toolchain, work: &std::path::Path, targets: &[Target], program: &Program, runs: usize, limit: Duration) -> Result<Row> {
    let slot = Slot::open(work, program, &tools.versions)?;
    let ebin = match compile::compile(tools, program, &slot, limit)? {
        Compiled::Ok { ebin, .. } => ebin,
        Compiled::Failed { message } => {
            let why = Side::Failed(format!("does not compile: {}", message.lines().next().unwrap_or("")));
            let engines = targets.iter().map(|t| (t.engine.clone(), why.clone())).collect();
            return Ok(Row { name: program.name.clone(), beam: why, engines });
        }
    };
    let mut beam = Tally::new();
    let mut tallies: Vec<Tally> = targets
        .iter()
        .map(|t| match t.check() {
            Ok(()) => Tally::new(),
            Err(e) => Tally(Err(e.to_string())),
        })
        .collect();
    for _ in 0..runs {
        if beam.running() {
            beam.add(oracle::run_fresh(tools, program, &slot, &ebin, limit));
        }
        for (target, tally) in targets.iter().zip(tallies.iter_mut()) {
            if tally.running() {
                tally.add(target.run(program, &ebin, &slot.dir, limit));
            }
        }
    }
    let beam = beam.side();
    let engines = targets
        .iter()
        .zip(tallies)
        .map(|(target, tally)| {
            let side = match (&beam, tally.side()) {
                (Side::Ran { output: ob, .. }, Side::Ran { output: ow, .. }) if *ob != ow => Side::Failed(format!(
                    "checksum differs: BEAM printed {:?}, {} printed {:?}",
                    String::from_utf8_lossy(ob).trim(),
                    target.engine,
                    String::from_utf8_lossy(&ow).trim()
                )),
                (_, side) => side,
            };
            (target.engine.clone(), side)
        })
        .collect();
    Ok(Row { name: program.name.clone(), beam, engines })
}

/// Geometric mean of one engine's ratios over the rows where it ran with a matching checksum.
pub fn geomean(rows: &[Row], engine: &str) -> Option<f64> {
    let ratios: Vec<f64> = rows.iter().filter_map(|r| r.ratio(engine)).collect();
    if ratios.is_empty() {
        return None;
    }
    Some((ratios.iter().map(|r| r.ln()).sum::<f64>() / ratios.len() as f64).exp())
}

/// The table a person reads: per workload the BEAM time, then each engine's time and ratio.
pub fn render(rows: &[Row], engines: &[String]) -> String {
    let mut out = format!("{:<26} {:>10}", "workload", "BEAM ms");
    for e in engines {
        let _ = write!(out, " {:>12} {:>7}", format!("{e} ms"), "ratio");
    }
    out.push_str("  notes\n");
    let ms = |side: &Side| match side {
        Side::Ran { best_us, .. } => format!("{:.1}", *best_us as f64 / 1000.0),
        Side::Failed(_) => "—".to_string(),
    };
    for row in rows {
        let _ = write!(out, "{:<26} {:>10}", row.name, ms(&row.beam));
        let mut notes = Vec::new();
        if let Side::Failed(why) = &row.beam {
            notes.push(format!("BEAM side failed: {why}"));
        }
        for e in engines {
            let side = row.engines.iter().find(|(n, _)| n == e).map(|(_, s)| s);
            let ratio = row.ratio(e).map(|r| format!("{r:.2}×")).unwrap_or_else(|| "—".to_string());
            let time = side.map(ms).unwrap_or_else(|| "—".to_string());
            let _ = write!(out, " {time:>12} {ratio:>7}");
            if let Some(Side::Failed(why)) = side {
                notes.push(format!("{e} failed: {why}"));
            }
        }
        if let Side::Ran { output, .. } = &row.beam
            && notes.is_empty()
        {
            notes.push(format!("checksum {}", String::from_utf8_lossy(output).trim().replace('\n', " ")));
        }
        let _ = writeln!(out, "  {}", notes.join("; "));
    }
    for e in engines {
        let ran = rows.iter().filter(|r| r.ratio(e).is_some()).count();
        match geomean(rows, e) {
            Some(g) => {
                let _ = writeln!(out, "geometric mean of ratios ({e} / BEAM): {g:.2}× over {ran} of {} workloads", rows.len());
            }
            None => {
                let _ = writeln!(out, "geometric mean of ratios ({e} / BEAM): n/a — no workload ran with a matching checksum");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elapsed_line_is_split_off_the_end() {
        assert_eq!(split_elapsed(b"checksum=42\nelapsed_us=1234\n"), Some((b"checksum=42\n".to_vec(), 1234)));
        assert_eq!(split_elapsed(b"elapsed_us=7"), Some((Vec::new(), 7)));
        assert_eq!(split_elapsed(b"elapsed_us=7\nchecksum=1\n"), None);
        assert_eq!(split_elapsed(b"checksum=1\n"), None);
    }

    fn ran(us: u64, out: &str) -> Side {
        Side::Ran { best_us: us, output: out.as_bytes().to_vec() }
    }

    fn row(beam: Side, wasmtime: Side, node: Side) -> Row {
        Row { name: "w".into(), beam, engines: vec![("wasmtime".into(), wasmtime), ("node".into(), node)] }
    }

    #[test]
    fn ratio_needs_both_sides_and_equal_checksums() {
        let r = row(ran(100, "1"), ran(250, "1"), ran(50, "2"));
        assert_eq!(r.ratio("wasmtime"), Some(2.5));
        assert_eq!(r.ratio("node"), None);
        assert_eq!(r.ratio("other"), None);
        assert!(!r.ok());
        assert_eq!(row(ran(100, "1"), Side::Failed("x".into()), ran(50, "1")).ratio("wasmtime"), None);
        assert!(row(ran(100, "1"), ran(200, "1"), ran(50, "1")).ok());
    }

    #[test]
    fn each_engine_has_its_own_geometric_mean_and_column() {
        let rows = [row(ran(100, "1"), ran(200, "1"), ran(50, "1")), row(ran(100, "1"), ran(50, "1"), ran(50, "1"))];
        assert!((geomean(&rows, "wasmtime").unwrap_or(0.0) - 1.0).abs() < 1e-9);
        assert!((geomean(&rows, "node").unwrap_or(0.0) - 0.5).abs() < 1e-9);
        let engines = ["wasmtime".to_string(), "node".to_string()];
        let text = render(&rows[..1], &engines);
        assert!(text.contains("2.00×") && text.contains("0.50×"), "{text}");
        assert!(text.contains("(wasmtime / BEAM): 2.00×") && text.contains("(node / BEAM): 0.50×"), "{text}");
        let failed = render(&[row(ran(100, "1"), Side::Failed("trap".into()), ran(50, "1"))], &engines);
        assert!(failed.contains("wasmtime failed: trap"), "{failed}");
    }

    #[test]
    fn measure_keeps_the_best_run_and_rejects_disagreeing_runs() {
        let outs = [b"c=1\nelapsed_us=30\n".to_vec(), b"c=1\nelapsed_us=10\n".to_vec(), b"c=1\nelapsed_us=20\n".to_vec()];
        let mut i = 0;
        let side = measure(3, || {
            let stdout = outs[i].clone();
            i += 1;
            Ok(Output { stdout, stderr: Vec::new(), exit: Exit::Code(0), elapsed: Duration::ZERO })
        });
        assert_eq!(side, Side::Ran { best_us: 10, output: b"c=1\n".to_vec() });
        let mut n = 0;
        let side = measure(2, || {
            n += 1;
            Ok(Output { stdout: format!("c={n}\nelapsed_us=5\n").into_bytes(), stderr: Vec::new(), exit: Exit::Code(0), elapsed: Duration::ZERO })
        });
        assert!(matches!(side, Side::Failed(_)));
    }

    #[test]
    fn a_failed_side_skips_its_later_runs() {
        let mut calls = 0;
        let side = measure(3, || {
            calls += 1;
            Ok(Output { stdout: b"no timing\n".to_vec(), stderr: Vec::new(), exit: Exit::Code(0), elapsed: Duration::ZERO })
        });
        assert!(matches!(side, Side::Failed(_)));
        assert_eq!(calls, 1);
    }
}
