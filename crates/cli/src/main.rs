//! The `beamwasm` command: a thin dispatcher, one file per subcommand.

mod build;
mod disasm;
mod mix;
mod progress;
mod run;
mod script;
mod test;
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// beamwasm: compiles Erlang and Elixir .beam files to one WebAssembly module.
#[derive(Parser)]
#[command(name = "beamwasm", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build a program and run it.
    Run(run::Args),
    /// Run ExUnit test files (`*_test.exs`), as `mix test` runs them.
    Test(test::Args),
    /// Build a program into a .wasm module.
    Build(build::Args),
    /// Build a program that serves HTTP (Beamwasm.HTTP) and serve it on loopback.
    Serve(serve::Args),
    /// Disassemble a .beam file.
    Disasm(disasm::Args),
    /// Print a directory of the .beam files of beamwasm's library (Beamwasm.HTTP,
    /// Beamwasm.Conn, Beamwasm.SQL, ...), for other compilers' code path:
    /// `elixirc -pa "$(beamwasm lib)" ...`
    Lib,
}

fn main() -> ExitCode {
    // The compiler recurses along chains of basic blocks; give it room.
    let worker = std::thread::Builder::new().stack_size(256 << 20).spawn(real_main);
    match worker.map(|w| w.join()) {
        Ok(Ok(code)) => code,
        _ => ExitCode::FAILURE,
    }
}

fn real_main() -> ExitCode {
    // `-pa DIR` is written with one dash, as `erl` and `elixir` take it.
    let argv = std::env::args().map(|a| if a == "-pa" { "--pa".to_string() } else { a });
    let cli = Cli::parse_from(argv);
    let result = match cli.command {
        Command::Run(args) => run::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Build(args) => build::run(&args).map(|()| 0),
        Command::Serve(args) => serve::run(&args),
        Command::Disasm(args) => disasm::run(&args).map(|()| 0),
        Command::Lib => build::library_dir().map(|d| {
            println!("{}", d.display());
            0
        }),
    };
    match result {
        Ok(code) => ExitCode::from(code.clamp(0, 255) as u8),
        Err(message) => {
            eprintln!("beamwasm: {message}");
            ExitCode::FAILURE
        }
    }
}
