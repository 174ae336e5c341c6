//! One fuzz target for the reader that dispatches on the first input byte:
//! even → `BeamFile::parse` (then both disassembly formats when it parses),
//! odd → `etf::decode`. Neither may panic, whatever the bytes.
//!
//! Run with `cargo +nightly fuzz run reader` from this directory. Seed the corpus with
//! real modules prefixed by a 0 byte, e.g.
//! `for f in /usr/lib/erlang/lib/*/ebin/*.beam; do (printf '\0'; cat "$f") > corpus/reader/$(basename "$f"); done`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((selector, input)) = data.split_first() else { return };
    if selector % 2 == 0 {
        if let Ok(file) = beam::BeamFile::parse(input) {
            let _ = beam::disasm::listing(&file);
            let _ = beam::disasm::eterm(&file);
        }
    } else {
        let _ = beam::etf::decode(input);
    }
});
