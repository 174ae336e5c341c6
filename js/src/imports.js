// imports.js — the `bw` import object (docs/ABI.md §6), built from a platform's effects.
//
// Every import the module declares is filled: with the platform's implementation when the
// platform has that effect, otherwise with an *unwired stub*. A stub never returns: it
// writes the import's name into the staging area and calls the module's export
// `bw_unwired(name_ptr, name_len)`, which raises the Erlang error
// `{unwired_host_effect, Name}` in the process that used the effect. The exception passes
// through the stub's JS frame back into wasm, so Erlang `try`/`catch` sees it. Because the
// stub throws, it fits any signature. A module without `bw_unwired` gets a JS error that
// names the effect and ends the run: never silently wrong data.
//
// Naming: `ptr`/`len` are addresses and byte counts in the exported memory. Imports that
// return bytes follow the result convention of staging.js: `r >= 0` is success with `r`
// payload bytes at the staging base; `r < 0` is failure with `-r` bytes of an error atom's
// name (`enoent`, `not_found`, ...) at the staging base.

import { putError, putResult, readBytes, readText, viewBytes, encodeText, writeBytes } from './staging.js';
import { encode, decode, Atom, Tuple } from './etf.js';

/** Thrown when a module without `bw_unwired` reaches an effect this host has not wired. */
export class UnwiredEffectError extends Error {
  constructor(name, hostName) {
    super(`the program used the host effect bw.${name}, which the ${hostName} host does not provide`);
    this.name = 'UnwiredEffectError';
    this.effect = name;
  }
}

/**
 * The import object for `module`.
 * @param {WebAssembly.Module} module
 * @param {object} ctx  { effects, output, hostName, instance(): WebAssembly.Instance, onReply(id, status, bytes) }
 */
export function buildImports(module, ctx) {
  const wired = wiredImports(ctx);
  const bw = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.module !== 'bw') {
      throw new Error(`beamwasm host: the module imports ${imp.module}.${imp.name}; a beamwasm module imports only from "bw"`);
    }
    if (imp.kind !== 'function') {
      throw new Error(`beamwasm host: the module imports bw.${imp.name} as a ${imp.kind}; the ${ctx.hostName} host provides only functions`);
    }
    bw[imp.name] = wired[imp.name] ?? unwiredStub(imp.name, ctx);
  }
  return { bw };
}

/** The names of the imports `effects` wires (for documentation and tests). */
export function wiredNames(effects) {
  return Object.keys(wiredImports({ effects, output: null, hostName: '', instance: () => null, onReply: () => {} })).sort();
}

function unwiredStub(name, ctx) {
  const nameBytes = encodeText(name);
  return () => {
    const exports = ctx.instance().exports;
    if (typeof exports.bw_unwired !== 'function') throw new UnwiredEffectError(name, ctx.hostName);
    writeBytes(exports.memory, 0, nameBytes);
    exports.bw_unwired(0, nameBytes.length);
    // bw_unwired must raise; returning is a broken contract, not data to pass on.
    throw new Error(`beamwasm host: bw_unwired returned instead of raising (effect bw.${name})`);
  };
}

function wiredImports(ctx) {
  const { effects } = ctx;
  const mem = () => ctx.instance().exports.memory;
  const u = (n) => n >>> 0; // i32 addresses and lengths arrive signed
  const imports = {
    write(fd, ptr, len) {
      ctx.output.write(fd, viewBytes(mem(), u(ptr), u(len)));
    },
    clock(which) {
      if (which === 0) return effects.monotonicNs();
      if (which === 1) return effects.systemNs();
      // The local time zone's offset from UTC now (getTimezoneOffset counts the other way).
      if (which === 2) return BigInt(-new Date().getTimezoneOffset()) * 60_000_000_000n;
      throw new RangeError(`beamwasm host: bw.clock(${which}): 0 monotonic, 1 system, 2 UTC offset`);
    },
    backtrace(max) {
      // The wasm frames on the stack, innermost first, as (function index, module offset)
      // pairs at address 0. V8 names a wasm frame `wasm-function[INDEX]:0xOFFSET`, the
      // offset counted from the start of the module.
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = Math.max(0, u(max)) + 64;
      const stack = String(new Error().stack ?? '');
      Error.stackTraceLimit = limit;
      const view = new DataView(mem().buffer);
      let n = 0;
      for (const m of stack.matchAll(/wasm-function\[(\d+)\]:0x([0-9a-f]+)/g)) {
        if (n >= u(max) || n * 8 + 8 > view.byteLength) break;
        view.setUint32(n * 8, Number(m[1]), true);
        view.setUint32(n * 8 + 4, parseInt(m[2], 16), true);
        n += 1;
      }
      return n;
    },
    reply(id, status, ptr, len) {
      ctx.onReply(id, status, readBytes(mem(), u(ptr), u(len)));
    },
  };
  if (effects.randomFill) {
    imports.random = (ptr, len) => {
      const out = new Uint8Array(u(len));
      for (let at = 0; at < out.length; at += 65536) effects.randomFill(out.subarray(at, at + 65536));
      writeBytes(mem(), u(ptr), out);
    };
  }
  if (effects.digest) Object.assign(imports, digestImports(effects.digest, mem, u));
  if (effects.host) imports.host_call = hostCallImport(effects.host, mem, u, ctx);
  if (effects.env) Object.assign(imports, envImports(effects.env, mem, u));
  if (effects.fs) Object.assign(imports, fileImports(effects.fs, mem, u));
  if (effects.storage) Object.assign(imports, storageImports(effects.storage, mem, u));
  return imports;
}

