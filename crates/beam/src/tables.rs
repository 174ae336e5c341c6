//! The fixed-width tables: imports (`ImpT`), exports (`ExpT`), local functions (`LocT`)
//! and lambdas (`FunT`). Each is a count followed by rows of big-endian 32-bit words;
//! atom indices in them are checked against the atom table.

use crate::container::Chunk;
use crate::cursor::Cursor;
use crate::error::Result;

/// An imported function, `ImpT` row: `Module:Function/Arity` as atom indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Import {
    /// The module's atom index.
    pub module: u32,
    /// The function's atom index.
    pub function: u32,
    /// The arity.
    pub arity: u32,
}

/// An exported or local function, `ExpT`/`LocT` row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FunctionEntry {
    /// The function's atom index.
    pub function: u32,
    /// The arity.
    pub arity: u32,
    /// The label of its entry point.
    pub label: u32,
}

/// A fun defined in the module, `FunT` row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Lambda {
    /// The atom index of the function that implements the fun.
    pub function: u32,
    /// Its arity (the fun's arity plus the free variables).
    pub arity: u32,
    /// The label of its entry point.
    pub label: u32,
    /// Its index in this table.
    pub index: u32,
    /// How many free variables it captures.
    pub num_free: u32,
    /// The old-style hash identifying it.
    pub old_uniq: u32,
}

fn rows<const N: usize>(chunk: &Chunk, atoms: usize, atom_columns: &[usize]) -> Result<Vec<[u32; N]>> {
    let mut cur = Cursor::new(chunk.data, chunk.offset, Some(chunk.id));
    let count = cur.u32()? as usize;
    let count = cur.check_count(count, 4 * N, "row")?;
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let at = cur.offset();
        let mut row = [0; N];
        for word in &mut row {
            *word = cur.u32()?;
        }
        for &c in atom_columns {
            let a = row.get(c).copied().unwrap_or(0) as usize;
            if a == 0 || a > atoms {
                return Err(cur.error_at(at, format!("row {i}: atom index {a} but the atom table has {atoms}")));
            }
        }
        out.push(row);
    }
    Ok(out)
}

pub(crate) fn imports(chunk: &Chunk, atoms: usize) -> Result<Vec<Import>> {
    Ok(rows::<3>(chunk, atoms, &[0, 1])?
        .into_iter()
        .map(|[module, function, arity]| Import { module, function, arity })
        .collect())
}

pub(crate) fn functions(chunk: &Chunk, atoms: usize) -> Result<Vec<FunctionEntry>> {
    Ok(rows::<3>(chunk, atoms, &[0])?
        .into_iter()
        .map(|[function, arity, label]| FunctionEntry { function, arity, label })
        .collect())
}

pub(crate) fn lambdas(chunk: &Chunk, atoms: usize) -> Result<Vec<Lambda>> {
    Ok(rows::<6>(chunk, atoms, &[0])?
        .into_iter()
        .map(|[function, arity, label, index, num_free, old_uniq]| Lambda { function, arity, label, index, num_free, old_uniq })
        .collect())
}
