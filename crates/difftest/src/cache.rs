//! The per-program work directory and the oracle cache.
//!
//! Each program gets `<work>/<group>/<stem>-<hash>/`, where `<hash>` is a 64-bit FNV-1a hash
//! of the *key material*: a format version, the VM versions, the language and the exact
//! source text. The directory also stores that key material in full, and a slot is reused
//! only when the stored material is byte-for-byte equal to the current one — so neither an
//! edited program nor a hash collision can ever reuse a stale compile or oracle result.
//!
//! Files in a slot: `key`, `ebin/` (the compiled `.beam`s), `compile.stderr`,
//! `oracle.stdout`, `oracle.exit`. Every file is written to a temporary name and renamed.

use std::fs;
use std::path::{Path, PathBuf};

use crate::exec::Exit;
use crate::program::Program;
use crate::{Error, Result};

/// Bump when the meaning of anything cached changes (e.g. how the oracle is invoked).
const CACHE_FORMAT: &str = "beamwasm-difftest cache v1";

/// One program's work directory.
#[derive(Debug, Clone)]
pub struct Slot {
    pub dir: PathBuf,
    key: String,
}

/// A cached oracle run.
#[derive(Debug, Clone, PartialEq)]
pub struct Cached {
    pub stdout: Vec<u8>,
    pub exit: Exit,
}

impl Slot {
    /// Opens (creating or resetting as needed) the slot of `program` under `work`.
    /// Slots of older versions of the same program are removed.
    pub fn open(work: &Path, program: &Program, versions: &str) -> Result<Slot> {
        let mut key = format!(
            "{CACHE_FORMAT}\nversions: {versions}\nlang: {}\nname: {}\n--- source ---\n{}",
            program.lang.as_str(),
            program.name,
            program.source
        );
        if let Some(lib) = &program.pa {
            key.push_str(&format!("\n--- library on -pa ---\n{}", lib.text));
        }
        let hash = format!("{:016x}", fnv1a64(key.as_bytes()));
        let (group, stem) = program.name.rsplit_once('/').unwrap_or(("", program.name.as_str()));
        let parent = work.join(group);
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        remove_stale_siblings(&parent, stem, &hash)?;
        let dir = parent.join(format!("{stem}-{hash}"));
        let slot = Slot { dir, key };
        let stored = fs::read_to_string(slot.dir.join("key")).ok();
        if stored.as_deref() != Some(slot.key.as_str()) {
            if slot.dir.exists() {
                fs::remove_dir_all(&slot.dir).map_err(|e| Error::io(&slot.dir, e))?;
            }
            fs::create_dir_all(&slot.dir).map_err(|e| Error::io(&slot.dir, e))?;
            write_atomic(&slot.dir.join("key"), slot.key.as_bytes())?;
        }
        Ok(slot)
    }

    /// Where the compiled `.beam` files go.
    pub fn ebin(&self) -> PathBuf {
        self.dir.join("ebin")
    }

    /// The cached oracle result, if this exact source has been run on this exact VM.
    pub fn oracle(&self) -> Option<Cached> {
        let exit = Exit::parse(&fs::read_to_string(self.dir.join("oracle.exit")).ok()?)?;
        let stdout = fs::read(self.dir.join("oracle.stdout")).ok()?;
        Some(Cached { stdout, exit })
    }

    /// Stores an oracle result. Timeouts are never stored: they say nothing about the program.
    pub fn store_oracle(&self, stdout: &[u8], exit: &Exit) -> Result<()> {
        if exit.is_timeout() {
            return Ok(());
        }
        write_atomic(&self.dir.join("oracle.stdout"), stdout)?;
        write_atomic(&self.dir.join("oracle.exit"), exit.to_string().as_bytes())
    }
}

/// Writes `bytes` to `path` via a temporary file in the same directory and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

/// Removes `<stem>-<other hash>` directories left by earlier versions of a program.
fn remove_stale_siblings(parent: &Path, stem: &str, hash: &str) -> Result<()> {
    let entries = fs::read_dir(parent).map_err(|e| Error::io(parent, e))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(other) = name.strip_prefix(stem).and_then(|r| r.strip_prefix('-')) else { continue };
        if other != hash && other.len() == 16 && other.chars().all(|c| c.is_ascii_hexdigit()) {
            let path = entry.path();
            fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}

/// 64-bit FNV-1a: stable across Rust versions and platforms, unlike `DefaultHasher`.
/// Only names directories; correctness rests on comparing the full key material.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::Lang;

    fn program(source: &str) -> Program {
        Program {
            name: "elixir/sample".to_string(),
            lang: Lang::Elixir,
            path: PathBuf::from("sample.ex"),
            source: source.to_string(),
            module: "Sample".to_string(),
            known: None,
            pa: None,
        }
    }

    fn scratch(tag: &str) -> Result<PathBuf> {
        let dir = std::env::temp_dir().join(format!("difftest-cache-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(dir)
    }

    #[test]
    fn a_changed_source_never_sees_the_old_oracle_result() -> Result<()> {
        let work = scratch("changed")?;
        let v1 = Slot::open(&work, &program("IO.puts 1"), "vm 1")?;
        v1.store_oracle(b"1\n", &Exit::Code(0))?;
        assert_eq!(Slot::open(&work, &program("IO.puts 1"), "vm 1")?.oracle().map(|c| c.stdout), Some(b"1\n".to_vec()));
        assert_eq!(Slot::open(&work, &program("IO.puts 2"), "vm 1")?.oracle(), None);
        assert_eq!(Slot::open(&work, &program("IO.puts 1"), "vm 2")?.oracle(), None);
        // The old slot was removed when the new one was opened.
        assert!(!v1.dir.exists());
        let _ = fs::remove_dir_all(&work);
        Ok(())
    }

    #[test]
    fn a_slot_whose_stored_key_differs_is_reset() -> Result<()> {
        let work = scratch("collision")?;
        let slot = Slot::open(&work, &program("x"), "vm")?;
        slot.store_oracle(b"old", &Exit::Code(0))?;
        // Simulate a hash collision: same directory, different key material.
        write_atomic(&slot.dir.join("key"), b"something else")?;
        assert_eq!(Slot::open(&work, &program("x"), "vm")?.oracle(), None);
        let _ = fs::remove_dir_all(&work);
        Ok(())
    }

    #[test]
    fn timeouts_are_not_cached() -> Result<()> {
        let work = scratch("timeout")?;
        let slot = Slot::open(&work, &program("y"), "vm")?;
        slot.store_oracle(b"partial", &Exit::TimedOut(std::time::Duration::from_secs(1)))?;
        assert_eq!(slot.oracle(), None);
        let _ = fs::remove_dir_all(&work);
        Ok(())
    }

    #[test]
    fn fnv_is_the_reference_function() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
