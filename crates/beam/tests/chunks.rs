//! Hand-built chunks: each layout the reader supports, decoded field by field.

use beam::testing::{BeamBuilder, atom_chunk, code_chunk};
use beam::types::{TypeEntry, TypeKinds as K};
use beam::{BeamFile, Int, Opcode, Operand, Register, Term};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// `label 1; func_info m f 0; label 2; <body>; return; int_code_end`.
fn function_code(body: &[u8]) -> Vec<u8> {
    let mut code = vec![1, 0x10, 2, 0x12, 0x22, 0x00, 1, 0x20];
    code.extend(body);
    code.extend([19, 3]);
    code
}

fn module(atoms: &[&str], body: &[u8], extra: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
    let mut b = BeamBuilder::new().chunk(b"AtU8", atom_chunk(atoms));
    for (id, data) in extra {
        b = b.chunk(id, data.clone());
    }
    b.chunk(b"Code", code_chunk(3, 1, &function_code(body))).build()
}

fn instruction(file: &BeamFile, op: Opcode) -> Option<&[Operand]> {
    file.code.instructions.iter().find(|i| i.op == op).map(|i| i.args.as_slice())
}

#[test]
fn otp26_to_28_opcodes_decode_from_hand_built_code() -> Result {
    let body = [
        // update_record {atom,copy} 3 x0 x1 [2, x2]
        181, 0x32, 0x30, 0x03, 0x13, 0x17, 0x20, 0x20, 0x23,
        // bs_match {f,1} x0 [ensure_exactly, 8]
        182, 0x15, 0x03, 0x17, 0x20, 0x52, 0x80,
        // executable_line 1 0
        183, 0x10, 0x00,
        // debug_line {atom,entry} 1 0 2
        184, 0x42, 0x10, 0x00, 0x20,
    ];
    let file = BeamFile::parse(&module(&["m", "f", "copy", "entry", "ensure_exactly"], &body, &[]))?;
    assert_eq!(
        instruction(&file, Opcode::UpdateRecord),
        Some(
            &[
                Operand::Atom(3),
                Operand::Unsigned(3),
                Operand::X(0),
                Operand::X(1),
                Operand::List(vec![Operand::Unsigned(2), Operand::X(2)]),
            ][..]
        )
    );
    assert_eq!(
        instruction(&file, Opcode::BsMatch),
        Some(&[Operand::Label(1), Operand::X(0), Operand::List(vec![Operand::Atom(5), Operand::Unsigned(8)])][..])
    );
    assert_eq!(instruction(&file, Opcode::ExecutableLine), Some(&[Operand::Unsigned(1), Operand::Unsigned(0)][..]));
    assert_eq!(
        instruction(&file, Opcode::DebugLine),
        Some(&[Operand::Atom(4), Operand::Unsigned(1), Operand::Unsigned(0), Operand::Unsigned(2)][..])
    );
    let listing = beam::disasm::listing(&file)?;
    assert!(listing.contains("    update_record copy, 3, x0, x1, [2, x2]\n"), "{listing}");
    assert!(listing.contains("    bs_match L1, x0, [ensure_exactly, 8]\n"), "{listing}");
    assert!(listing.contains("    debug_line entry, 1, 0, 2\n"), "{listing}");
    let eterm = beam::disasm::eterm(&file)?;
    assert!(eterm.contains("{update_record,{atom,copy},3,{x,0},{x,1},{list,[2,{x,2}]}}"), "{eterm}");
    assert!(eterm.contains("{executable_line,1,0},{debug_line,{atom,entry},1,0,2}"), "{eterm}");
    Ok(())
}

