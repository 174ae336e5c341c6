//! `bench`: runs every workload in `bench/` on the BEAM and on beamwasm in the same run.
//!
//! ```text
//! cargo run --release -p beamwasm-difftest --bin bench -- [--only PATTERN]... [--engine E] [--runs N]
//! ```
//! Exit status: 0 when every workload ran on both sides with matching checksums, 1
//! otherwise (the BEAM column is printed either way), 2 when the runner could not start.

use std::process::ExitCode;

use beamwasm_difftest::args::Args;
use beamwasm_difftest::bench;
use beamwasm_difftest::program;
use beamwasm_difftest::target::Target;
use beamwasm_difftest::toolchain::Toolchain;
use beamwasm_difftest::{Error, Result};

const USAGE: &str = "\
usage: cargo run --release -p beamwasm-difftest --bin bench -- [options]

Runs each workload in bench/ on the BEAM and on beamwasm, best of N runs each, checks the
checksums agree and prints the times, their ratio and the geometric mean of the ratios.

options:
  --only PATTERN    run only workloads named PATTERN, or whose name contains it (repeatable)
  --engine E        beamwasm engine: wasmtime (default) or node
  --runs N          runs per side, the best is kept (default 3)
  --timeout SECS    limit for each compile and each run (default 60)
  --beamwasm PATH   the binary under test (default target/release/beamwasm)
  --programs DIR    the workloads directory (default bench)
";

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("bench: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<bool> {
    let args = Args::parse(std::env::args().skip(1))?;
    if args.help {
        print!("{USAGE}");
        return Ok(true);
    }
    let dir = args.programs_dir("bench");
    let workloads = program::select(program::discover_dir(&dir, "")?, &args.only);
    if workloads.is_empty() {
        return Err(Error::Usage(format!("no workloads selected under {}", dir.display())));
    }
    let tools = Toolchain::detect()?;
    let target = Target { binary: args.beamwasm.clone(), engine: args.engine.clone(), cache: true, extra: Vec::new() };
    if let Err(e) = target.check() {
        eprintln!("bench: beamwasm side will fail: {e}");
    }
    eprintln!("bench: {} workloads, best of {} runs per side; VM: {}", workloads.len(), args.runs, tools.versions);
    let work = args.work_dir("bench");
    let mut rows = Vec::new();
    for w in &workloads {
        eprintln!("  {} ...", w.name);
        rows.push(bench::run_one(&tools, &work, &target, w, args.runs, args.timeout)?);
    }
    print!("{}", bench::render(&rows, &args.engine));
    Ok(rows.iter().all(bench::Row::ok))
}
