//! Turning outcomes into the report a person reads: each failure with its diff and the
//! command to rerun it alone, the known gaps with their reasons, and the closing counts.

use std::fmt::Write;

use crate::exec::Exit;
use crate::suite::{Outcome, SLOW, Verdict};

/// The counts behind the closing line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: usize,
    pub failed: usize,
    pub known: usize,
}

/// Renders the report. `rerun` is the command prefix that reruns one program, e.g.
/// `cargo run --release -p beamwasm-difftest --` (the program's `--only` is appended).
pub fn render(outcomes: &[Outcome], rerun: &str) -> (String, Counts) {
    let mut out = String::new();
    let mut counts = Counts::default();
    for o in outcomes {
        match &o.verdict {
            Verdict::Pass => counts.passed += 1,
            Verdict::Known { .. } => counts.known += 1,
            Verdict::Fail { summary, details } => {
                counts.failed += 1;
                let _ = writeln!(out, "FAIL {}: {summary}", o.program.name);
                for line in details.lines() {
                    let _ = writeln!(out, "    {line}");
                }
                let _ = writeln!(out, "    rerun: {rerun} --only {}\n", o.program.name);
            }
            Verdict::UnexpectedPass { reason } => {
                counts.failed += 1;
                let _ = writeln!(
                    out,
                    "FAIL {}: unexpectedly passing — it is marked `known: {reason}`; remove that header line\n    \
                     rerun: {rerun} --only {}\n",
                    o.program.name, o.program.name
                );
            }
        }
    }
    let known: Vec<&Outcome> = outcomes.iter().filter(|o| matches!(o.verdict, Verdict::Known { .. })).collect();
    if !known.is_empty() {
        let _ = writeln!(out, "known gaps ({}):", known.len());
        for o in known {
            if let Verdict::Known { reason, summary } = &o.verdict {
                let _ = writeln!(out, "  {} — {reason} ({summary})", o.program.name);
            }
        }
    }
    let differing: Vec<&Outcome> = outcomes.iter().filter(|o| o.grouped_differs.is_some()).collect();
    if !differing.is_empty() {
        let _ = writeln!(out, "grouped and solo runs differ ({}; the verdict is the solo run's):", differing.len());
        for o in differing {
            let _ = writeln!(out, "  {} — {}", o.program.name, o.grouped_differs.as_deref().unwrap_or_default());
        }
    }
    let mut slow: Vec<&Outcome> = outcomes.iter().filter(|o| o.oracle_time.is_some_and(|t| t > SLOW)).collect();
    slow.sort_by_key(|o| std::cmp::Reverse(o.oracle_time));
    if !slow.is_empty() {
        let _ = writeln!(out, "slow on the VM (over {} s, programs should stay fast):", SLOW.as_secs());
        for o in slow {
            let secs = o.oracle_time.map(|t| t.as_secs_f64()).unwrap_or_default();
            let _ = writeln!(out, "  {} {secs:.2} s", o.program.name);
        }
    }
    let crashing: Vec<String> = outcomes
        .iter()
        .filter_map(|o| o.oracle_exit.as_ref().filter(|e| **e != Exit::Code(0)).map(|e| format!("{} ({e})", o.program.name)))
        .collect();
    if !crashing.is_empty() {
        let _ = writeln!(out, "exit non-zero on the VM, check this is intended ({}): {}", crashing.len(), crashing.join(", "));
    }
    if counts.known > 0 {
        let _ = writeln!(out, "{} known", counts.known);
    }
    let _ = writeln!(out, "{} passed, {} failed", counts.passed, counts.failed);
    (out, counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::{Lang, Program};
    use std::path::PathBuf;

    fn outcome(name: &str, verdict: Verdict) -> Outcome {
        let program = Program {
            name: name.to_string(),
            lang: Lang::Elixir,
            path: PathBuf::new(),
            source: String::new(),
            module: "M".to_string(),
            known: None,
            pa: None,
        };
        Outcome { program, verdict, oracle_time: None, oracle_exit: None, grouped_differs: None }
    }

    #[test]
    fn counts_known_apart_and_unexpected_passes_as_failures() {
        let outcomes = vec![
            outcome("elixir/a", Verdict::Pass),
            outcome("elixir/b", Verdict::Fail { summary: "stdout differs".into(), details: "-1\n+2".into() }),
            outcome("elixir/c", Verdict::Known { reason: "no processes".into(), summary: "exit 1".into() }),
            outcome("elixir/d", Verdict::UnexpectedPass { reason: "bignums".into() }),
        ];
        let (text, counts) = render(&outcomes, "cargo run --release -p beamwasm-difftest --");
        assert_eq!(counts, Counts { passed: 1, failed: 2, known: 1 });
        assert!(text.ends_with("1 known\n1 passed, 2 failed\n"), "{text}");
        assert!(text.contains("FAIL elixir/b: stdout differs"));
        assert!(text.contains("rerun: cargo run --release -p beamwasm-difftest -- --only elixir/b"));
        assert!(text.contains("FAIL elixir/d: unexpectedly passing"));
        assert!(text.contains("elixir/c — no processes"));
    }
}
