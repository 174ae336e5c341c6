// staging.js — moving bytes in and out of the module's linear memory, in bulk.
//
// The module exports one memory (`memory`). Its first bytes are the staging area: the host
// writes its inputs there (program arguments, call payloads) and the results of imports
// that return bytes (see "the result convention" in ../README.md). When bytes do not fit,
// the host grows the memory; the module must therefore never cache the memory's size or
// keep data in the staging area across an import call.
//
// Every access re-reads `memory.buffer`: growing the memory detaches the old buffer.

const PAGE = 65536;
const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** The staging area starts at address 0 of the exported memory. */
export const STAGING_BASE = 0;

/** Grows `memory` so that `[0, end)` is addressable. */
export function ensureSize(memory, end) {
  const have = memory.buffer.byteLength;
  if (end > have) memory.grow(Math.ceil((end - have) / PAGE));
}

/** A copy of `len` bytes at `ptr` (the copy stays valid after the memory grows). */
export function readBytes(memory, ptr, len) {
  checkRange(memory, ptr, len);
  return new Uint8Array(memory.buffer, ptr, len).slice();
}

/** A view of `len` bytes at `ptr`, valid only until the memory next grows. */
export function viewBytes(memory, ptr, len) {
  checkRange(memory, ptr, len);
  return new Uint8Array(memory.buffer, ptr, len);
}

/** The UTF-8 text at `ptr`; malformed UTF-8 is an error, never replaced silently. */
export function readText(memory, ptr, len) {
  return utf8Strict.decode(viewBytes(memory, ptr, len));
}

/** Writes `bytes` at `ptr`, growing the memory when needed. */
export function writeBytes(memory, ptr, bytes) {
  ensureSize(memory, ptr + bytes.length);
  new Uint8Array(memory.buffer, ptr, bytes.length).set(bytes);
}

/** Writes `bytes` at the staging base and returns their length (an import's success result). */
export function putResult(memory, bytes) {
  writeBytes(memory, STAGING_BASE, bytes);
  return bytes.length;
}

/**
 * Writes an error name (ASCII atom text such as `enoent`) at the staging base and returns
 * minus its length (an import's failure result).
 */
export function putError(memory, name) {
  const bytes = utf8.encode(name);
  if (bytes.length === 0) throw new Error('putError: an error needs a name');
  writeBytes(memory, STAGING_BASE, bytes);
  return -bytes.length;
}

/**
 * Lays out byte strings one after another from the staging base, each aligned to 8 bytes.
 * Returns their addresses.
 */
export function stage(memory, parts) {
  let at = STAGING_BASE;
  const addrs = [];
  const end = parts.reduce((n, p) => align8(n) + p.length, STAGING_BASE);
  ensureSize(memory, end);
  for (const p of parts) {
    at = align8(at);
    new Uint8Array(memory.buffer, at, p.length).set(p);
    addrs.push(at);
    at += p.length;
  }
  return addrs;
}

/** UTF-8 bytes of `text`. */
export function encodeText(text) {
  return utf8.encode(text);
}

function align8(n) {
  return (n + 7) & ~7;
}

function checkRange(memory, ptr, len) {
  if (!(ptr >= 0 && len >= 0 && ptr + len <= memory.buffer.byteLength)) {
    throw new RangeError(`beamwasm host: the module passed bytes [${ptr}, ${ptr + len}) outside its memory of ${memory.buffer.byteLength} bytes`);
  }
}
