//! The effects beyond standard output and the clock (docs/ABI.md §6), on the real machine:
//! randomness from the operating system, the process environment, real files; storage and
//! the host channel go to the embedder's effects (`channel.rs`), and without them raise
//! `{unwired_host_effect, Name}` in the program, as on any host that lacks an effect.
//!
//! Byte-returning imports follow the result convention: `r >= 0`, `r` bytes at address 0
//! of the memory; `r < 0`, `-r` bytes at 0 naming the error as an atom (POSIX names for
//! files).

use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::PathBuf;
use std::time::UNIX_EPOCH;

use wasmtime::{Caller, Extern, Linker, Memory};

use super::{memory, State};

type R<T> = wasmtime::Result<T>;

fn mem(caller: &mut Caller<'_, State>) -> R<Memory> {
    memory(caller).ok_or_else(|| wasmtime::Error::msg("the module exports no memory"))
}

/// `len` bytes of memory at `ptr`, copied out.
fn read(caller: &mut Caller<'_, State>, ptr: i32, len: i32) -> R<Vec<u8>> {
    let m = mem(caller)?;
    let (ptr, len) = (ptr as u32 as usize, len as u32 as usize);
    m.data(&*caller)
        .get(ptr..ptr.saturating_add(len))
        .map(<[u8]>::to_vec)
        .ok_or_else(|| wasmtime::Error::msg("an import's bytes lie outside the memory"))
}

/// Writes `bytes` at address 0, growing the memory when they do not fit.
fn put(caller: &mut Caller<'_, State>, bytes: &[u8]) -> R<i32> {
    let m = mem(caller)?;
    let len = i32::try_from(bytes.len()).map_err(|_| wasmtime::Error::msg("a host result over 2 GiB"))?;
    let have = m.data_size(&*caller);
    if bytes.len() > have {
        let pages = (bytes.len() - have).div_ceil(65536) as u64;
        m.grow(&mut *caller, pages)?;
    }
    m.write(&mut *caller, 0, bytes)?;
    Ok(len)
}

/// A failure by the result convention: the atom's name at 0, its negated length.
fn fail(caller: &mut Caller<'_, State>, atom: &str) -> R<i32> {
    Ok(-put(caller, atom.as_bytes())?)
}

/// An I/O error as the VM names it (`enoent`, `eacces`, ...).
fn posix(e: &std::io::Error) -> &'static str {
    match e.raw_os_error() {
        Some(1) => "eperm",
        Some(2) => "enoent",
        Some(5) => "eio",
        Some(9) => "ebadf",
        Some(12) => "enomem",
        Some(13) => "eacces",
        Some(16) => "ebusy",
        Some(17) => "eexist",
        Some(18) => "exdev",
        Some(20) => "enotdir",
        Some(21) => "eisdir",
        Some(22) => "einval",
        Some(23) => "enfile",
        Some(24) => "emfile",
        Some(27) => "efbig",
        Some(28) => "enospc",
        Some(30) => "erofs",
        Some(31) => "emlink",
        Some(36) => "enametoolong",
        Some(39) => "enotempty",
        Some(40) => "eloop",
        Some(122) => "edquot",
        _ => "eio",
    }
}

/// The program's open files: a handle is an index into the table.
#[derive(Default)]
pub(super) struct Files {
    open: Vec<Option<std::fs::File>>,
}

/// `bw.file_open`'s mode bits.
const OPEN_READ: i32 = 1;
const OPEN_WRITE: i32 = 2;
const OPEN_APPEND: i32 = 4;
const OPEN_EXCLUSIVE: i32 = 8;

/// Opens a file as the VM's prim_file does: read alone opens for reading; write alone
/// creates and truncates; read and write create without truncating; append writes at
/// the end without truncating; exclusive fails when the file exists. A directory is
/// `eisdir`.
fn open_file(path: PathBuf, mode: i32) -> std::io::Result<std::fs::File> {
    let (read, write) = (mode & OPEN_READ != 0, mode & (OPEN_WRITE | OPEN_APPEND | OPEN_EXCLUSIVE) != 0);
    let mut o = std::fs::OpenOptions::new();
    o.read(read || !write);
    if write {
        o.write(true).create(true);
        if mode & OPEN_APPEND != 0 {
            o.append(true);
        } else if !read {
            o.truncate(true);
        }
        if mode & OPEN_EXCLUSIVE != 0 {
            o.create_new(true);
        }
    }
    let f = o.open(path)?;
    if f.metadata()?.is_dir() {
        return Err(std::io::Error::from_raw_os_error(21));
    }
    Ok(f)
}

