//! The benchmark runner: each workload in `bench/` on the BEAM and on beamwasm, in the same
//! run, best of N each.
//!
//! A workload is a program whose `main/0` runs a fixed amount of work, prints a checksum,
//! and prints `elapsed_us=N` (measured with `:erlang.monotonic_time`) as its **last** stdout
//! line. The runner strips that line, requires the rest to be identical on both sides, and
//! reports the two times (the programs' own measurements, so VM start-up is excluded) and
//! their ratio, then the geometric mean of the ratios.

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

/// One workload's row.
#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub beam: Side,
    pub beamwasm: Side,
}

impl Row {
    /// beamwasm time / BEAM time, when both ran and agree.
    pub fn ratio(&self) -> Option<f64> {
        match (&self.beam, &self.beamwasm) {
            (Side::Ran { best_us: b, output: ob }, Side::Ran { best_us: w, output: ow }) if ob == ow && *b > 0 => {
                Some(*w as f64 / *b as f64)
            }
            _ => None,
        }
    }

    /// True when both sides ran and printed the same checksum.
    pub fn ok(&self) -> bool {
        self.ratio().is_some()
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

/// Runs one side `runs` times and keeps the best time; all runs must print the same body.
fn measure(runs: usize, mut once: impl FnMut() -> Result<Output>) -> Side {
    let mut best: Option<(u64, Vec<u8>)> = None;
    for _ in 0..runs {
        let out = match once() {
            Ok(out) => out,
            Err(e) => return Side::Failed(e.to_string()),
        };
        if out.exit != Exit::Code(0) {
            return Side::Failed(format!("exit {}: {}", out.exit, first_line(&out.stderr)));
        }
        let Some((body, us)) = split_elapsed(&out.stdout) else {
            return Side::Failed("its last stdout line is not `elapsed_us=N`".to_string());
        };
        match &best {
            Some((_, prev)) if *prev != body => return Side::Failed("two runs printed different checksums".to_string()),
            Some((b, _)) if *b <= us => {}
            _ => best = Some((us, body)),
        }
    }
    match best {
        Some((best_us, output)) => Side::Ran { best_us, output },
        None => Side::Failed("no run".to_string()),
    }
}

fn first_line(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("(no stderr)");
    line.chars().take(160).collect()
}

/// Compiles and runs one workload on both sides.
pub fn run_one(tools: &Toolchain, work: &std::path::Path, target: &Target, program: &Program, runs: usize, limit: Duration) -> Result<Row> {
    let slot = Slot::open(work, program, &tools.versions)?;
    let ebin = match compile::compile(tools, program, &slot, limit)? {
        Compiled::Ok { ebin, .. } => ebin,
        Compiled::Failed { message } => {
            let why = Side::Failed(format!("does not compile: {}", message.lines().next().unwrap_or("")));
            return Ok(Row { name: program.name.clone(), beam: why.clone(), beamwasm: why });
        }
    };
    let beam = measure(runs, || oracle::run_fresh(tools, program, &slot, &ebin, limit));
    let beamwasm = match target.check() {
        Err(e) => Side::Failed(e.to_string()),
        Ok(()) => measure(runs, || target.run(program, &ebin, &slot.dir, limit)),
    };
    let beamwasm = match (&beam, beamwasm) {
        (Side::Ran { output: ob, .. }, Side::Ran { output: ow, .. }) if *ob != ow => Side::Failed(format!(
            "checksum differs: BEAM printed {:?}, beamwasm printed {:?}",
            String::from_utf8_lossy(ob).trim(),
            String::from_utf8_lossy(&ow).trim()
        )),
        (_, side) => side,
    };
    Ok(Row { name: program.name.clone(), beam, beamwasm })
}

/// Geometric mean of the ratios of rows that ran on both sides.
pub fn geomean(rows: &[Row]) -> Option<f64> {
    let ratios: Vec<f64> = rows.iter().filter_map(Row::ratio).collect();
    if ratios.is_empty() {
        return None;
    }
    Some((ratios.iter().map(|r| r.ln()).sum::<f64>() / ratios.len() as f64).exp())
}

/// The table a person reads.
pub fn render(rows: &[Row], engine: &str) -> String {
    let mut out = format!("{:<24} {:>12} {:>14} {:>8}  notes\n", "workload", "BEAM ms", format!("{engine} ms"), "ratio");
    let ms = |side: &Side| match side {
        Side::Ran { best_us, .. } => format!("{:.1}", *best_us as f64 / 1000.0),
        Side::Failed(_) => "—".to_string(),
    };
    for row in rows {
        let ratio = row.ratio().map(|r| format!("{r:.2}×")).unwrap_or_else(|| "—".to_string());
        let mut notes = Vec::new();
        if let Side::Failed(why) = &row.beam {
            notes.push(format!("BEAM side failed: {why}"));
        }
        if let Side::Failed(why) = &row.beamwasm {
            notes.push(format!("beamwasm side failed: {why}"));
        }
        if let Side::Ran { output, .. } = &row.beam
            && notes.is_empty() {
                notes.push(format!("checksum {}", String::from_utf8_lossy(output).trim().replace('\n', " ")));
            }
        let _ = writeln!(out, "{:<24} {:>12} {:>14} {:>8}  {}", row.name, ms(&row.beam), ms(&row.beamwasm), ratio, notes.join("; "));
    }
    let ran = rows.iter().filter(|r| r.ok()).count();
    match geomean(rows) {
        Some(g) => {
            let _ = writeln!(out, "geometric mean of ratios ({engine} / BEAM): {g:.2}× over {ran} of {} workloads", rows.len());
        }
        None => {
            let _ = writeln!(out, "geometric mean of ratios: n/a — no workload ran on beamwasm ({engine}) with a matching checksum");
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

    #[test]
    fn ratio_needs_both_sides_and_equal_checksums() {
        let ran = |us, out: &str| Side::Ran { best_us: us, output: out.as_bytes().to_vec() };
        let row = |beam, beamwasm| Row { name: "w".into(), beam, beamwasm };
        assert_eq!(row(ran(100, "1"), ran(250, "1")).ratio(), Some(2.5));
        assert_eq!(row(ran(100, "1"), ran(250, "2")).ratio(), None);
        assert_eq!(row(ran(100, "1"), Side::Failed("x".into())).ratio(), None);
        let rows = [row(ran(100, "1"), ran(200, "1")), row(ran(100, "1"), ran(50, "1"))];
        assert!((geomean(&rows).unwrap_or(0.0) - 1.0).abs() < 1e-9);
        assert!(render(&rows[..1], "wasmtime").contains("2.00×"));
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
}
