//! `elixir-suite`: runs Elixir 1.14's own test suite on the VM and through `beamwasm test`
//! on each engine, and prints a per-file table of passes (see
//! `beamwasm_difftest::elixir_suite`).
//!
//! ```text
//! cargo run --release -p beamwasm-difftest --bin elixir-suite -- [--engine wasmtime,node]
//!     [--only SUBSTR,...] [--skip SUBSTR,...] [--reuse] [--verbose] [--target PERCENT]
//! ```
//! Exits 0 when, on every engine, the tests the VM passes pass compiled at least at the
//! target rate (99% by default; tests that need the compiler at run time are left out of
//! the rate) and no test passes compiled that the VM fails; 1 otherwise; 2 on a usage or
//! tool error.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use beamwasm_difftest::elixir_suite::{self, Config, EngineCounts, SideRun};

const USAGE: &str = "usage: elixir-suite [--engine wasmtime,node] [--beamwasm PATH] [--only SUBSTR,...] [--skip SUBSTR,...] [--reuse] [--verbose] [--target PERCENT] [--timeout SECS]";

fn main() -> ExitCode {
    match real_main() {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("elixir-suite: {msg}");
            ExitCode::from(2)
        }
    }
}

fn real_main() -> Result<ExitCode, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut cfg = Config {
        beamwasm: root.join("target/release/beamwasm"),
        engines: vec!["wasmtime".into(), "node".into()],
        tests: elixir_suite::default_tests_dir(&root),
        work: root.join("target/elixir-suite"),
        only: vec![],
        skip: vec![],
        reuse: false,
        timeout: Duration::from_secs(3 * 3600),
    };
    let (mut verbose, mut target) = (false, 99.0_f64);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        let list = |v: String| v.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect::<Vec<_>>();
        match a.as_str() {
            "--engine" => cfg.engines = list(val("--engine")?),
            "--beamwasm" => cfg.beamwasm = PathBuf::from(val("--beamwasm")?),
            "--only" => cfg.only = list(val("--only")?),
            "--skip" => cfg.skip = list(val("--skip")?),
            "--reuse" => cfg.reuse = true,
            "--verbose" => verbose = true,
            "--target" => target = val("--target")?.parse().map_err(|_| USAGE.to_string())?,
            "--timeout" => cfg.timeout = Duration::from_secs(val("--timeout")?.parse().map_err(|_| USAGE.to_string())?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    if !cfg.tests.join("test_helper.exs").is_file() {
        return Err(format!("{} has no test_helper.exs: run scripts/bootstrap.sh (it unpacks Debian's elixir sources)", cfg.tests.display()));
    }
    if !cfg.beamwasm.is_file() {
        return Err(format!("{} not found: run `cargo build --release` first", cfg.beamwasm.display()));
    }
    let t = Instant::now();
    let files = elixir_suite::selected_files(&cfg).map_err(|e| e.to_string())?;
    if files.is_empty() {
        return Err("no test file matches".into());
    }
    let mut log = |line: &str| eprintln!("elixir-suite: {line}");
    let vm = elixir_suite::run_side(&cfg, "vm", &files, &mut log).map_err(|e| e.to_string())?;
    if !vm.finished {
        return Err(format!("the VM's run did not finish (exit {}):\n{}", vm.exit, vm.stderr_tail));
    }
    let mut runs: Vec<SideRun> = Vec::new();
    for engine in &cfg.engines {
        let run = elixir_suite::run_side(&cfg, engine, &files, &mut log).map_err(|e| e.to_string())?;
        if !run.finished {
            log(&format!("{engine}: the run stopped before the suite finished (exit {}):\n{}", run.exit, run.stderr_tail));
        }
        runs.push(run);
    }
    let counts: Vec<BTreeMap<String, EngineCounts>> = runs.iter().map(|r| elixir_suite::compare(&vm, r)).collect();

    // The table: one row per file.
    let mut vm_passed: BTreeMap<String, usize> = BTreeMap::new();
    for (id, o) in &vm.results {
        *vm_passed.entry(id.0.clone()).or_default() += usize::from(o.result == "passed");
    }
    let mut head = format!("{:<48} {:>5}", "file", "vm");
    for r in &runs {
        head.push_str(&format!(" {:>9} {:>5} {:>5}", r.side, "rtc", "diff"));
    }
    println!("{head}");
    for (file, n) in &vm_passed {
        let mut row = format!("{file:<48} {n:>5}");
        for c in &counts {
            let e = c.get(file).cloned().unwrap_or_default();
            row.push_str(&format!(" {:>9} {:>5} {:>5}", e.passed, e.lost_compiler, e.lost_other + e.gained));
        }
        println!("{row}");
    }
    let vm_total: usize = vm_passed.values().sum();
    let mut ok = true;
    println!("(rtc: passed on the VM, lost for want of the compiler at run time; diff: other differences)");
    for (r, c) in runs.iter().zip(&counts) {
        let passed: usize = c.values().map(|e| e.passed).sum();
        let rtc: usize = c.values().map(|e| e.lost_compiler).sum();
        let other: usize = c.values().map(|e| e.lost_other).sum();
        let gained: usize = c.values().map(|e| e.gained).sum();
        let pct = |num: usize, den: usize| if den == 0 { 100.0 } else { 100.0 * num as f64 / den as f64 };
        let rate = pct(vm_total - rtc - other, vm_total - rtc);
        println!(
            "{}: {} of the VM's {vm_total} passes ({:.1}%); {rtc} need the compiler at run time; of the rest {:.2}% pass; {other} other differences, {gained} pass only compiled; {}{}",
            r.side,
            passed - gained,
            pct(passed - gained, vm_total),
            rate,
            r.seconds.map_or("saved run".to_string(), |s| format!("{s:.0} s")),
            if r.finished { String::new() } else { format!(", stopped early (exit {})", r.exit) }
        );
        if rate < target || gained > 0 || !r.finished {
            ok = false;
        }
        if verbose {
            for (id, o) in &vm.results {
                let ours = r.results.get(id);
                let passed = ours.is_some_and(|x| x.result == "passed");
                if (o.result == "passed") != passed {
                    let (res, detail) = ours.map_or(("missing", ""), |x| (x.result.as_str(), x.detail.as_str()));
                    let tag = if elixir_suite::runtime_compiler_cause(detail).is_some() { "rtc " } else { "DIFF" };
                    println!("  {tag} {} {} {}: vm {}, {} {res}: {}", r.side, id.0, id.2, o.result, r.side, detail.chars().take(240).collect::<String>());
                }
            }
        }
    }
    println!("vm: {} s; total {:.0?}", vm.seconds.map_or("saved run".to_string(), |s| format!("{s:.0}")), t.elapsed());
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