#[test]
fn latin1_atom_chunk_decodes_bytes_as_code_points() -> Result {
    let mut atoms = 3u32.to_be_bytes().to_vec();
    for name in [&b"m"[..], b"f", b"caf\xe9"] {
        atoms.push(name.len() as u8);
        atoms.extend(name);
    }
    let bytes = BeamBuilder::new()
        .chunk(b"Atom", atoms)
        .chunk(b"Code", code_chunk(3, 1, &function_code(&[64, 0x32, 0x03])))
        .build();
    let file = BeamFile::parse(&bytes)?;
    assert_eq!(file.atom(3), Some("café"));
    assert_eq!(file.module(), "m");
    Ok(())
}

#[test]
fn long_atom_table_with_negative_count_uses_compact_lengths() -> Result {
    let long = "é".repeat(200); // 400 bytes: more than a length byte can say
    let mut atoms = (-3i32).to_be_bytes().to_vec();
    for name in ["m", "f", long.as_str()] {
        atoms.extend(beam::testing::operand(0, name.len() as u16));
        atoms.extend(name.as_bytes());
    }
    let bytes = BeamBuilder::new()
        .chunk(b"AtU8", atoms)
        .chunk(b"Code", code_chunk(3, 1, &function_code(&[])))
        .build();
    assert_eq!(BeamFile::parse(&bytes)?.atom(3), Some(long.as_str()));
    Ok(())
}

fn literal_table(terms: &[&[u8]]) -> Vec<u8> {
    let mut table = (terms.len() as u32).to_be_bytes().to_vec();
    for t in terms {
        table.extend((t.len() as u32).to_be_bytes());
        table.extend(*t);
    }
    table
}

#[test]
fn literal_table_reads_compressed_and_uncompressed() -> Result {
    use std::io::Write;
    let table = literal_table(&[&[131, 104, 2, 119, 2, b'o', b'k', 97, 1], &[131, 70, 63, 248, 0, 0, 0, 0, 0, 0]]);
    let expected = vec![Term::tuple(vec![Term::atom("ok"), Term::Int(1)]), Term::Float(1.5)];
    let mut plain = 0u32.to_be_bytes().to_vec();
    plain.extend(&table);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let packed = z.write_all(&table).and_then(|()| z.finish()).unwrap_or_default();
    let mut compressed = (table.len() as u32).to_be_bytes().to_vec();
    compressed.extend(packed);
    for litt in [plain, compressed] {
        let bytes = module(&["m", "f"], &[64, 0x47, 0x00, 0x03, 64, 0x47, 0x10, 0x13], &[(b"LitT", litt)]);
        let file = BeamFile::parse(&bytes)?;
        assert_eq!(file.literals, expected);
        let eterm = beam::disasm::eterm(&file)?;
        assert!(eterm.contains("{move,{literal,{ok,1}},{x,0}},{move,{float,1.5},{x,1}}"), "{eterm}");
    }
    Ok(())
}

