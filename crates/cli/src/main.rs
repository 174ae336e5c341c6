//! The `beamwasm` command: a thin dispatcher, one file per subcommand.

mod disasm;

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
    /// Disassemble a .beam file.
    Disasm(disasm::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Disasm(args) => disasm::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("beamwasm: {message}");
            ExitCode::FAILURE
        }
    }
}
