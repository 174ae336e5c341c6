//! `beamwasm serve`: build a program whose entry serves HTTP with Beamwasm.HTTP and serve it
//! on a loopback address with the embedded engine (crates/serve), for developing a handler
//! that then runs unchanged in a Worker or a Durable Object.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use crate::build::{build, BuildArgs};

/// `beamwasm serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub build: BuildArgs,
    /// The port to listen on (0: any free port; the address is printed).
    #[arg(long, default_value_t = 4000)]
    pub port: u16,
    /// The address to listen on: loopback unless told otherwise.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub host: IpAddr,
    /// The SQLite database of Beamwasm.SQL and of storage (created if it does not exist).
    #[arg(long, value_name = "FILE")]
    pub sqlite: Option<PathBuf>,
    /// Compile the module afresh, without the compiled-module cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Arguments for the program (after `--`).
    #[arg(last = true)]
    pub args: Vec<String>,
}

/// Runs `beamwasm serve`; returns the program's exit status when it halts.
pub fn run(args: &Args) -> Result<i32, String> {
    let wasm = build(&args.build, args.args.len())?;
    let engine = beamwasm_host_wasmtime::engine().map_err(|e| e.to_string())?;
    let cache_dir = if args.no_cache { None } else { beamwasm_host_wasmtime::cache::dir() };
    let (module, _) = beamwasm_host_wasmtime::load(&engine, &wasm, cache_dir.as_deref()).map_err(|e| e.to_string())?;
    let effects = crate::run::effects(args.sqlite.as_deref(), beamwasm_net::Allow::All, beamwasm_subprocess::Allow::All)?;
    let options = beamwasm_serve::Options { addr: SocketAddr::new(args.host, args.port) };
    beamwasm_serve::serve(&engine, &module, &args.args, effects, &options)
}
