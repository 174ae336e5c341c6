//! `beamwasm run`: build the program and run it on the embedded engine (wasmtime), or on
//! the pinned Node with `--engine node`.

use std::path::PathBuf;

use crate::build::{build, BuildArgs};

/// The engines a program can run on.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// wasmtime, inside this binary.
    Wasmtime,
    /// The pinned Node, through the JS host.
    Node,
}

/// `beamwasm run`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub build: BuildArgs,
    /// Where to run the program.
    #[arg(long, value_enum, default_value = "wasmtime")]
    pub engine: Engine,
    /// Arguments for the program (after `--`).
    #[arg(last = true)]
    pub args: Vec<String>,
}

/// Runs `beamwasm run`; returns the program's exit status.
pub fn run(args: &Args) -> Result<i32, String> {
    let wasm = build(&args.build, args.args.len())?;
    match args.engine {
        Engine::Wasmtime => {
            let t = std::time::Instant::now();
            let engine = beamwasm_host_wasmtime::engine().map_err(|e| e.to_string())?;
            let module = beamwasm_host_wasmtime::compile(&engine, &wasm).map_err(|e| e.to_string())?;
            if args.build.verbose {
                eprintln!("beamwasm: engine compile {:.0?}", t.elapsed());
            }
            beamwasm_host_wasmtime::run(&engine, &module, &args.args).map_err(|e| e.to_string())
        }
        Engine::Node => {
            let _: Option<PathBuf> = None;
            Err("--engine node is not available yet".into())
        }
    }
}
