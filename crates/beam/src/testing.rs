//! Builders for hand-made BEAM files, for tests and examples here and in other crates.

/// Assembles a BEAM file from chunks, adding the `FOR1` header and the padding.
#[derive(Clone, Debug, Default)]
pub struct BeamBuilder {
    chunks: Vec<([u8; 4], Vec<u8>)>,
}

impl BeamBuilder {
    /// An empty file.
    pub fn new() -> Self {
        BeamBuilder::default()
    }

    /// Appends a chunk.
    #[must_use]
    pub fn chunk(mut self, id: &[u8; 4], data: Vec<u8>) -> Self {
        self.chunks.push((*id, data));
        self
    }

    /// The bytes of the file.
    pub fn build(&self) -> Vec<u8> {
        let mut body = b"BEAM".to_vec();
        for (id, data) in &self.chunks {
            body.extend(id);
            body.extend((data.len() as u32).to_be_bytes());
            body.extend(data);
            body.resize(body.len().next_multiple_of(4), 0);
        }
        let mut out = b"FOR1".to_vec();
        out.extend((body.len() as u32).to_be_bytes());
        out.extend(body);
        out
    }
}

/// An `AtU8` chunk holding these atoms (atom 1 first).
pub fn atom_chunk(names: &[&str]) -> Vec<u8> {
    let mut out = (names.len() as u32).to_be_bytes().to_vec();
    for n in names {
        out.push(n.len() as u8);
        out.extend(n.as_bytes());
    }
    out
}

/// A `Code` chunk with the standard 16-byte header around `code`.
pub fn code_chunk(label_count: u32, function_count: u32, code: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for word in [16, 0, 184, label_count, function_count] {
        out.extend(u32::to_be_bytes(word));
    }
    out.extend(code);
    out
}

/// Encodes a small operand (value below 2048) with a compact-encoding tag:
/// 0 `u`, 1 `i`, 2 `a`, 3 `x`, 4 `y`, 5 `f`, 6 `h`.
pub fn operand(tag: u8, value: u16) -> Vec<u8> {
    if value < 16 {
        vec![((value as u8) << 4) | tag]
    } else {
        vec![(((value >> 3) as u8) & 0xe0) | 0x08 | tag, value as u8]
    }
}

/// A module `m` whose one function `f/0` returns `ok`; exports `f/0`.
pub fn minimal_module() -> Vec<u8> {
    let mut code = vec![1, 0x10, 2, 0x12, 0x22, 0x00, 1, 0x20];
    code.extend([64, 0x32, 0x03, 19, 3]);
    let exports = [1u32, 2, 0, 2].iter().flat_map(|w| w.to_be_bytes()).collect();
    BeamBuilder::new()
        .chunk(b"AtU8", atom_chunk(&["m", "f", "ok"]))
        .chunk(b"Code", code_chunk(3, 1, &code))
        .chunk(b"StrT", Vec::new())
        .chunk(b"ImpT", 0u32.to_be_bytes().to_vec())
        .chunk(b"ExpT", exports)
        .build()
}

fn words(ws: &[u32]) -> Vec<u8> {
    ws.iter().flat_map(|w| w.to_be_bytes()).collect()
}

/// Hand-made modules that between them use every layout the reader knows: the latin-1
/// `Atom` chunk and the long-atom `AtU8` form, compressed and uncompressed `LitT`, Type
/// chunks of versions 1 to 4, a line table, funs, imports, exports, locals, attributes,
/// compile information and the OTP 26–28 opcodes. Used as seeds for fuzzing.
pub fn sample_modules() -> Vec<Vec<u8>> {
    let mut out = vec![minimal_module()];
    // label 1; func_info m f 0; label 2; then typed moves, a literal, the newest opcodes.
    let mut code = vec![1, 0x10, 2, 0x12, 0x22, 0x00, 1, 0x20];
    code.extend([64, 0x57, 0x03, 0x00, 0x13, 64, 0x47, 0x00, 0x23, 153, 0x10]);
    code.extend([181, 0x32, 0x30, 0x03, 0x13, 0x17, 0x20, 0x20, 0x23, 182, 0x15, 0x03, 0x17, 0x20, 0x32, 0x80]);
    code.extend([183, 0x10, 0x00, 184, 0x32, 0x10, 0x00, 0x20, 7, 0x10, 0x00, 103, 0x00, 19, 3]);
    let mut long_atoms = (-3i32).to_be_bytes().to_vec();
    for name in ["m", "f", "copy"] {
        long_atoms.extend(operand(0, name.len() as u16));
        long_atoms.extend(name.as_bytes());
    }
    let mut latin1 = 3u32.to_be_bytes().to_vec();
    for name in [&b"m"[..], b"f", b"caf\xe9"] {
        latin1.push(name.len() as u8);
        latin1.extend(name);
    }
    let mut lit = words(&[0, 1, 9]);
    lit.extend([131, 104, 2, 119, 2, b'o', b'k', 97, 1]);
    let mut line = words(&[0, 0, 1, 2, 1]);
    line.extend([0x51, 0x12, 0x71, 0, 4]);
    line.extend(b"x.hr");
    let types: [Vec<u8>; 4] = [
        [words(&[1, 1]), vec![0, 0x40], 0u64.to_be_bytes().to_vec(), 9u64.to_be_bytes().to_vec()].concat(),
        [words(&[2, 1]), vec![0x60, 0x40], 0u64.to_be_bytes().to_vec(), 9u64.to_be_bytes().to_vec()].concat(),
        [words(&[3, 1]), vec![0x70, 0x22], 0u64.to_be_bytes().to_vec(), 9u64.to_be_bytes().to_vec(), vec![7]].concat(),
        [words(&[4, 1]), vec![0x20, 0x20], 9u64.to_be_bytes().to_vec()].concat(),
    ];
    for (i, ty) in types.into_iter().enumerate() {
        let atoms = if i % 2 == 0 { (&b"AtU8", long_atoms.clone()) } else { (&b"Atom", latin1.clone()) };
        let mut lit_chunk = lit.clone();
        if i >= 2 {
            // Compressed literal table, as OTP 27 and earlier write it.
            use std::io::Write;
            let table = lit.get(4..).unwrap_or_default();
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            let packed = z.write_all(table).and_then(|()| z.finish()).unwrap_or_default();
            lit_chunk = (table.len() as u32).to_be_bytes().to_vec();
            lit_chunk.extend(packed);
        }
        let attr = vec![131, 108, 0, 0, 0, 1, 104, 2, 119, 3, b'v', b's', b'n', 107, 0, 1, 7, 106];
        out.push(
            BeamBuilder::new()
                .chunk(atoms.0, atoms.1)
                .chunk(b"Code", code_chunk(3, 1, &code))
                .chunk(b"StrT", b"abc".to_vec())
                .chunk(b"ImpT", words(&[1, 1, 2, 0]))
                .chunk(b"ExpT", words(&[1, 2, 0, 2]))
                .chunk(b"LocT", words(&[0]))
                .chunk(b"FunT", words(&[1, 2, 1, 2, 0, 0, 7]))
                .chunk(b"LitT", lit_chunk)
                .chunk(b"Attr", attr)
                .chunk(b"CInf", vec![131, 106])
                .chunk(b"Line", line.clone())
                .chunk(b"Type", ty)
                .build(),
        );
    }
    out
}
