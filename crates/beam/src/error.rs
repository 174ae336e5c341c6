//! The reader's one error type: which file, which chunk, which byte, and what was wrong.

use std::fmt;
use std::path::{Path, PathBuf};

/// A four-byte chunk identifier such as `LitT` or `Code`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChunkId(pub [u8; 4]);

impl ChunkId {
    /// The chunk id as text when it is printable ASCII.
    pub fn as_str(&self) -> Option<&str> {
        if self.0.iter().all(|b| b.is_ascii_graphic()) {
            std::str::from_utf8(&self.0).ok()
        } else {
            None
        }
    }
}

impl fmt::Display for ChunkId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_str() {
            Some(s) => f.write_str(s),
            None => write!(f, "{:02x}{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2], self.0[3]),
        }
    }
}

impl fmt::Debug for ChunkId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ChunkId({self})")
    }
}

/// Why a BEAM file (or an external-term-format binary) could not be read.
///
/// It names the file (when the caller has set it with [`ReadError::with_file`]), the
/// chunk being read, the byte offset in the input, and what was wrong:
///
/// ```text
/// lists.beam: chunk LitT at byte 4180: literal 12: unknown external term tag 200
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    file: Option<PathBuf>,
    chunk: Option<ChunkId>,
    offset: usize,
    message: String,
}

impl ReadError {
    pub(crate) fn new(chunk: Option<ChunkId>, offset: usize, message: impl Into<String>) -> Self {
        ReadError { file: None, chunk, offset, message: message.into() }
    }

    /// Names the file the bytes came from; the reader itself never sees paths.
    #[must_use]
    pub fn with_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// The file, if the caller named it.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// The chunk being read, or `None` for the container itself and for standalone ETF.
    pub fn chunk(&self) -> Option<ChunkId> {
        self.chunk
    }

    /// The byte offset in the input where the problem was found.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// What was wrong, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Moves an error found inside decompressed data to the start of the compressed data
    /// in the file, keeping the inner offset in the message.
    pub(crate) fn inside_decompressed(self, chunk: Option<ChunkId>, offset: usize) -> Self {
        ReadError {
            file: self.file,
            chunk,
            offset,
            message: format!(
                "at byte {} of the decompressed data: {}",
                self.offset, self.message
            ),
        }
    }

    /// Prefixes the message with context such as `literal 12`.
    pub(crate) fn context(mut self, what: impl fmt::Display) -> Self {
        self.message = format!("{what}: {}", self.message);
        self
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}: ", file.display())?;
        }
        match self.chunk {
            Some(chunk) => write!(f, "chunk {chunk} at byte {}: {}", self.offset, self.message),
            None => write!(f, "at byte {}: {}", self.offset, self.message),
        }
    }
}

impl std::error::Error for ReadError {}

/// Shorthand used throughout the reader.
pub type Result<T, E = ReadError> = std::result::Result<T, E>;