impl Files {
    fn add(&mut self, f: std::fs::File) -> i32 {
        match self.open.iter().position(Option::is_none) {
            Some(i) => {
                self.open[i] = Some(f);
                i as i32
            }
            None => {
                self.open.push(Some(f));
                self.open.len() as i32 - 1
            }
        }
    }
    fn get(&mut self, h: i32) -> std::io::Result<&mut std::fs::File> {
        self.open
            .get_mut(usize::try_from(h).unwrap_or(usize::MAX))
            .and_then(Option::as_mut)
            .ok_or_else(|| std::io::Error::from_raw_os_error(9))
    }
}

/// Reads up to `n` bytes, fewer only at the end of the file.
fn read_up_to(mut read: impl FnMut(&mut [u8]) -> std::io::Result<usize>, n: usize) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0u8; n];
    let mut got = 0;
    while got < n {
        match read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(k) => got += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    buf.truncate(got);
    Ok(buf)
}

/// The 24-byte `file_stat` record (docs/ABI.md §6) of `md`.
fn stat_record(md: &std::fs::Metadata) -> Vec<u8> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let mtime_ns = md.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or_else(
        || md.mtime().saturating_mul(1_000_000_000).saturating_add(md.mtime_nsec()),
        |d| d.as_nanos() as i64,
    );
    let ft = md.file_type();
    let kind: i32 = if ft.is_file() {
        0
    } else if ft.is_dir() {
        1
    } else if ft.is_symlink() {
        2
    } else {
        3
    };
    let mut out = Vec::with_capacity(24);
    out.extend_from_slice(&(md.len() as i64).to_le_bytes());
    out.extend_from_slice(&mtime_ns.to_le_bytes());
    out.extend_from_slice(&kind.to_le_bytes());
    out.extend_from_slice(&((md.permissions().mode() & 0o7777) as i32).to_le_bytes());
    out
}

/// The digest of `data` by algorithm number `alg` (docs/ABI.md §6, `crypto_hash`), or
/// `None` for a number this host does not know.
fn digest(alg: i32, data: &[u8]) -> Option<Vec<u8>> {
    use sha2::Digest;
    fn d<D: Digest>(data: &[u8]) -> Vec<u8> {
        D::digest(data).to_vec()
    }
    Some(match alg {
        1 => d::<sha1::Sha1>(data),
        2 => d::<sha2::Sha224>(data),
        3 => d::<sha2::Sha256>(data),
        4 => d::<sha2::Sha384>(data),
        5 => d::<sha2::Sha512>(data),
        6 => d::<md5::Md5>(data),
        7 => d::<sha3::Sha3_224>(data),
        8 => d::<sha3::Sha3_256>(data),
        9 => d::<sha3::Sha3_384>(data),
        10 => d::<sha3::Sha3_512>(data),
        11 => d::<blake2::Blake2b512>(data),
        12 => d::<blake2::Blake2s256>(data),
        _ => return None,
    })
}

/// The HMAC of `data` under `key` with digest `alg` (as for [`digest`]).
fn hmac(alg: i32, key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    use hmac::{Mac, SimpleHmac};
    fn h<D: sha2::Digest + sha2::digest::core_api::BlockSizeUser>(key: &[u8], data: &[u8]) -> Vec<u8> {
        // SimpleHmac takes a key of any length.
        let Ok(mut m) = <SimpleHmac<D> as Mac>::new_from_slice(key) else { return Vec::new() };
        m.update(data);
        m.finalize().into_bytes().to_vec()
    }
    Some(match alg {
        1 => h::<sha1::Sha1>(key, data),
        2 => h::<sha2::Sha224>(key, data),
        3 => h::<sha2::Sha256>(key, data),
        4 => h::<sha2::Sha384>(key, data),
        5 => h::<sha2::Sha512>(key, data),
        6 => h::<md5::Md5>(key, data),
        7 => h::<sha3::Sha3_224>(key, data),
        8 => h::<sha3::Sha3_256>(key, data),
        9 => h::<sha3::Sha3_384>(key, data),
        10 => h::<sha3::Sha3_512>(key, data),
        11 => h::<blake2::Blake2b512>(key, data),
        12 => h::<blake2::Blake2s256>(key, data),
        _ => return None,
    })
}

