//! The compiled-module cache: wasmtime's machine code for a module, kept on disk so that
//! running the same program again skips the engine compile (seconds for every program;
//! docs/LIMITATIONS.md, *Size*).
//!
//! An entry is named by the SHA-256 of the module's bytes and of the engine's
//! compatibility hash (wasmtime's version, the target and every setting that changes the
//! code), so a change to either makes a new entry rather than a wrong one. wasmtime checks
//! the same compatibility again when it loads an entry; an entry it refuses, or cannot
//! read, is compiled afresh and replaced. Entries are written to a temporary name and
//! renamed, so a reader never sees half a file. The directory is trimmed to
//! [`MAX_ENTRIES`] and [`MAX_BYTES`], the least recently used first.
//!
//! Where: `BEAMWASM_CACHE_DIR`, else `$XDG_CACHE_HOME/beamwasm`, else
//! `$HOME/.cache/beamwasm`. `BEAMWASM_CACHE=off` turns the cache off.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest, Sha256};
use wasmtime::{Engine, Module};

/// At most this many entries stay in the directory.
const MAX_ENTRIES: usize = 64;
/// At most this many bytes of entries stay in the directory.
const MAX_BYTES: u64 = 1 << 30;

/// The cache directory, or `None` when the cache is off or no directory can be named.
pub fn dir() -> Option<PathBuf> {
    if std::env::var_os("BEAMWASM_CACHE").is_some_and(|v| v == "off" || v == "0") {
        return None;
    }
    if let Some(d) = std::env::var_os("BEAMWASM_CACHE_DIR") {
        return Some(PathBuf::from(d));
    }
    if let Some(d) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d).join("beamwasm"));
    }
    std::env::var_os("HOME").filter(|d| !d.is_empty()).map(|h| PathBuf::from(h).join(".cache/beamwasm"))
}

/// Feeds what a `Hash` implementation writes into a SHA-256.
struct ShaHasher(Sha256);

impl std::hash::Hasher for ShaHasher {
    fn finish(&self) -> u64 {
        0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
}

/// The entry name for `wasm` compiled by `engine`.
fn key(engine: &Engine, wasm: &[u8]) -> String {
    use std::hash::Hash;
    let mut h = ShaHasher(Sha256::new());
    engine.precompile_compatibility_hash().hash(&mut h);
    h.0.update((wasm.len() as u64).to_le_bytes());
    h.0.update(wasm);
    let digest = h.0.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}.cwasm")
}

/// Whether a lookup found its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The entry was there and loaded.
    Hit,
    /// The module was compiled (and, when the directory is writable, stored).
    Miss,
}

/// The module for `wasm`: loaded from `dir` when an entry is there, else compiled and
/// stored. Failing to read or write the directory only costs the compile.
#[allow(unsafe_code)]
pub fn load_or_compile(engine: &Engine, wasm: &[u8], dir: &Path) -> wasmtime::Result<(Module, Outcome)> {
    let path = dir.join(key(engine, wasm));
    if path.is_file() {
        // SAFETY: `deserialize_file` trusts the file to be wasmtime's own output. The
        // entries are written by `store` below into the user's own cache directory, named
        // by the hash of what they were compiled from, and wasmtime checks the header and
        // the engine's compatibility before using one.
        if let Ok(module) = unsafe { Module::deserialize_file(engine, &path) } {
            // Mark it used, for the trim's least-recently-used order.
            if let Ok(f) = std::fs::File::options().append(true).open(&path) {
                let _ = f.set_modified(SystemTime::now());
            }
            return Ok((module, Outcome::Hit));
        }
    }
    let module = Module::new(engine, wasm)?;
    if let Some(fns) = crate::function_cache() {
        fns.flush();
    }
    if let Ok(bytes) = module.serialize() {
        store(dir, &path, &bytes);
    }
    Ok((module, Outcome::Miss))
}

/// Writes an entry under a temporary name, renames it into place, and trims the directory.
fn store(dir: &Path, path: &Path, bytes: &[u8]) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = dir.join(format!(".tmp-{}-{}", std::process::id(), path.file_name().and_then(|n| n.to_str()).unwrap_or("entry")));
    if std::fs::write(&tmp, bytes).is_err() || std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
        return;
    }
    trim(dir);
}

/// Removes the least recently used entries until at most `MAX_ENTRIES` entries of at most
/// `MAX_BYTES` in all remain.
fn trim(dir: &Path) {
    let Ok(read) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<(SystemTime, u64, PathBuf)> = read
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "cwasm"))
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            Some((meta.modified().unwrap_or(SystemTime::UNIX_EPOCH), meta.len(), e.path()))
        })
        .collect();
    // Newest first: keep a prefix.
    entries.sort_by(|a, b| b.0.cmp(&a.0));
    let mut total = 0u64;
    for (i, (_, len, path)) in entries.iter().enumerate() {
        total += len;
        if i >= MAX_ENTRIES || (i > 0 && total > MAX_BYTES) {
            let _ = std::fs::remove_file(path);
        }
    }
}
