//! Reads and fully decodes every installed OTP and Elixir `.beam` (chunks, literals,
//! code operands, lines and types) and prints how long it took. Not a timed test: run
//! it with `cargo bench -p beamwasm-beam`.

#[path = "../tests/common/installed.rs"]
mod installed;

use std::time::Instant;

fn main() -> Result<(), String> {
    let files = installed::beam_files()?;
    let start = Instant::now();
    let bytes: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()))).collect::<Result<_, _>>()?;
    let read = start.elapsed();
    let total: usize = bytes.iter().map(Vec::len).sum();
    let start = Instant::now();
    let mut instructions = 0;
    let mut literals = 0;
    for (path, b) in files.iter().zip(&bytes) {
        let file = beam::BeamFile::parse(b).map_err(|e| e.with_file(path).to_string())?;
        instructions += file.code.instructions.len();
        literals += file.literals.len();
    }
    let decode = start.elapsed();
    println!(
        "decode_all: {} modules ({:.1} MB), {instructions} instructions, {literals} literals: decoded in {:.3} s (files read in {:.3} s)",
        files.len(),
        total as f64 / 1e6,
        decode.as_secs_f64(),
        read.as_secs_f64()
    );
    Ok(())
}