fn path(caller: &mut Caller<'_, State>, ptr: i32, len: i32) -> R<PathBuf> {
    Ok(PathBuf::from(std::ffi::OsString::from_vec(read(caller, ptr, len)?)))
}

/// A file operation's result: its bytes, or its error's POSIX name.
fn answer(caller: &mut Caller<'_, State>, r: std::io::Result<Vec<u8>>) -> R<i32> {
    match r {
        Ok(bytes) => put(caller, &bytes),
        Err(e) => fail(caller, posix(&e)),
    }
}

/// The stub of an effect this host does not provide: raises
/// `{unwired_host_effect, Name}` in the program through its `bw_unwired` export.
fn unwired<T>(caller: &mut Caller<'_, State>, name: &str) -> R<T> {
    let len = put(caller, name.as_bytes())?;
    let Some(Extern::Func(f)) = caller.get_export("bw_unwired") else {
        return Err(wasmtime::Error::msg(format!("the program used the effect bw.{name}, which this host does not provide")));
    };
    let f = f.typed::<(i32, i32), ()>(&*caller)?;
    // The export raises an Erlang exception; the error that carries it goes back into
    // wasm, where the program's handlers see it.
    f.call(&mut *caller, (0, len))?;
    Err(wasmtime::Error::msg(format!("bw_unwired returned instead of raising (effect bw.{name})")))
}

