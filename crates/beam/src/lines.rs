//! The line table (`Line`), which maps `line` instruction operands to source locations.
//!
//! Header: version (0), flags, the number of `line` instructions, the number of line
//! items and the number of file names. Then the items in compact encoding: an `i`-tagged
//! line number is the next item; an `a`-tagged value switches the file for the items that
//! follow (it starts at file 0). Then the file names, each a 16-bit length and UTF-8
//! bytes. Item index 0 means "no location" and is not stored; file index 0 is the
//! module's own source, `<module>.erl`, also not stored.

use crate::container::Chunk;
use crate::cursor::Cursor;
use crate::error::Result;

/// One source location.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LineItem {
    /// The file index: 0 for the module's own source, else an index into `files` plus 1.
    pub file: u32,
    /// The line number.
    pub line: u32,
}

/// The decoded `Line` chunk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineTable {
    /// The format version (always 0 so far).
    pub version: u32,
    /// The flags word (always 0 so far).
    pub flags: u32,
    /// How many `line` instructions the code has.
    pub instruction_count: u32,
    /// The items, for indices 1, 2, ... (index 0, "no location", is implicit).
    pub items: Vec<LineItem>,
    /// The file names, for file indices 1, 2, ...
    pub files: Vec<String>,
}

impl LineTable {
    /// The location for a `line` operand, or `None` for index 0 and out-of-range indices.
    pub fn location(&self, index: u32) -> Option<LineItem> {
        self.items.get(usize::try_from(index).ok()?.checked_sub(1)?).copied()
    }

    /// The name of file `index`, or `None` for 0 (the module's own `<module>.erl`).
    pub fn file(&self, index: u32) -> Option<&str> {
        self.files.get(usize::try_from(index).ok()?.checked_sub(1)?).map(String::as_str)
    }
}

/// Reads one small compact-encoded value (at most 11 bits, or up to 8 bytes), returning
/// its tag and value.
fn compact(cur: &mut Cursor) -> Result<(u8, u64)> {
    let at = cur.offset();
    let first = cur.u8()?;
    let tag = first & 7;
    let value = if first & 0x08 == 0 {
        u64::from(first >> 4)
    } else if first & 0x10 == 0 {
        (u64::from(first & 0xe0) << 3) | u64::from(cur.u8()?)
    } else {
        let len = usize::from(first >> 5) + 2;
        if len > 8 {
            return Err(cur.error_at(at, "line item value too large"));
        }
        let bytes = cur.bytes(len)?;
        if tag == 1 && bytes.first().is_some_and(|b| b & 0x80 != 0) {
            return Err(cur.error_at(at, "negative line number"));
        }
        bytes.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b))
    };
    Ok((tag, value))
}

pub(crate) fn parse(chunk: &Chunk) -> Result<LineTable> {
    let mut cur = Cursor::new(chunk.data, chunk.offset, Some(chunk.id));
    let version = cur.u32()?;
    if version != 0 {
        return Err(cur.error_at(chunk.offset, format!("unsupported line table version {version}")));
    }
    let flags = cur.u32()?;
    let instruction_count = cur.u32()?;
    let item_count = cur.u32()? as usize;
    let name_count = cur.u32()?;
    let item_count = cur.check_count(item_count, 1, "line item")?;
    let mut items = Vec::with_capacity(item_count);
    let mut file = 0u32;
    while items.len() < item_count {
        let at = cur.offset();
        match compact(&mut cur)? {
            (1, line) => {
                let line = u32::try_from(line).map_err(|_| cur.error_at(at, format!("line number {line} too large")))?;
                items.push(LineItem { file, line });
            }
            (2, index) if index <= u64::from(name_count) => file = index as u32,
            (2, index) => return Err(cur.error_at(at, format!("file index {index} but there are {name_count} names"))),
            (tag, _) => return Err(cur.error_at(at, format!("unexpected tag {tag} in the line items"))),
        }
    }
    let name_count = cur.check_count(name_count as usize, 2, "file name")?;
    let mut files = Vec::with_capacity(name_count);
    for i in 1..=name_count {
        let at = cur.offset();
        let len = usize::from(cur.u16()?);
        let bytes = cur.bytes(len)?;
        files.push(String::from_utf8(bytes.to_vec()).map_err(|_| cur.error_at(at, format!("file name {i} is not valid UTF-8")))?);
    }
    Ok(LineTable { version, flags, instruction_count, items, files })
}
