//! The function cache: cranelift's machine code for single functions, kept on disk so that
//! a function compiled once on this machine is not compiled again in another program
//! (wasmtime's incremental compilation cache; docs/ARCHITECTURE.md, *Host*).
//!
//! Cranelift names an entry by the SHA-256 of the function's IR with its callees' indices
//! left out, and of the target and its settings; the value is its own serialized code,
//! which it checks against its version before using. So every program that links the same
//! runtime and standard-library functions, compiled to the same bodies, finds them here,
//! and only its own functions are compiled.
//!
//! On disk it is one file, `functions.bin` in the cache directory: a header, then records
//! (key length, value length, key, value, a 64-bit FNV-1a of the three before it). It is read
//! whole when the engine is made; what a compile adds is appended with one `write` on a file
//! opened for appending, so processes running side by side add whole records. A file with a
//! record that does not check (a torn append) or larger than [`MAX_BYTES`] is started afresh.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The file's first bytes.
const MAGIC: &[u8; 8] = b"BWFNC01\n";
/// A file larger than this is removed and started afresh.
const MAX_BYTES: u64 = 512 << 20;
/// The file's name in the cache directory.
const FILE: &str = "functions.bin";

/// Counts of lookups, for `--verbose`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    /// Functions found in the cache.
    pub hits: usize,
    /// Functions compiled (and added).
    pub misses: usize,
}

/// A [`wasmtime::CacheStore`] backed by one file.
#[derive(Debug)]
pub struct FnCache {
    path: PathBuf,
    /// What the file held when the engine was made.
    loaded: HashMap<Vec<u8>, Vec<u8>>,
    /// What this process compiled, not yet written.
    added: Mutex<Vec<(Vec<u8>, Vec<u8>)>>,
    hits: std::sync::atomic::AtomicUsize,
    misses: std::sync::atomic::AtomicUsize,
}

fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in *p {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// The records of a file's bytes; `None` when one does not check.
fn parse(bytes: &[u8]) -> Option<HashMap<Vec<u8>, Vec<u8>>> {
    let mut map = HashMap::new();
    let mut rest = bytes.strip_prefix(MAGIC.as_slice())?;
    while !rest.is_empty() {
        let (head, tail) = rest.split_first_chunk::<8>()?;
        let [k0, k1, k2, k3, v0, v1, v2, v3] = *head;
        let klen = u32::from_le_bytes([k0, k1, k2, k3]) as usize;
        let vlen = u32::from_le_bytes([v0, v1, v2, v3]) as usize;
        let (Some(key), Some(val), Some(sum)) =
            (tail.get(..klen), tail.get(klen..klen + vlen), tail.get(klen + vlen..klen + vlen + 8))
        else {
            return None;
        };
        let mut s = [0u8; 8];
        s.copy_from_slice(sum);
        if u64::from_le_bytes(s) != fnv(&[head, key, val]) {
            return None;
        }
        map.insert(key.to_vec(), val.to_vec());
        rest = tail.get(klen + vlen + 8..).unwrap_or_default();
    }
    Some(map)
}

impl FnCache {
    /// The cache in `dir`, with what its file holds (nothing when it cannot be read).
    pub fn open(dir: &Path) -> FnCache {
        let path = dir.join(FILE);
        let too_big = std::fs::metadata(&path).is_ok_and(|m| m.len() > MAX_BYTES);
        if too_big {
            let _ = std::fs::remove_file(&path);
        }
        let loaded = match std::fs::read(&path) {
            Ok(bytes) => parse(&bytes).unwrap_or_else(|| {
                // A torn or foreign file: start afresh.
                let _ = std::fs::remove_file(&path);
                HashMap::new()
            }),
            Err(_) => HashMap::new(),
        };
        FnCache { path, loaded, added: Mutex::new(Vec::new()), hits: Default::default(), misses: Default::default() }
    }

    /// How many functions were found and how many compiled since the cache was opened.
    pub fn stats(&self) -> Stats {
        let load = |n: &std::sync::atomic::AtomicUsize| n.load(std::sync::atomic::Ordering::Relaxed);
        Stats { hits: load(&self.hits), misses: load(&self.misses) }
    }

    /// Appends what was compiled since the last call to the file. Failing to write only
    /// costs the next program the compile.
    pub fn flush(&self) {
        let Ok(mut added) = self.added.lock() else { return };
        if added.is_empty() {
            return;
        }
        let mut buf = Vec::new();
        for (k, v) in added.iter() {
            let (Ok(kl), Ok(vl)) = (u32::try_from(k.len()), u32::try_from(v.len())) else { continue };
            let mut head = [0u8; 8];
            head[..4].copy_from_slice(&kl.to_le_bytes());
            head[4..].copy_from_slice(&vl.to_le_bytes());
            buf.extend_from_slice(&head);
            buf.extend_from_slice(k);
            buf.extend_from_slice(v);
            buf.extend_from_slice(&fnv(&[&head, k, v]).to_le_bytes());
        }
        added.clear();
        if !self.path.exists() {
            // A new file appears whole with its header (a hard link fails if another
            // process made it first), so appends never race with the header.
            let Some(dir) = self.path.parent() else { return };
            let _ = std::fs::create_dir_all(dir);
            let tmp = dir.join(format!(".tmp-fn-{}", std::process::id()));
            if std::fs::write(&tmp, MAGIC).is_ok() {
                let _ = std::fs::hard_link(&tmp, &self.path);
            }
            let _ = std::fs::remove_file(&tmp);
        }
        let Ok(mut f) = std::fs::File::options().append(true).open(&self.path) else { return };
        let _ = f.write_all(&buf);
    }
}

impl wasmtime::CacheStore for FnCache {
    fn get(&self, key: &[u8]) -> Option<Cow<'_, [u8]>> {
        let v = self.loaded.get(key)?;
        self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(Cow::Borrowed(v.as_slice()))
    }

    fn insert(&self, key: &[u8], value: Vec<u8>) -> bool {
        match self.added.lock() {
            Ok(mut a) => {
                self.misses.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                a.push((key.to_vec(), value));
                true
            }
            Err(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasmtime::CacheStore;

    #[test]
    fn fncache_keeps_what_was_added_and_starts_afresh_after_a_torn_record() {
        let dir = std::env::temp_dir().join(format!("bw-fncache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let c = FnCache::open(&dir);
        assert!(c.get(b"k1").is_none());
        c.insert(b"k1", vec![1, 2, 3]);
        c.insert(b"k2", vec![4]);
        c.flush();
        let c = FnCache::open(&dir);
        assert_eq!(c.get(b"k1").as_deref(), Some(&[1u8, 2, 3][..]));
        assert_eq!(c.get(b"k2").as_deref(), Some(&[4u8][..]));
        assert_eq!(c.stats().hits, 2);
        // A torn append: the file starts afresh.
        let path = dir.join(FILE);
        let mut bytes = std::fs::read(&path).unwrap_or_default();
        bytes.extend_from_slice(&[9, 0, 0, 0, 1, 0]);
        let _ = std::fs::write(&path, &bytes);
        let c = FnCache::open(&dir);
        assert!(c.get(b"k2").is_none());
        assert!(!path.exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
