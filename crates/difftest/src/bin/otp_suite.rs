//! `otp-suite`: runs one of OTP's own test suites on the VM and through beamwasm and
//! compares them test case by test case (see `beamwasm_difftest::otp_suite`).
//!
//! ```text
//! cargo run --release -p beamwasm-difftest --bin otp-suite -- re [--engine wasmtime|node] [--only CASE,...]
//! ```
//! Exits 0 when every case agrees (known gaps aside), 1 when some differ, 2 on a usage or
//! tool error.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use beamwasm_difftest::otp_suite::{self, Config};

const USAGE: &str = "usage: otp-suite SUITE [--engine wasmtime|node] [--beamwasm PATH] [--only CASE,...] [--timeout SECS]\n  suites: re, zlib";

fn main() -> ExitCode {
    match real_main() {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("otp-suite: {msg}");
            ExitCode::from(2)
        }
    }
}

fn real_main() -> Result<ExitCode, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut cfg = Config {
        beamwasm: root.join("target/release/beamwasm"),
        engine: "wasmtime".into(),
        work: root.join("target/otp-suite"),
        otp_src: otp_suite::default_otp_src(&root),
        only: vec![],
        timeout: Duration::from_secs(3600),
    };
    let mut suite = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        match a.as_str() {
            "--engine" => cfg.engine = val("--engine")?,
            "--beamwasm" => cfg.beamwasm = PathBuf::from(val("--beamwasm")?),
            "--only" => cfg.only = val("--only")?.split(',').map(str::to_string).collect(),
            "--timeout" => cfg.timeout = Duration::from_secs(val("--timeout")?.parse().map_err(|_| USAGE.to_string())?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            name if suite.is_none() && !name.starts_with('-') => {
                suite = Some(otp_suite::find(name).ok_or_else(|| format!("no suite {name}\n{USAGE}"))?);
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    let suite = suite.ok_or_else(|| USAGE.to_string())?;
    if !cfg.beamwasm.is_file() {
        return Err(format!("{} not found: run `cargo build --release` first", cfg.beamwasm.display()));
    }
    let t = Instant::now();
    let results = otp_suite::run(suite, &cfg, &mut |line| eprintln!("otp-suite: {line}")).map_err(|e| e.to_string())?;
    let (mut agree, mut differ, mut known, mut fixed) = (0, 0, 0, 0);
    for r in &results {
        let gap = suite.known.iter().find(|(c, _)| *c == r.case);
        match (r.agrees(), gap) {
            (true, None) => {
                agree += 1;
                println!("  same  {}: {}", r.case, r.vm);
            }
            (false, Some((_, why))) => {
                known += 1;
                println!("  known {}: {why}\n        vm: {}\n        beamwasm: {}", r.case, r.vm, r.beamwasm);
            }
            (true, Some(_)) => {
                fixed += 1;
                println!("  FIXED {}: agrees now; remove it from the suite's known gaps (otp_suite.rs)", r.case);
            }
            (false, None) => {
                differ += 1;
                println!("  DIFF  {}\n        vm: {}\n        beamwasm: {}", r.case, r.vm, r.beamwasm);
            }
        }
    }
    println!(
        "otp-suite {}: {} cases, {agree} agree, {differ} differ, {known} known, {fixed} unexpectedly agreeing, on {} in {:.0?}",
        suite.module,
        results.len(),
        cfg.engine,
        t.elapsed()
    );
    Ok(if differ == 0 && fixed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
