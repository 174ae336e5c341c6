//! A bounds-checked byte cursor that knows its position in the file and its chunk.
//!
//! Every read checks the remaining length first, so a truncated or lying input ends in a
//! [`ReadError`] at the right offset rather than a panic.

use crate::error::{ChunkId, ReadError, Result};

/// Reads big-endian numbers and byte runs from a slice of the input.
#[derive(Clone)]
pub(crate) struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
    base: usize,
    chunk: Option<ChunkId>,
}

impl<'a> Cursor<'a> {
    /// A cursor over `data`, which starts at byte `base` of the input and belongs to `chunk`.
    pub(crate) fn new(data: &'a [u8], base: usize, chunk: Option<ChunkId>) -> Self {
        Cursor { data, pos: 0, base, chunk }
    }

    /// The offset of the next byte in the whole input.
    pub(crate) fn offset(&self) -> usize {
        self.base + self.pos
    }

    pub(crate) fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    /// An error at the current position.
    pub(crate) fn error(&self, message: impl Into<String>) -> ReadError {
        ReadError::new(self.chunk, self.offset(), message)
    }

    /// An error at an earlier file offset within this chunk.
    pub(crate) fn error_at(&self, offset: usize, message: impl Into<String>) -> ReadError {
        ReadError::new(self.chunk, offset, message)
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.remaining() {
            return Err(self.error(format!(
                "unexpected end of data: need {n} bytes, {} remain",
                self.remaining()
            )));
        }
        let out = self.data.get(self.pos..self.pos + n).unwrap_or_default();
        self.pos += n;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut out = [0; N];
        out.copy_from_slice(self.bytes(N)?);
        Ok(out)
    }

    pub(crate) fn u8(&mut self) -> Result<u8> {
        Ok(self.array::<1>()?[0])
    }

    pub(crate) fn u16(&mut self) -> Result<u16> {
        Ok(u16::from_be_bytes(self.array()?))
    }

    pub(crate) fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_be_bytes(self.array()?))
    }

    pub(crate) fn i32(&mut self) -> Result<i32> {
        Ok(i32::from_be_bytes(self.array()?))
    }

    pub(crate) fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_be_bytes(self.array()?))
    }

    /// Everything not yet read.
    pub(crate) fn rest(&mut self) -> &'a [u8] {
        let out = self.data.get(self.pos..).unwrap_or_default();
        self.pos = self.data.len();
        out
    }

    /// Checks that `count` items of at least `min_size` bytes each can still fit, so that a
    /// lying count field never drives an allocation or a long loop.
    pub(crate) fn check_count(&self, count: usize, min_size: usize, what: &str) -> Result<usize> {
        if count.saturating_mul(min_size) > self.remaining() {
            return Err(self.error(format!(
                "{what} count {count} does not fit in the {} remaining bytes",
                self.remaining()
            )));
        }
        Ok(count)
    }
}
