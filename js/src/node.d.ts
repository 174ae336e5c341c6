// node.d.ts — types of node.js, the Node adapter (`@beamwasm/host/node`).

import type { Effects, FileSystemEffect, Program, RunResult } from './host.js';

/** Writes all of `bytes` to the file descriptor `fd`. */
export function writeAll(fd: number, bytes: Uint8Array): void;

/** The real file system, synchronously; an open file's handle is its descriptor. */
export const nodeFs: Required<FileSystemEffect<number>>;

/** Overrides of Node's effects, and what the program may reach. */
export interface NodeOverrides extends Partial<Effects> {
  /** The hosts TCP may reach: 'HOST' or 'HOST:PORT' ('*' for any host); null: every host. */
  allowNet?: readonly string[] | null;
  /** The programs the program may run: paths or file names; null: every program. */
  allowRun?: readonly string[] | null;
}

/** Node's effects (stdout/stderr, process.env, the real file system, digests, HTTP, TCP, subprocesses). */
export function nodeEffects(overrides?: NodeOverrides): Effects;

/** Instantiates `wasm` (bytes or a compiled module) with Node's effects. */
export function instantiateNode(wasm: BufferSource | WebAssembly.Module, overrides?: NodeOverrides): Promise<Program>;

/** Instantiates and runs a program to its end. */
export function runNode(wasm: BufferSource | WebAssembly.Module, args?: readonly string[], overrides?: NodeOverrides): Promise<RunResult>;
