// node.js — the Node adapter: real standard output and error, the process environment and
// the real file system. Import it only on Node (it uses node: modules).
//
//   import { runNode } from '@beamwasm/host/node';
//   const { exitCode } = await runNode(fs.readFileSync('hello.wasm'), ['arg']);

import fs from 'node:fs';
import { instantiate } from './host.js';
import { webEffects } from './common.js';

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
  stat(path) {
    const s = fs.lstatSync(path, { bigint: true });
    const type = s.isFile() ? 'regular' : s.isDirectory() ? 'directory' : s.isSymbolicLink() ? 'symlink' : 'other';
    return { type, size: s.size, mtimeNs: s.mtimeNs, mode: Number(s.mode & 0o7777n) };
  },
  cwd: () => process.cwd(),
};

/** Node's effects; `overrides` replaces any of them (e.g. `{ storage }`). */
export function nodeEffects(overrides = {}) {
  const origin = process.hrtime.bigint();
  return {
    ...webEffects(),
    monotonicNs: () => process.hrtime.bigint() - origin,
    write: writeAll,
    env: { get: (name) => process.env[name], list: () => Object.entries(process.env) },
    fs: nodeFs,
    ...overrides,
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
