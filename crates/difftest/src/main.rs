//! `beamwasm-difftest`: the differential suite.
//!
//! ```text
//! cargo run --release -p beamwasm-difftest -- [--only PATTERN]... [--engine wasmtime|node]
//!     [--link MODE] [--oracle-only] [--no-group] [--group-size N] [-j N] [--timeout SECS]
//!     [--beamwasm PATH] [--programs DIR] [--work DIR]
//! ```
//! Exit status: 0 when nothing failed unexpectedly, 1 when something did, 2 when the
//! harness itself could not run (missing toolchain, bad options).

use std::process::ExitCode;

use beamwasm_difftest::args::Args;
use beamwasm_difftest::program;
use beamwasm_difftest::report;
use beamwasm_difftest::suite::{self, Config, Mode};
use beamwasm_difftest::target::Target;
use beamwasm_difftest::toolchain::Toolchain;
use beamwasm_difftest::{Error, Result};

const USAGE: &str = "\
usage: cargo run --release -p beamwasm-difftest -- [options]

Runs every program in tests/conformance/{elixir,erlang} on the real Erlang VM and on
beamwasm, and compares stdout bytes and exit status.

options:
  --only PATTERN    run only programs named PATTERN, or whose name contains it (repeatable)
  --engine E        beamwasm engine: wasmtime (default) or node
  --link MODE       pass --link=MODE to beamwasm (complete: keep every module of the
                    program's applications, as a release would)
  --oracle-only     validate the programs: each compiles cleanly and runs twice on the VM
                    with identical output; beamwasm is not run
  --no-group        run every program from its own module (by default programs run in
                    groups from one module each, a program that disagrees with the VM
                    is run alone and takes that verdict)
  --group-size N    programs per group (default 40)
  -j, --jobs N      programs run in parallel (default: the number of cores)
  --timeout SECS    limit for each compile and each run (default 60)
  --beamwasm PATH   the binary under test (default target/release/beamwasm)
  --programs DIR    the conformance directory (default tests/conformance)
  --work DIR        compiled code and cached VM results (default target/difftest/conformance)
";

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("beamwasm-difftest: {e}");
            ExitCode::from(2)
        }
    }
}

/// Runs the suite; `Ok(false)` when some program failed.
fn run() -> Result<bool> {
    let args = Args::parse(std::env::args().skip(1))?;
    if args.help {
        print!("{USAGE}");
        return Ok(true);
    }
    let dir = args.programs_dir("tests/conformance");
    let all = program::discover(&dir, &["elixir", "erlang"])?;
    if all.is_empty() {
        return Err(Error::Usage(format!("no programs found under {}/{{elixir,erlang}}", dir.display())));
    }
    let programs = program::select(all, &args.only);
    if programs.is_empty() {
        return Err(Error::Usage(format!("--only {} matches no program", args.only.join(", "))));
    }
    let tools = Toolchain::detect()?;
    let mode = if args.oracle_only {
        Mode::OracleOnly
    } else {
        let extra = args.link.iter().map(|l| format!("--link={l}")).collect();
        let target = Target { binary: args.beamwasm.clone(), engine: args.engine.clone(), cache: false, extra };
        target.check()?;
        Mode::Compare(target)
    };
    let what = match &mode {
        Mode::OracleOnly => "oracle-only validation".to_string(),
        Mode::Compare(t) => format!("beamwasm --engine {}{}", t.engine, t.extra.iter().map(|e| format!(" {e}")).collect::<String>()),
    };
    let grouping = match (&mode, args.group) {
        (Mode::Compare(_), Some(n)) => format!(", groups of about {n}"),
        _ => String::new(),
    };
    eprintln!("difftest: {} programs, {what}{grouping}, {} jobs; VM: {}", programs.len(), args.jobs, tools.versions);
    let started = std::time::Instant::now();
    let work = args.work_dir("conformance");
    beamwasm_difftest::tls_fixture::prepare(&tools, &work, &programs)?;
    let config = Config { tools, work, mode, jobs: args.jobs, limit: args.timeout, group: args.group };
    let outcomes = suite::run(&config, &programs);
    let (text, counts) = report::render(&outcomes, &rerun_prefix(&args));
    print!("{text}");
    eprintln!("difftest: {:.0} s", started.elapsed().as_secs_f64());
    Ok(counts.failed == 0)
}

/// The command that reruns one program with the same mode and engine.
fn rerun_prefix(args: &Args) -> String {
    let mut cmd = "cargo run --release -p beamwasm-difftest --".to_string();
    if args.oracle_only {
        cmd.push_str(" --oracle-only");
    } else if args.engine != "wasmtime" {
        cmd.push_str(&format!(" --engine {}", args.engine));
    }
    if let Some(l) = &args.link {
        cmd.push_str(&format!(" --link {l}"));
    }
    if args.group.is_none() {
        cmd.push_str(" --no-group");
    }
    cmd
}
