//! [`BeamFile`]: a whole module, every chunk the compiler needs decoded.

use crate::atoms::{self, Atoms};
use crate::code::{self, Code};
use crate::compact::Limits;
use crate::container::{self, Chunk};
use crate::error::{ChunkId, ReadError, Result};
use crate::etf;
use crate::lines::{self, LineTable};
use crate::literals;
use crate::tables::{self, FunctionEntry, Import, Lambda};
use crate::term::Term;
use crate::types::{self, TypeTable};

/// A decoded BEAM file.
///
/// Only `AtU8` (or the old latin-1 `Atom`) and `Code` are required; a missing table chunk
/// reads as empty and a missing optional chunk as `None`. Chunks the reader does not know
/// (`Dbgi`, `Docs`, `ExCk`, `Meta`...) are listed in `chunks` and otherwise skipped.
#[derive(Clone, Debug, PartialEq)]
pub struct BeamFile {
    /// The atom table; atom 1 is the module name.
    pub atoms: Atoms,
    /// The code.
    pub code: Code,
    /// The string table (`StrT`), which `bs_put_string` and friends slice.
    pub strings: Vec<u8>,
    /// Imported functions (`ImpT`), indexed from 0 by `call_ext` and the BIF instructions.
    pub imports: Vec<Import>,
    /// Exported functions (`ExpT`).
    pub exports: Vec<FunctionEntry>,
    /// Local functions (`LocT`).
    pub locals: Vec<FunctionEntry>,
    /// Funs (`FunT`), indexed from 0 by `make_fun2`/`make_fun3`.
    pub lambdas: Vec<Lambda>,
    /// Literals (`LitT`), indexed from 0 by literal operands.
    pub literals: Vec<Term>,
    /// The line table, if the module has one.
    pub lines: Option<LineTable>,
    /// The type table, if the module has one (OTP 25 and later).
    pub types: Option<TypeTable>,
    /// The `Attr` chunk: the module attributes as a list of `{Key, Value}`.
    pub attributes: Option<Term>,
    /// The `CInf` chunk: the compile information.
    pub compile_info: Option<Term>,
    /// Every chunk's id, data offset and size, in file order.
    pub chunks: Vec<ChunkInfo>,
}

/// Where a chunk sits in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkInfo {
    /// The chunk id.
    pub id: ChunkId,
    /// The offset of its data in the file.
    pub offset: usize,
    /// The size of its data, without padding.
    pub size: usize,
}

fn find<'a>(chunks: &[Chunk<'a>], id: &[u8; 4]) -> Option<Chunk<'a>> {
    chunks.iter().find(|c| &c.id.0 == id).copied()
}

impl BeamFile {
    /// Decodes a BEAM file from its bytes.
    ///
    /// Any problem, from a truncated container to a bad operand, is a [`ReadError`]
    /// naming the chunk and byte offset; call [`ReadError::with_file`] to add the path.
    pub fn parse(bytes: &[u8]) -> Result<BeamFile> {
        let chunks = container::chunks(bytes)?;
        let atoms = match (find(&chunks, b"AtU8"), find(&chunks, b"Atom")) {
            (Some(c), _) => atoms::parse(&c, true)?,
            (None, Some(c)) => atoms::parse(&c, false)?,
            (None, None) => return Err(ReadError::new(None, 12, "no atom chunk (AtU8 or Atom)")),
        };
        let n = atoms.len();
        let table = |id: &[u8; 4], parse: fn(&Chunk, usize) -> Result<Vec<FunctionEntry>>| {
            find(&chunks, id).map_or(Ok(Vec::new()), |c| parse(&c, n))
        };
        let imports = find(&chunks, b"ImpT").map_or(Ok(Vec::new()), |c| tables::imports(&c, n))?;
        let exports = table(b"ExpT", tables::functions)?;
        let locals = table(b"LocT", tables::functions)?;
        let lambdas = find(&chunks, b"FunT").map_or(Ok(Vec::new()), |c| tables::lambdas(&c, n))?;
        let literals = find(&chunks, b"LitT").map_or(Ok(Vec::new()), |c| literals::parse(&c))?;
        let lines = find(&chunks, b"Line").map(|c| lines::parse(&c)).transpose()?;
        let types = find(&chunks, b"Type").map(|c| types::parse(&c)).transpose()?;
        let term = |id: &[u8; 4]| find(&chunks, id).map(|c| etf::decode_in(c.data, c.offset, Some(c.id))).transpose();
        let attributes = term(b"Attr")?;
        let compile_info = term(b"CInf")?;
        let strings = find(&chunks, b"StrT").map(|c| c.data.to_vec()).unwrap_or_default();
        let code_chunk = find(&chunks, b"Code").ok_or_else(|| ReadError::new(None, 12, "no Code chunk"))?;
        let limits = Limits {
            atoms: u32::try_from(n).unwrap_or(u32::MAX),
            literals: u32::try_from(literals.len()).unwrap_or(u32::MAX),
            types: types.as_ref().map(|t| u32::try_from(t.entries.len()).unwrap_or(u32::MAX)),
            labels: code::label_count(&code_chunk)?,
        };
        let code = code::parse(&code_chunk, &limits)?;
        Ok(BeamFile {
            atoms,
            code,
            strings,
            imports,
            exports,
            locals,
            lambdas,
            literals,
            lines,
            types,
            attributes,
            compile_info,
            chunks: chunks.iter().map(|c| ChunkInfo { id: c.id, offset: c.offset, size: c.data.len() }).collect(),
        })
    }

    /// The module name (atom 1).
    pub fn module(&self) -> &str {
        self.atoms.get(1).unwrap_or_default()
    }

    /// The atom with this index (1-based), if it exists.
    pub fn atom(&self, index: u32) -> Option<&str> {
        self.atoms.get(index)
    }

    /// The first chunk with this id, if the file has one.
    pub fn chunk(&self, id: &[u8; 4]) -> Option<ChunkInfo> {
        self.chunks.iter().find(|c| &c.id.0 == id).copied()
    }
}