// Digests: `alg` numbers (docs/ABI.md §6) by the names Node's createHash takes. `digest`
// is { hash(name, bytes), hmac(name, key, bytes), has?(name) }, the first two returning
// the digest's bytes; an algorithm `has` denies answers `notsup`.
const DIGESTS = [null, 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'md5', 'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512', 'blake2b512', 'blake2s256'];

function digestImports(digest, mem, u) {
  return {
    crypto_hash(alg, ptr, len) {
      const name = DIGESTS[alg];
      if (!name || (digest.has && !digest.has(name))) return putError(mem(), 'notsup');
      return putResult(mem(), digest.hash(name, readBytes(mem(), u(ptr), u(len))));
    },
    crypto_hmac(alg, kp, kl, dp, dl) {
      const name = DIGESTS[alg];
      if (!name || (digest.has && !digest.has(name))) return putError(mem(), 'notsup');
      return putResult(mem(), digest.hmac(name, readBytes(mem(), u(kp), u(kl)), readBytes(mem(), u(dp), u(dl))));
    },
  };
}

function envImports(env, mem, u) {
  return {
    env_get(ptr, len) {
      const value = env.get(readText(mem(), u(ptr), u(len)));
      return value === undefined ? putError(mem(), 'not_found') : putResult(mem(), encodeText(value));
    },
    env_list() {
      const text = env.list().map(([k, v]) => `${k}=${v}\0`).join('');
      return putResult(mem(), encodeText(text));
    },
  };
}

// Files. A platform's `fs` throws errors whose `code` is a POSIX name (`ENOENT`); it becomes
// the error atom (`enoent`). Any other exception is a host failure and propagates.
function fileImports(fs, mem, u) {
  const path = (ptr, len) => readText(mem(), u(ptr), u(len));
  const posix = (f) => {
    try {
      return f();
    } catch (e) {
      if (typeof e?.code === 'string' && /^E[A-Z0-9]+$/.test(e.code)) return putError(mem(), e.code.toLowerCase());
      throw e;
    }
  };
  return {
    file_read: (p, l) => posix(() => putResult(mem(), fs.read(path(p, l)))),
    file_write: (p, l, dp, dl, append) =>
      posix(() => {
        fs.write(path(p, l), readBytes(mem(), u(dp), u(dl)), append !== 0);
        return 0;
      }),
    file_delete: (p, l) => posix(() => (fs.delete(path(p, l)), 0)),
    file_mkdir: (p, l) => posix(() => (fs.mkdir(path(p, l)), 0)),
    file_rmdir: (p, l) => posix(() => (fs.rmdir(path(p, l)), 0)),
    file_list: (p, l) => posix(() => putResult(mem(), encodeText(fs.list(path(p, l)).map((n) => `${n}\0`).join('')))),
    file_stat: (p, l, follow) => posix(() => putResult(mem(), statRecord(fs.stat(path(p, l), follow !== 0)))),
    file_cwd: () => posix(() => putResult(mem(), encodeText(fs.cwd()))),
    ...(fs.open ? openFileImports(fs, mem, u, path, posix) : {}),
  };
}

