//! Bad input gives one-line errors that name the file, the chunk and the byte offset.

use beam::testing::{BeamBuilder, atom_chunk, code_chunk, minimal_module};
use beam::{BeamFile, ReadError};

fn parse_named(bytes: &[u8], name: &str) -> Result<BeamFile, ReadError> {
    BeamFile::parse(bytes).map_err(|e| e.with_file(name))
}

fn error_of(bytes: &[u8], name: &str) -> String {
    match parse_named(bytes, name) {
        Ok(_) => "parsed without error".into(),
        Err(e) => e.to_string(),
    }
}

/// The file offset of the data of the first chunk with this id.
fn chunk_offset(bytes: &[u8], id: &[u8; 4]) -> usize {
    beam::container::chunks(bytes)
        .ok()
        .and_then(|cs| cs.into_iter().find(|c| &c.id.0 == id))
        .map_or(usize::MAX, |c| c.offset)
}

#[test]
fn truncated_file_names_the_declared_and_actual_sizes() {
    let whole = minimal_module();
    let cut = &whole[..30];
    assert_eq!(
        error_of(cut, "m.beam"),
        format!("m.beam: at byte 4: file is truncated: the header declares {} bytes, the file has 30", whole.len())
    );
}

#[test]
fn truncated_chunk_names_the_chunk() {
    let mut bytes = minimal_module();
    let code = chunk_offset(&bytes, b"Code");
    bytes[code - 4..code].copy_from_slice(&10_000u32.to_be_bytes());
    let e = parse_named(&bytes, "m.beam").err();
    assert_eq!(e.as_ref().and_then(ReadError::chunk).map(|c| c.to_string()), Some("Code".into()));
    assert_eq!(
        e.map(|e| e.to_string()),
        Some(format!(
            "m.beam: chunk Code at byte {}: chunk is truncated: it declares 10000 bytes, {} remain in the file",
            code - 8,
            bytes.len() - code
        ))
    );
}

#[test]
fn a_file_that_is_not_beam_says_so() {
    assert_eq!(
        error_of(b"#!/usr/bin/env escript\nmain(_) -> ok.\n", "script.erl"),
        "script.erl: at byte 0: not a BEAM file: it does not start with FOR1"
    );
    assert_eq!(error_of(b"FOR1", "short.beam"), "short.beam: at byte 0: not a BEAM file: only 4 bytes long");
    assert_eq!(
        error_of(b"FOR1\0\0\0\x04IFFX", "other.iff"),
        "other.iff: at byte 8: not a BEAM file: the form type is not BEAM"
    );
}

fn module_with_literals(litt: Vec<u8>) -> Vec<u8> {
    BeamBuilder::new()
        .chunk(b"AtU8", atom_chunk(&["m", "f"]))
        .chunk(b"LitT", litt)
        .chunk(b"Code", code_chunk(3, 1, &[1, 0x10, 2, 0x12, 0x22, 0x00, 1, 0x20, 19, 3]))
        .build()
}

#[test]
fn corrupt_literal_names_the_literal_chunk_and_byte() {
    // An uncompressed table (size 0) of one literal with the unknown tag 200.
    let mut litt = vec![0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 131, 200];
    let bytes = module_with_literals(litt.clone());
    let at = chunk_offset(&bytes, b"LitT");
    assert_eq!(
        error_of(&bytes, "lit.beam"),
        format!("lit.beam: chunk LitT at byte {}: literal 0: unknown external term tag 200", at + 13)
    );
    // A compressed table whose zlib stream is garbage.
    litt.splice(0..4, [0, 0, 0, 50]);
    let bytes = module_with_literals(litt);
    let at = chunk_offset(&bytes, b"LitT");
    let e = error_of(&bytes, "lit.beam");
    assert!(e.starts_with(&format!("lit.beam: chunk LitT at byte {}: bad zlib data: ", at + 4)), "{e}");
}

#[test]
fn compressed_literal_table_of_the_wrong_size_is_an_error() {
    use std::io::Write;
    let table = [0, 0, 0, 1, 0, 0, 0, 2, 131, 106];
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let packed = z.write_all(&table).and_then(|()| z.finish()).unwrap_or_default();
    let mut litt = 11u32.to_be_bytes().to_vec();
    litt.extend(packed);
    let bytes = module_with_literals(litt);
    let at = chunk_offset(&bytes, b"LitT");
    assert_eq!(
        error_of(&bytes, "lit.beam"),
        format!("lit.beam: chunk LitT at byte {}: zlib data inflates to 10 bytes, expected 11", at + 4)
    );
}

#[test]
fn unknown_opcode_names_the_code_chunk_and_byte() {
    let code = [1, 0x10, 2, 0x12, 0x22, 0x00, 1, 0x20, 200, 19, 3];
    let bytes = BeamBuilder::new()
        .chunk(b"AtU8", atom_chunk(&["m", "f"]))
        .chunk(b"Code", code_chunk(3, 1, &code))
        .build();
    let at = chunk_offset(&bytes, b"Code") + 20 + 8;
    assert_eq!(error_of(&bytes, "op.beam"), format!("op.beam: chunk Code at byte {at}: unknown opcode 200"));
}

#[test]
fn bad_operand_names_the_instruction_and_operand() {
    // move with an atom index beyond the atom table.
    let code = [1, 0x10, 2, 0x12, 0x22, 0x00, 1, 0x20, 64, 0x92, 0x03, 19, 3];
    let bytes = BeamBuilder::new()
        .chunk(b"AtU8", atom_chunk(&["m", "f"]))
        .chunk(b"Code", code_chunk(3, 1, &code))
        .build();
    let at = chunk_offset(&bytes, b"Code") + 20 + 9;
    assert_eq!(
        error_of(&bytes, "op.beam"),
        format!("op.beam: chunk Code at byte {at}: move operand 1: atom index 9 but the atom table has 2")
    );
}