pub(super) fn link(linker: &mut Linker<State>) -> R<()> {
    linker.func_wrap("bw", "random", |mut caller: Caller<'_, State>, ptr: i32, len: i32| -> R<()> {
        let mut buf = vec![0u8; len as u32 as usize];
        std::fs::File::open("/dev/urandom")
            .and_then(|mut f| f.read_exact(&mut buf))
            .map_err(|e| wasmtime::Error::msg(format!("no randomness from the system: {e}")))?;
        let m = mem(&mut caller)?;
        m.write(&mut caller, ptr as u32 as usize, &buf)?;
        Ok(())
    })?;
    linker.func_wrap("bw", "crypto_hash", |mut caller: Caller<'_, State>, alg: i32, ptr: i32, len: i32| -> R<i32> {
        let data = read(&mut caller, ptr, len)?;
        match digest(alg, &data) {
            Some(d) => put(&mut caller, &d),
            None => fail(&mut caller, "notsup"),
        }
    })?;
    linker.func_wrap(
        "bw",
        "crypto_hmac",
        |mut caller: Caller<'_, State>, alg: i32, kp: i32, kl: i32, dp: i32, dl: i32| -> R<i32> {
            let key = read(&mut caller, kp, kl)?;
            let data = read(&mut caller, dp, dl)?;
            match hmac(alg, &key, &data) {
                Some(d) => put(&mut caller, &d),
                None => fail(&mut caller, "notsup"),
            }
        },
    )?;
    linker.func_wrap("bw", "env_get", |mut caller: Caller<'_, State>, ptr: i32, len: i32| -> R<i32> {
        let name = std::ffi::OsString::from_vec(read(&mut caller, ptr, len)?);
        match std::env::var_os(name) {
            Some(v) => put(&mut caller, v.as_bytes()),
            None => fail(&mut caller, "not_found"),
        }
    })?;
    linker.func_wrap("bw", "env_list", |mut caller: Caller<'_, State>| -> R<i32> {
        let mut out = Vec::new();
        for (k, v) in std::env::vars_os() {
            out.extend_from_slice(k.as_bytes());
            out.push(b'=');
            out.extend_from_slice(v.as_bytes());
            out.push(0);
        }
        put(&mut caller, &out)
    })?;
    linker.func_wrap("bw", "file_read", |mut caller: Caller<'_, State>, ptr: i32, len: i32| -> R<i32> {
        let p = path(&mut caller, ptr, len)?;
        let r = std::fs::read(p);
        answer(&mut caller, r)
    })?;
    linker.func_wrap(
        "bw",
        "file_write",
        |mut caller: Caller<'_, State>, pp: i32, pl: i32, dp: i32, dl: i32, append: i32| -> R<i32> {
            let p = path(&mut caller, pp, pl)?;
            let data = read(&mut caller, dp, dl)?;
            let r = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .append(append != 0)
                .truncate(append == 0)
                .open(p)
                .and_then(|mut f| f.write_all(&data))
                .map(|()| Vec::new());
            answer(&mut caller, r)
        },
    )?;
    linker.func_wrap("bw", "file_delete", |mut caller: Caller<'_, State>, ptr: i32, len: i32| -> R<i32> {
        let p = path(&mut caller, ptr, len)?;
        let r = std::fs::remove_file(p).map(|()| Vec::new());
        answer(&mut caller, r)
    })?;
    linker.func_wrap("bw", "file_mkdir", |mut caller: Caller<'_, State>, ptr: i32, len: i32| -> R<i32> {
        let p = path(&mut caller, ptr, len)?;
        let r = std::fs::create_dir(p).map(|()| Vec::new());
        answer(&mut caller, r)
    })?;
    linker.func_wrap("bw", "file_rmdir", |mut caller: Caller<'_, State>, ptr: i32, len: i32| -> R<i32> {
        let p = path(&mut caller, ptr, len)?;
        let r = std::fs::remove_dir(p).map(|()| Vec::new());
        answer(&mut caller, r)
    })?;
    linker.func_wrap("bw", "file_list", |mut caller: Caller<'_, State>, ptr: i32, len: i32| -> R<i32> {
        let p = path(&mut caller, ptr, len)?;
        let r = std::fs::read_dir(p).and_then(|entries| {
            let mut names = Vec::new();
            for e in entries {
                names.push(e?.file_name().into_vec());
            }
            names.sort();
            Ok(names.into_iter().flat_map(|mut n| {
                n.push(0);
                n
            }).collect())
        });
        answer(&mut caller, r)
    })?;
    // `follow`: of the file a symbolic link names (read_file_info), else of the link.
    linker.func_wrap("bw", "file_stat", |mut caller: Caller<'_, State>, ptr: i32, len: i32, follow: i32| -> R<i32> {
        let p = path(&mut caller, ptr, len)?;
        let r = if follow != 0 { std::fs::metadata(p) } else { std::fs::symlink_metadata(p) }.map(|md| stat_record(&md));
        answer(&mut caller, r)
    })?;
    linker.func_wrap("bw", "fd_stat", |mut caller: Caller<'_, State>, h: i32| -> R<i32> {
        let r = caller.data_mut().files.get(h).and_then(|f| f.metadata()).map(|md| stat_record(&md));
        answer(&mut caller, r)
    })?;
    linker.func_wrap("bw", "file_chdir", |mut caller: Caller<'_, State>, ptr: i32, len: i32| -> R<i32> {
        let p = path(&mut caller, ptr, len)?;
        let r = std::env::set_current_dir(p).map(|()| Vec::new());
        answer(&mut caller, r)
    })?;
    linker.func_wrap(
        "bw",
        "file_link",
        |mut caller: Caller<'_, State>, kind: i32, fp: i32, fl: i32, tp: i32, tl: i32| -> R<i32> {
            let from = path(&mut caller, fp, fl)?;
            let to = path(&mut caller, tp, tl)?;
            let r = if kind == 0 { std::os::unix::fs::symlink(from, to) } else { std::fs::hard_link(from, to) };
            answer(&mut caller, r.map(|()| Vec::new()))
        },
    )?;
    linker.func_wrap("bw", "file_readlink", |mut caller: Caller<'_, State>, ptr: i32, len: i32| -> R<i32> {
        let p = path(&mut caller, ptr, len)?;
        let r = std::fs::read_link(p).map(|t| t.into_os_string().into_vec());
        answer(&mut caller, r)
    })?;
    linker.func_wrap("bw", "file_cwd", |mut caller: Caller<'_, State>| -> R<i32> {
        let r = std::env::current_dir().map(|d| d.into_os_string().into_vec());
        answer(&mut caller, r)
    })?;
    linker.func_wrap("bw", "file_open", |mut caller: Caller<'_, State>, ptr: i32, len: i32, mode: i32| -> R<i32> {
        let p = path(&mut caller, ptr, len)?;
        match open_file(p, mode) {
            Ok(f) => Ok(caller.data_mut().files.add(f)),
            Err(e) => fail(&mut caller, posix(&e)),
        }
    })?;
    linker.func_wrap("bw", "fd_close", |mut caller: Caller<'_, State>, h: i32| -> R<i32> {
        let r = caller.data_mut().files.get(h).map(|_| ());
        if r.is_ok() {
            caller.data_mut().files.open[h as usize] = None;
        }
        answer(&mut caller, r.map(|()| Vec::new()))
    })?;
    linker.func_wrap("bw", "fd_read", |mut caller: Caller<'_, State>, h: i32, n: i32| -> R<i32> {
        let r = caller.data_mut().files.get(h).and_then(|f| read_up_to(|b| f.read(b), n as u32 as usize));
        answer(&mut caller, r)
    })?;
    linker.func_wrap("bw", "fd_pread", |mut caller: Caller<'_, State>, h: i32, at: i64, n: i32| -> R<i32> {
        let r = caller.data_mut().files.get(h).and_then(|f| {
            let mut pos = u64::try_from(at).map_err(|_| std::io::Error::from_raw_os_error(22))?;
            read_up_to(
                |b| {
                    let k = f.read_at(b, pos)?;
                    pos += k as u64;
                    Ok(k)
                },
                n as u32 as usize,
            )
        });
        answer(&mut caller, r)
    })?;
    linker.func_wrap("bw", "fd_write", |mut caller: Caller<'_, State>, h: i32, ptr: i32, len: i32| -> R<i32> {
        let data = read(&mut caller, ptr, len)?;
        let r = caller.data_mut().files.get(h).and_then(|f| f.write_all(&data));
        answer(&mut caller, r.map(|()| Vec::new()))
    })?;
    linker.func_wrap("bw", "fd_pwrite", |mut caller: Caller<'_, State>, h: i32, at: i64, ptr: i32, len: i32| -> R<i32> {
        let data = read(&mut caller, ptr, len)?;
        let r = caller.data_mut().files.get(h).and_then(|f| {
            let pos = u64::try_from(at).map_err(|_| std::io::Error::from_raw_os_error(22))?;
            f.write_all_at(&data, pos)
        });
        answer(&mut caller, r.map(|()| Vec::new()))
    })?;
    // The new position as 8 bytes, little-endian.
    linker.func_wrap("bw", "fd_seek", |mut caller: Caller<'_, State>, h: i32, whence: i32, off: i64| -> R<i32> {
        let r = caller.data_mut().files.get(h).and_then(|f| {
            let to = match whence {
                0 => SeekFrom::Start(u64::try_from(off).map_err(|_| std::io::Error::from_raw_os_error(22))?),
                1 => SeekFrom::Current(off),
                _ => SeekFrom::End(off),
            };
            f.seek(to).map(|p| p.to_le_bytes().to_vec())
        });
        answer(&mut caller, r)
    })?;
    // 0 truncate at the position, 1 sync data and metadata, 2 sync data.
    linker.func_wrap("bw", "fd_control", |mut caller: Caller<'_, State>, h: i32, op: i32| -> R<i32> {
        let r = caller.data_mut().files.get(h).and_then(|f| match op {
            0 => {
                let at = f.stream_position()?;
                f.set_len(at)
            }
            1 => f.sync_all(),
            _ => f.sync_data(),
        });
        answer(&mut caller, r.map(|()| Vec::new()))
    })?;
    linker.func_wrap("bw", "file_rename", |mut caller: Caller<'_, State>, fp: i32, fl: i32, tp: i32, tl: i32| -> R<i32> {
        let from = path(&mut caller, fp, fl)?;
        let to = path(&mut caller, tp, tl)?;
        let r = std::fs::rename(from, to).map(|()| Vec::new());
        answer(&mut caller, r)
    })?;
    linker.func_wrap("bw", "file_chmod", |mut caller: Caller<'_, State>, ptr: i32, len: i32, mode: i32| -> R<i32> {
        use std::os::unix::fs::PermissionsExt;
        let p = path(&mut caller, ptr, len)?;
        let r = std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode as u32 & 0o7777)).map(|()| Vec::new());
        answer(&mut caller, r)
    })?;
    // Access and modification times, in seconds since the epoch.
    linker.func_wrap("bw", "file_set_times", |mut caller: Caller<'_, State>, ptr: i32, len: i32, atime: i64, mtime: i64| -> R<i32> {
        let p = path(&mut caller, ptr, len)?;
        let at = |s: i64| {
            if s >= 0 {
                UNIX_EPOCH + std::time::Duration::from_secs(s as u64)
            } else {
                UNIX_EPOCH - std::time::Duration::from_secs(s.unsigned_abs())
            }
        };
        let r = std::fs::File::open(p)
            .and_then(|f| f.set_times(std::fs::FileTimes::new().set_accessed(at(atime)).set_modified(at(mtime))))
            .map(|()| Vec::new());
        answer(&mut caller, r)
    })?;
    // Storage: the embedder's (`--sqlite` keeps it in the database), unwired without one.
    linker.func_wrap("bw", "storage_get", |mut caller: Caller<'_, State>, kp: i32, kl: i32| -> R<i32> {
        if caller.data().effects.storage.is_none() {
            return unwired(&mut caller, "storage_get");
        }
        let key = read(&mut caller, kp, kl)?;
        let r = caller.data_mut().effects.storage.as_mut().map(|s| s.get(&key));
        match r {
            Some(Ok(Some(v))) => put(&mut caller, &v),
            Some(Ok(None)) => fail(&mut caller, "not_found"),
            Some(Err(e)) => fail(&mut caller, &e),
            None => unwired(&mut caller, "storage_get"),
        }
    })?;
    linker.func_wrap("bw", "storage_put", |mut caller: Caller<'_, State>, kp: i32, kl: i32, vp: i32, vl: i32| -> R<i32> {
        if caller.data().effects.storage.is_none() {
            return unwired(&mut caller, "storage_put");
        }
        let key = read(&mut caller, kp, kl)?;
        let value = read(&mut caller, vp, vl)?;
        match caller.data_mut().effects.storage.as_mut().map(|s| s.put(&key, &value)) {
            Some(Ok(())) => Ok(0),
            Some(Err(e)) => fail(&mut caller, &e),
            None => unwired(&mut caller, "storage_put"),
        }
    })?;
    linker.func_wrap("bw", "storage_delete", |mut caller: Caller<'_, State>, kp: i32, kl: i32| -> R<i32> {
        if caller.data().effects.storage.is_none() {
            return unwired(&mut caller, "storage_delete");
        }
        let key = read(&mut caller, kp, kl)?;
        match caller.data_mut().effects.storage.as_mut().map(|s| s.delete(&key)) {
            Some(Ok(existed)) => Ok(i32::from(existed)),
            Some(Err(e)) => fail(&mut caller, &e),
            None => unwired(&mut caller, "storage_delete"),
        }
    })?;
    // The host channel: `{Op, Args}` to the embedder's handlers, their answer back.
    linker.func_wrap("bw", "host_call", |mut caller: Caller<'_, State>, ptr: i32, len: i32| -> R<i32> {
        let bytes = read(&mut caller, ptr, len)?;
        let Ok(beam::Term::Tuple(mut parts)) = beam::etf::decode(&bytes) else { return fail(&mut caller, "badarg") };
        let (Some(args), Some(beam::Term::Atom(op)), None) = (parts.pop(), parts.pop(), parts.pop()) else {
            return fail(&mut caller, "badarg");
        };
        match caller.data_mut().effects.call(&op, &args) {
            crate::channel::Answer::Reply(t) => put(&mut caller, &beam::etf::encode(&t)),
            crate::channel::Answer::Unwired => fail(&mut caller, "unwired"),
        }
    })?;
    // The answers to calls the embedder made (bw_call), kept for it.
    linker.func_wrap("bw", "reply", |mut caller: Caller<'_, State>, id: i32, status: i32, ptr: i32, len: i32| -> R<()> {
        let bytes = read(&mut caller, ptr, len)?;
        caller.data_mut().replies.push(crate::Reply { id: id as u32, status, bytes });
        Ok(())
    })?;
    Ok(())
}