// Open files (prim_file's NIFs). The platform's `fs` reads and writes at given offsets;
// the current position of each open file is kept here. A handle is an index into `open`.
function openFileImports(fs, mem, u, path, posix) {
  const open = [];
  const ebadf = () => Object.assign(new Error('EBADF: bad file handle'), { code: 'EBADF' });
  const einval = () => Object.assign(new Error('EINVAL: invalid argument'), { code: 'EINVAL' });
  const file = (h) => {
    const f = open[h];
    if (!f) throw ebadf();
    return f;
  };
  const done = () => 0;
  const position = (pos) => {
    const rec = new Uint8Array(8);
    new DataView(rec.buffer).setBigInt64(0, BigInt(pos), true);
    return putResult(mem(), rec);
  };
  return {
    file_open: (p, l, mode) =>
      posix(() => {
        const handle = fs.open(path(p, l), {
          read: (mode & 1) !== 0,
          write: (mode & 14) !== 0,
          append: (mode & 4) !== 0,
          exclusive: (mode & 8) !== 0,
        });
        let h = open.indexOf(undefined);
        if (h < 0) h = open.length;
        open[h] = { handle, pos: 0, append: (mode & 4) !== 0 };
        return h;
      }),
    fd_close: (h) =>
      posix(() => {
        const f = file(h);
        open[h] = undefined;
        fs.close(f.handle);
        return done();
      }),
    fd_read: (h, n) =>
      posix(() => {
        const f = file(h);
        const data = fs.pread(f.handle, f.pos, u(n));
        f.pos += data.length;
        return putResult(mem(), data);
      }),
    fd_pread: (h, at, n) => posix(() => putResult(mem(), fs.pread(file(h).handle, Number(at), u(n)))),
    fd_write: (h, ptr, len) =>
      posix(() => {
        const f = file(h);
        const data = readBytes(mem(), u(ptr), u(len));
        if (f.append) f.pos = fs.append(f.handle, data);
        else {
          fs.pwrite(f.handle, f.pos, data);
          f.pos += data.length;
        }
        return done();
      }),
    fd_pwrite: (h, at, ptr, len) =>
      posix(() => {
        const f = file(h);
        const data = readBytes(mem(), u(ptr), u(len));
        // As on Linux, a file opened for appending appends whatever the offset.
        if (f.append) fs.append(f.handle, data);
        else fs.pwrite(f.handle, Number(at), data);
        return done();
      }),
    fd_seek: (h, whence, off) =>
      posix(() => {
        const f = file(h);
        const base = whence === 0 ? 0 : whence === 1 ? f.pos : fs.size(f.handle);
        const to = base + Number(off);
        if (to < 0) throw einval();
        f.pos = to;
        return position(to);
      }),
    fd_control: (h, op) =>
      posix(() => {
        const f = file(h);
        if (op === 0) fs.truncate(f.handle, f.pos);
        else fs.sync(f.handle);
        return done();
      }),
    fd_stat: (h) => posix(() => putResult(mem(), statRecord(fs.fstat(file(h).handle)))),
    file_rename: (fp, fl, tp, tl) => posix(() => (fs.rename(path(fp, fl), path(tp, tl)), 0)),
    file_chdir: (p, l) => posix(() => (fs.chdir(path(p, l)), 0)),
    file_link: (kind, fp, fl, tp, tl) => posix(() => (fs.link(kind === 0 ? 'symbolic' : 'hard', path(fp, fl), path(tp, tl)), 0)),
    file_readlink: (p, l) => posix(() => putResult(mem(), encodeText(fs.readlink(path(p, l))))),
    file_chmod: (p, l, mode) => posix(() => (fs.chmod(path(p, l), mode & 0o7777), 0)),
    file_set_times: (p, l, atime, mtime) => posix(() => (fs.setTimes(path(p, l), Number(atime), Number(mtime)), 0)),
  };
}

/** The 24-byte `file_stat` record: i64 size, i64 mtime (ns since the epoch), i32 type, i32 mode; little-endian. */
export function statRecord({ type, size, mtimeNs, mode }) {
  const types = { regular: 0, directory: 1, symlink: 2, other: 3 };
  if (!(type in types)) throw new Error(`beamwasm host: file type ${type}`);
  const rec = new Uint8Array(24);
  const dv = new DataView(rec.buffer);
  dv.setBigInt64(0, BigInt(size), true);
  dv.setBigInt64(8, BigInt(mtimeNs), true);
  dv.setInt32(16, types[type], true);
  dv.setInt32(20, mode, true);
  return rec;
}

function storageImports(storage, mem, u) {
  return {
    storage_get(kp, kl) {
      const value = storage.get(readBytes(mem(), u(kp), u(kl)));
      return value === undefined ? putError(mem(), 'not_found') : putResult(mem(), value);
    },
    storage_put(kp, kl, vp, vl) {
      storage.put(readBytes(mem(), u(kp), u(kl)), readBytes(mem(), u(vp), u(vl)));
      return 0;
    },
    storage_delete(kp, kl) {
      return storage.delete(readBytes(mem(), u(kp), u(kl))) ? 1 : 0;
    },
  };
}

// The host channel (docs/ABI.md §6): a request `{Op, Args}` in the external term format;
// `host[Op](Args, program)` answers with a JS value, encoded back as the reply term. An op
// the platform lacks answers `unwired` (the program raises {unwired_host_effect, Op}); a
// request that is not `{Op, Args}` answers `badarg`. An op that throws is a host failure.
function hostCallImport(host, mem, u, ctx) {
  return (ptr, len) => {
    let request;
    try {
      request = decode(readBytes(mem(), u(ptr), u(len)));
    } catch {
      return putError(mem(), 'badarg');
    }
    if (!(request instanceof Tuple) || request.length !== 2 || !(request[0] instanceof Atom)) return putError(mem(), 'badarg');
    const op = host[request[0].name];
    if (typeof op !== 'function' || !Object.hasOwn(host, request[0].name)) return putError(mem(), 'unwired');
    return putResult(mem(), encode(op(request[1], ctx.program)));
  };
}
