// node.js — the Node adapter: real standard output and error, the process environment and
// the real file system. Import it only on Node (it uses node: modules).
//
//   import { runNode } from '@beamwasm/host/node';
//   const { exitCode } = await runNode(fs.readFileSync('hello.wasm'), ['arg']);

import fs from 'node:fs';
import { instantiate } from './host.js';
import { webEffects } from './common.js';
import { nodeDigest } from './digest.js';
import { httpEffects, fetchEffects } from './http.js';
import { tcpEffects } from './tcp.js';
import { subprocessEffects } from './subprocess.js';

/** Writes all of `bytes` to `fd`, waiting out EAGAIN on a non-blocking pipe. */
export function writeAll(fd, bytes) {
  let at = 0;
  while (at < bytes.length) {
    try {
      at += fs.writeSync(fd, bytes, at, bytes.length - at);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

/** The real file system, synchronously (errors keep Node's POSIX `code`). */
export const nodeFs = {
  read: (path) => fs.readFileSync(path),
  write: (path, bytes, append) => fs.writeFileSync(path, bytes, { flag: append ? 'a' : 'w' }),
  delete: (path) => fs.unlinkSync(path),
  mkdir: (path) => fs.mkdirSync(path),
  rmdir: (path) => fs.rmdirSync(path),
  list: (path) => fs.readdirSync(path).sort(),
  // `follow`: of the file a symbolic link names, else of the link itself.
  stat: (path, follow) => statOf((follow ? fs.statSync : fs.lstatSync)(path, { bigint: true })),
  cwd: () => process.cwd(),
  // Open files: `handle` is the descriptor; reads and writes name their offset.
  open(path, { read, write, append, exclusive }) {
    const c = fs.constants;
    let flags = write ? (read ? c.O_RDWR : c.O_WRONLY) | c.O_CREAT : c.O_RDONLY;
    if (write && !read && !append) flags |= c.O_TRUNC;
    if (append) flags |= c.O_APPEND;
    if (exclusive) flags |= c.O_EXCL;
    const fd = fs.openSync(path, flags, 0o666);
    if (fs.fstatSync(fd).isDirectory()) {
      fs.closeSync(fd);
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), { code: 'EISDIR' });
    }
    return fd;
  },
  pread(fd, at, n) {
    const buf = Buffer.alloc(n);
    let got = 0;
    while (got < n) {
      const k = fs.readSync(fd, buf, got, n - got, at + got);
      if (k === 0) break;
      got += k;
    }
    return new Uint8Array(buf.buffer, buf.byteOffset, got);
  },
  pwrite(fd, at, bytes) {
    for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done, at + done);
  },
  append(fd, bytes) {
    for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done, null);
    return Number(fs.fstatSync(fd).size);
  },
  size: (fd) => Number(fs.fstatSync(fd).size),
  truncate: (fd, len) => fs.ftruncateSync(fd, len),
  sync: (fd) => fs.fsyncSync(fd),
  close: (fd) => fs.closeSync(fd),
  rename: (from, to) => fs.renameSync(from, to),
  chmod: (path, mode) => fs.chmodSync(path, mode),
  setTimes: (path, atime, mtime) => fs.utimesSync(path, atime, mtime),
  fstat: (fd) => statOf(fs.fstatSync(fd, { bigint: true })),
  chdir: (path) => process.chdir(path),
  link: (kind, from, to) => (kind === 'symbolic' ? fs.symlinkSync(from, to) : fs.linkSync(from, to)),
  readlink: (path) => fs.readlinkSync(path),
};

/** What `stat` reports of a Node (bigint) Stats. */
function statOf(s) {
  const type = s.isFile() ? 'regular' : s.isDirectory() ? 'directory' : s.isSymbolicLink() ? 'symlink' : 'other';
  return { type, size: s.size, mtimeNs: s.mtimeNs, mode: Number(s.mode & 0o7777n) };
}

/**
 * Node's effects; `overrides` replaces any of them (e.g. `{ storage }`). `overrides.allowNet`:
 * the hosts TCP and Beamwasm.Fetch may reach (null, the default: every host; see tcp.js and
 * http.js); `overrides.allowRun`:
 * the programs the program may run (null, the default: every program; see subprocess.js).
 */
export function nodeEffects(overrides = {}) {
  const origin = process.hrtime.bigint();
  return {
    ...webEffects(),
    monotonicNs: () => process.hrtime.bigint() - origin,
    write: writeAll,
    env: { get: (name) => process.env[name], list: () => Object.entries(process.env) },
    fs: nodeFs,
    digest: nodeDigest(),
    ...overrides,
    host: {
      ...httpEffects(),
      ...tcpEffects({ allow: overrides.allowNet ?? null }),
      ...fetchEffects({ allow: overrides.allowNet ?? null }),
      ...subprocessEffects({ allow: overrides.allowRun ?? null }),
      ...overrides.host,
    },
  };
}

/** Instantiates `wasm` (bytes or a compiled module) with Node's effects. */
export function instantiateNode(wasm, overrides = {}) {
  return instantiate(wasm, { effects: nodeEffects(overrides), hostName: 'node' });
}

/** Instantiates and runs a program to its end; resolves to `run()`'s result. */
export async function runNode(wasm, args = [], overrides = {}) {
  const program = await instantiateNode(wasm, overrides);
  return program.run(args);
}
