//! `beamwasm disasm FILE.beam`: prints a module as a readable listing, or with
//! `--format eterm` as the Erlang term OTP's `beam_disasm:file/1` returns (text that
//! `file:consult/1` reads back equal to it).

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

/// Arguments of `beamwasm disasm`.
#[derive(clap::Args)]
pub struct Args {
    /// The .beam file to disassemble.
    file: PathBuf,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Listing)]
    format: Format,
}

/// The output formats.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Functions, labels and instructions with symbolic operands.
    Listing,
    /// The `#beam_file{}` term of `beam_disasm:file/1`, for `file:consult/1`.
    Eterm,
}

/// Runs the subcommand; an error is the message to print.
pub fn run(args: &Args) -> Result<(), String> {
    let path = &args.file;
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    // The VM's loader takes gzip-compressed files too (Debian ships some so).
    let bytes = beam::container::uncompressed(&bytes).map_err(|e| e.with_file(path).to_string())?;
    let file = beam::BeamFile::parse(&bytes).map_err(|e| e.with_file(path).to_string())?;
    let text = match args.format {
        Format::Listing => beam::disasm::listing(&file),
        Format::Eterm => beam::disasm::eterm(&file),
    }
    .map_err(|e| e.with_file(path).to_string())?;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("writing the output: {e}")),
        _ => Ok(()),
    }
}
