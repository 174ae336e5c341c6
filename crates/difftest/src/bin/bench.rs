//! `bench`: runs every workload in `bench/` on the BEAM and on beamwasm's engines (wasmtime
//! and Node, or the one `--engine` names) in the same run.
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

Runs each workload in bench/ on the BEAM and on beamwasm's engines, best of N runs each
(the sides interleaved run by run), checks the checksums agree and prints the times, each
engine's ratio to the BEAM and each engine's geometric mean of the ratios.

options:
  --only PATTERN    run only workloads named PATTERN, or whose name contains it (repeatable)
  --engine E        only this beamwasm engine: wasmtime or node (default: both)
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
    let engines: Vec<String> =
        if args.engine_given { vec![args.engine.clone()] } else { vec!["wasmtime".to_string(), "node".to_string()] };
    let targets: Vec<Target> = engines
        .iter()
        .map(|engine| Target { binary: args.beamwasm.clone(), engine: engine.clone(), cache: true, extra: Vec::new() })
        .collect();
    if let Some(Err(e)) = targets.first().map(Target::check) {
        eprintln!("bench: beamwasm side will fail: {e}");
    }
    eprintln!(
        "bench: {} workloads on the BEAM and {}, best of {} runs per side; VM: {}",
        workloads.len(),
        engines.join(" and "),
        args.runs,
        tools.versions
    );
    let work = args.work_dir("bench");
    let mut rows = Vec::new();
    for w in &workloads {
        eprintln!("  {} ...", w.name);
        rows.push(bench::run_one(&tools, &work, &targets, w, args.runs, args.timeout)?);
    }
    print!("{}", bench::render(&rows, &engines));
    Ok(rows.iter().all(bench::Row::ok))
}
