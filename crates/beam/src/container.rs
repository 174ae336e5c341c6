//! The IFF container: `FOR1`, the form size, `BEAM`, then chunks, each an id, a size
//! and data padded to a multiple of four bytes. A file may also be gzip-compressed as a
//! whole, which the VM's loader accepts (some of Debian's packaged libraries ship so):
//! [`uncompressed`] undoes that first.

use crate::cursor::Cursor;
use crate::error::{ChunkId, ReadError, Result};

/// One chunk of a BEAM file.
#[derive(Clone, Copy, Debug)]
pub struct Chunk<'a> {
    /// The four-byte id, such as `Code`.
    pub id: ChunkId,
    /// The offset of the chunk's data (after the id and size) in the file.
    pub offset: usize,
    /// The chunk's data, without padding.
    pub data: &'a [u8],
}

/// The largest BEAM file a gzip-compressed one may expand to (the largest installed
/// module, `unicode_util`, is about 2 MB).
const MAX_GUNZIPPED: u64 = 256 << 20;

/// A BEAM file's bytes with gzip compression undone: borrowed as they are when they do not
/// start with gzip's magic number.
pub fn uncompressed(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>> {
    use std::io::Read;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(std::borrow::Cow::Borrowed(bytes));
    }
    let mut out = Vec::new();
    let mut reader = flate2::read::GzDecoder::new(bytes).take(MAX_GUNZIPPED + 1);
    reader.read_to_end(&mut out).map_err(|e| ReadError::new(None, 0, format!("a gzip-compressed BEAM file that does not inflate: {e}")))?;
    if out.len() as u64 > MAX_GUNZIPPED {
        return Err(ReadError::new(None, 0, format!("a gzip-compressed BEAM file inflates to more than {MAX_GUNZIPPED} bytes")));
    }
    Ok(std::borrow::Cow::Owned(out))
}

/// Splits a BEAM file into its chunks, in file order.
pub fn chunks(bytes: &[u8]) -> Result<Vec<Chunk<'_>>> {
    let mut cur = Cursor::new(bytes, 0, None);
    let not_beam = |what: &str| ReadError::new(None, 0, format!("not a BEAM file: {what}"));
    if bytes.len() < 12 {
        return Err(not_beam(&format!("only {} bytes long", bytes.len())));
    }
    if cur.bytes(4)? != b"FOR1" {
        return Err(not_beam("it does not start with FOR1"));
    }
    let size = cur.u32()? as usize;
    if cur.bytes(4)? != b"BEAM" {
        return Err(ReadError::new(None, 8, "not a BEAM file: the form type is not BEAM"));
    }
    if size > bytes.len() - 8 {
        return Err(ReadError::new(
            None,
            4,
            format!("file is truncated: the header declares {} bytes, the file has {}", size + 8, bytes.len()),
        ));
    }
    if size < 4 {
        return Err(ReadError::new(None, 4, format!("form size {size} is too small")));
    }
    let mut cur = Cursor::new(bytes.get(12..size + 8).unwrap_or_default(), 12, None);
    let mut out = Vec::new();
    while !cur.is_empty() {
        let at = cur.offset();
        if cur.remaining() < 8 {
            return Err(cur.error(format!("{} stray bytes after the last chunk", cur.remaining())));
        }
        let mut id = [0; 4];
        id.copy_from_slice(cur.bytes(4)?);
        let id = ChunkId(id);
        let len = cur.u32()? as usize;
        if len > cur.remaining() {
            return Err(ReadError::new(
                Some(id),
                at,
                format!("chunk is truncated: it declares {len} bytes, {} remain in the file", cur.remaining()),
            ));
        }
        let offset = cur.offset();
        let data = cur.bytes(len)?;
        let pad = (4 - len % 4) % 4;
        cur.bytes(pad.min(cur.remaining()))?;
        out.push(Chunk { id, offset, data });
    }
    Ok(out)
}

#[cfg(test)]
mod gzip_tests {
    use super::*;

    #[test]
    fn a_gzipped_beam_file_is_read_like_the_plain_one() {
        use std::io::Write;
        let plain = b"FOR1\0\0\0\x04BEAM".to_vec();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let _ = gz.write_all(&plain);
        let zipped = gz.finish().unwrap_or_default();
        assert_eq!(uncompressed(&zipped).ok().as_deref(), Some(plain.as_slice()));
        assert!(matches!(uncompressed(&plain), Ok(std::borrow::Cow::Borrowed(_))));
        assert!(uncompressed(&[0x1f, 0x8b, 0, 0]).is_err());
    }
}