#[test]
fn type_chunk_versions_decode_to_the_same_entries() -> Result {
    let int_0_255 = TypeEntry { kinds: K(K::INTEGER), min: Some(0), max: Some(255), unit: None };
    let mut v1 = [1u32, 2].iter().flat_map(|w| w.to_be_bytes()).collect::<Vec<u8>>();
    v1.extend((K::INTEGER).to_be_bytes());
    v1.extend(0i64.to_be_bytes());
    v1.extend(255i64.to_be_bytes());
    v1.extend((K::ATOM | K::TUPLE).to_be_bytes());
    v1.extend(0i64.to_be_bytes());
    v1.extend((-1i64).to_be_bytes());
    // Version 3: integer is bit 5, tuple bit 11; bounds flags at 12 and 13, unit at 14.
    let mut v3 = [3u32, 2].iter().flat_map(|w| w.to_be_bytes()).collect::<Vec<u8>>();
    v3.extend(((1u16 << 5) | (1 << 12) | (1 << 13)).to_be_bytes());
    v3.extend(0i64.to_be_bytes());
    v3.extend(255i64.to_be_bytes());
    v3.extend((1u16 | (1 << 11)).to_be_bytes());
    let body = [64, 0x57, 0x03, 0x00, 0x13];
    for chunk in [v1, v3] {
        let file = BeamFile::parse(&module(&["m", "f"], &body, &[(b"Type", chunk)]))?;
        let types = file.types.as_ref().map(|t| t.entries.clone()).unwrap_or_default();
        assert_eq!(types, [int_0_255, TypeEntry { kinds: K(K::ATOM | K::TUPLE), min: None, max: None, unit: None }]);
        assert_eq!(instruction(&file, Opcode::Move), Some(&[Operand::TypedReg { reg: Register::X(0), type_index: 0 }, Operand::X(1)][..]));
        let eterm = beam::disasm::eterm(&file)?;
        assert!(eterm.contains("{move,{tr,{x,0},{{t_integer,any},0,255}},{x,1}}"), "{eterm}");
    }
    // Version 2 (OTP 26) keeps the match-state bit and has a unit.
    let mut v2 = [2u32, 1].iter().flat_map(|w| w.to_be_bytes()).collect::<Vec<u8>>();
    v2.extend(((1u16 << 1) | (1 << 15)).to_be_bytes());
    v2.push(7);
    let file = BeamFile::parse(&module(&["m", "f"], &[], &[(b"Type", v2)]))?;
    let entry = file.types.and_then(|t| t.entries.first().copied());
    assert_eq!(entry, Some(TypeEntry { kinds: K(K::BITSTRING), min: None, max: None, unit: Some(8) }));
    Ok(())
}

#[test]
fn line_table_maps_items_to_files_and_lines() -> Result {
    let mut line = [0u32, 0, 3, 3, 1].iter().flat_map(|w| w.to_be_bytes()).collect::<Vec<u8>>();
    // line 5 (file 0), switch to file 1, line 1000, line 7
    line.extend([0x51, 0x12, 0x69, 0xe8, 0x71]);
    line.extend(4u16.to_be_bytes());
    line.extend(b"x.hr");
    let file = BeamFile::parse(&module(&["m", "f"], &[153, 0x20], &[(b"Line", line)]))?;
    let lines = file.lines.as_ref().ok_or("no line table")?;
    assert_eq!(lines.location(0), None);
    assert_eq!(lines.location(1).map(|l| (l.file, l.line)), Some((0, 5)));
    assert_eq!(lines.location(2).map(|l| (l.file, l.line)), Some((1, 1000)));
    assert_eq!(lines.location(3).map(|l| (l.file, l.line)), Some((1, 7)));
    assert_eq!(lines.file(1), Some("x.hr"));
    assert!(beam::disasm::listing(&file)?.contains("    line x.hr:1000\n"));
    Ok(())
}

#[test]
fn big_integer_operands_in_code() -> Result {
    // move 2^64 into x0, move -2^64 into x1: 9-byte i operands with a nested length.
    let mut body = vec![64, 0xf9, 0x00, 0x01];
    body.extend([0; 8]);
    body.extend([0x03, 64, 0xf9, 0x00, 0xff]);
    body.extend([0; 8]);
    body.push(0x13);
    let file = BeamFile::parse(&module(&["m", "f"], &body, &[]))?;
    let moves: Vec<String> = file
        .code
        .instructions
        .iter()
        .filter(|i| i.op == Opcode::Move)
        .filter_map(|i| match i.args.first() {
            Some(Operand::Integer(n @ Int::Big(_))) => Some(n.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(moves, ["18446744073709551616", "-18446744073709551616"]);
    Ok(())
}

#[test]
fn sample_modules_all_parse_and_disassemble() -> Result {
    for (i, bytes) in beam::testing::sample_modules().iter().enumerate() {
        let file = BeamFile::parse(bytes).map_err(|e| e.with_file(format!("sample {i}")))?;
        beam::disasm::listing(&file)?;
        beam::disasm::eterm(&file)?;
    }
    Ok(())
}
