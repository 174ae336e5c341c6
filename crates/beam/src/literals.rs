//! The literal table (`LitT`): the constants that code refers to with `z`-tagged
//! literal operands.
//!
//! The chunk starts with the uncompressed size. When it is non-zero the rest is a zlib
//! stream (OTP 27 and earlier); when it is zero the table follows uncompressed (OTP 28).
//! The table is a count, then each literal as a 32-bit size and an external-term-format
//! binary.

use crate::container::Chunk;
use crate::cursor::Cursor;
use crate::error::Result;
use crate::etf;
use crate::term::Term;

pub(crate) fn parse(chunk: &Chunk) -> Result<Vec<Term>> {
    let mut cur = Cursor::new(chunk.data, chunk.offset, Some(chunk.id));
    let size = cur.u32()? as usize;
    if size == 0 {
        let base = cur.offset();
        return table(cur.rest(), base, chunk);
    }
    let at = cur.offset();
    let inflated = etf::inflate(&mut cur, size, at)?;
    table(&inflated, 0, chunk).map_err(|e| e.inside_decompressed(Some(chunk.id), at))
}

fn table(bytes: &[u8], base: usize, chunk: &Chunk) -> Result<Vec<Term>> {
    let mut cur = Cursor::new(bytes, base, Some(chunk.id));
    let count = cur.u32()? as usize;
    let count = cur.check_count(count, 4, "literal")?;
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let size = cur.u32()? as usize;
        let at = cur.offset();
        let ext = cur.bytes(size).map_err(|e| e.context(format!("literal {i}")))?;
        out.push(etf::decode_in(ext, at, Some(chunk.id)).map_err(|e| e.context(format!("literal {i}")))?);
    }
    Ok(out)
}
