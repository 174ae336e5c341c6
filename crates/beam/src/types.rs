//! The type table (`Type`), which typed-register operands index into.
//!
//! A version and a count, then one entry per type. Versions differ in layout:
//!
//! | version | written by | entry |
//! |---|---|---|
//! | 1 | OTP 25 | 16 type bits, then a signed 64-bit minimum and maximum; the range is present when min ≤ max |
//! | 2 | OTP 26 | 16 bits: 13 type bits, then "has lower bound", "has upper bound", "has unit" flags; then the present fields: min (i64), max (i64), unit − 1 (u8) |
//! | 3 | OTP 27–28 | as 2, without the match-state type bit (12 type bits, flags at bits 12–14) |
//! | 4 | OTP 29 | as 3, with a record type bit at 12 (flags at bits 13–15) |
//!
//! Every version decodes to the same [`TypeEntry`].

use crate::container::Chunk;
use crate::cursor::Cursor;
use crate::error::Result;

/// A set of primitive types, one bit each, numbered as in version 1 of the chunk
/// (plus [`TypeKinds::RECORD`] from version 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct TypeKinds(pub u16);

impl TypeKinds {
    /// Atoms.
    pub const ATOM: u16 = 1 << 0;
    /// Bitstrings and binaries.
    pub const BITSTRING: u16 = 1 << 1;
    /// Binary match states (versions 1–2 only; later versions fold it into bitstrings).
    pub const BS_MATCHSTATE: u16 = 1 << 2;
    /// Non-empty lists.
    pub const CONS: u16 = 1 << 3;
    /// Floats.
    pub const FLOAT: u16 = 1 << 4;
    /// Funs.
    pub const FUN: u16 = 1 << 5;
    /// Integers.
    pub const INTEGER: u16 = 1 << 6;
    /// Maps.
    pub const MAP: u16 = 1 << 7;
    /// The empty list.
    pub const NIL: u16 = 1 << 8;
    /// Pids.
    pub const PID: u16 = 1 << 9;
    /// Ports.
    pub const PORT: u16 = 1 << 10;
    /// References.
    pub const REFERENCE: u16 = 1 << 11;
    /// Tuples.
    pub const TUPLE: u16 = 1 << 12;
    /// Native records (version 4).
    pub const RECORD: u16 = 1 << 13;

    /// True if the set contains all of `kinds`.
    pub fn contains(self, kinds: u16) -> bool {
        self.0 & kinds == kinds
    }
}

/// One entry of the type table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TypeEntry {
    /// The primitive types the value may have.
    pub kinds: TypeKinds,
    /// The lowest value, when the value is known to be a number with a lower bound.
    pub min: Option<i64>,
    /// The highest value, when the value is known to be a number with an upper bound.
    pub max: Option<i64>,
    /// The size unit, when the value is known to be a bitstring whose size is a multiple
    /// of it (versions 2 and later).
    pub unit: Option<u16>,
}

/// The decoded `Type` chunk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeTable {
    /// The chunk's format version (1–4).
    pub version: u32,
    /// The entries, indexed by the typed-register operands.
    pub entries: Vec<TypeEntry>,
}

/// Where each version keeps its type bits: `(bit in file, bit in TypeKinds)`.
fn layout(version: u32) -> (&'static [u16], u16) {
    use TypeKinds as K;
    const V1: &[u16] = &[
        K::ATOM, K::BITSTRING, K::BS_MATCHSTATE, K::CONS, K::FLOAT, K::FUN, K::INTEGER, K::MAP,
        K::NIL, K::PID, K::PORT, K::REFERENCE, K::TUPLE,
    ];
    const V3: &[u16] = &[
        K::ATOM, K::BITSTRING, K::CONS, K::FLOAT, K::FUN, K::INTEGER, K::MAP, K::NIL, K::PID,
        K::PORT, K::REFERENCE, K::TUPLE,
    ];
    const V4: &[u16] = &[
        K::ATOM, K::BITSTRING, K::CONS, K::FLOAT, K::FUN, K::INTEGER, K::MAP, K::NIL, K::PID,
        K::PORT, K::REFERENCE, K::TUPLE, K::RECORD,
    ];
    match version {
        1 | 2 => (V1, 13),
        3 => (V3, 12),
        _ => (V4, 13),
    }
}

fn kinds(bits: u16, table: &[u16]) -> TypeKinds {
    TypeKinds(
        table
            .iter()
            .enumerate()
            .filter(|(i, _)| bits & (1 << i) != 0)
            .fold(0, |acc, (_, k)| acc | k),
    )
}

fn entry(cur: &mut Cursor, version: u32) -> Result<TypeEntry> {
    let at = cur.offset();
    let bits = cur.u16()?;
    let (table, flags_at) = layout(version);
    if version == 1 {
        if bits >> flags_at != 0 {
            return Err(cur.error_at(at, format!("unknown type bits {bits:#06x}")));
        }
        let (min, max) = (cur.u64()? as i64, cur.u64()? as i64);
        let range = min <= max;
        return Ok(TypeEntry {
            kinds: kinds(bits, table),
            min: range.then_some(min),
            max: range.then_some(max),
            unit: None,
        });
    }
    if bits == 0 || u32::from(bits) >> (flags_at + 3) != 0 {
        return Err(cur.error_at(at, format!("bad type bits {bits:#06x}")));
    }
    let flag = |n: u16| bits & (1 << (flags_at + n)) != 0;
    let min = if flag(0) { Some(cur.u64()? as i64) } else { None };
    let max = if flag(1) { Some(cur.u64()? as i64) } else { None };
    let unit = if flag(2) { Some(u16::from(cur.u8()?) + 1) } else { None };
    Ok(TypeEntry { kinds: kinds(bits & ((1 << flags_at) - 1), table), min, max, unit })
}

pub(crate) fn parse(chunk: &Chunk) -> Result<TypeTable> {
    let mut cur = Cursor::new(chunk.data, chunk.offset, Some(chunk.id));
    let version = cur.u32()?;
    if !(1..=4).contains(&version) {
        return Err(cur.error_at(chunk.offset, format!("unsupported type table version {version}")));
    }
    let count = cur.u32()? as usize;
    let count = cur.check_count(count, 2, "type")?;
    let mut entries = Vec::with_capacity(count);
    for i in 0..count {
        entries.push(entry(&mut cur, version).map_err(|e| e.context(format!("type {i}")))?);
    }
    Ok(TypeTable { version, entries })
}
