//! The atom table: `AtU8` (UTF-8) or the old `Atom` chunk (latin-1).
//!
//! A count, then each atom as a length byte and its bytes. When the count is negative
//! (OTP 28, for atoms longer than 255 bytes), the lengths are `u`-tagged compact values.

use crate::container::Chunk;
use crate::cursor::Cursor;
use crate::error::Result;

/// The atoms of a module, indexed from 1 as in the file; atom 1 is the module name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Atoms {
    names: Vec<String>,
}

impl Atoms {
    /// The atom with this index (1-based), if it exists.
    pub fn get(&self, index: u32) -> Option<&str> {
        let i = usize::try_from(index).ok()?.checked_sub(1)?;
        self.names.get(i).map(String::as_str)
    }

    /// How many atoms there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// All atoms in index order (the first has index 1).
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }
}

fn compact_length(cur: &mut Cursor) -> Result<usize> {
    let at = cur.offset();
    let first = cur.u8()?;
    if first & 0x07 != 0 || first & 0x18 == 0x18 {
        return Err(cur.error_at(at, format!("bad atom length byte {first:#04x}")));
    }
    if first & 0x08 == 0 {
        Ok(usize::from(first >> 4))
    } else {
        Ok((usize::from(first & 0xe0) << 3) | usize::from(cur.u8()?))
    }
}

pub(crate) fn parse(chunk: &Chunk, utf8: bool) -> Result<Atoms> {
    let mut cur = Cursor::new(chunk.data, chunk.offset, Some(chunk.id));
    let raw = cur.i32()?;
    let long = raw < 0;
    if long && !utf8 {
        return Err(cur.error_at(chunk.offset, "negative atom count in a latin-1 Atom chunk"));
    }
    let count = cur.check_count(raw.unsigned_abs() as usize, 1, "atom")?;
    let mut names = Vec::with_capacity(count);
    for i in 1..=count {
        let at = cur.offset();
        let len = if long { compact_length(&mut cur)? } else { usize::from(cur.u8()?) };
        let bytes = cur.bytes(len)?;
        let name = if utf8 {
            String::from_utf8(bytes.to_vec()).map_err(|_| cur.error_at(at, format!("atom {i} is not valid UTF-8")))?
        } else {
            bytes.iter().map(|&b| char::from(b)).collect()
        };
        names.push(name);
    }
    if names.is_empty() {
        return Err(cur.error_at(chunk.offset, "the atom table is empty, so there is no module name"));
    }
    Ok(Atoms { names })
}
