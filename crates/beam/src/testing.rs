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
