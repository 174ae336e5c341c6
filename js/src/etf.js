// etf.js — the Erlang external term format (version 131) for the JS side of calls.
//
// JS → term (`encode`):
//   integer Number or BigInt → integer;  other Number or Float → float;  string → UTF-8 binary;
//   Uint8Array → binary;  true/false → atoms;  null/undefined → nil;  Atom → atom;
//   Array → proper list;  Tuple → tuple;  Map → map;  plain object → map with binary keys.
// term → JS (`decode`):
//   integer → Number when safe, else BigInt;  float → Number;  binary → Uint8Array
//   (`text(b)` decodes it);  atoms true/false → booleans, other atoms → Atom;
//   list → Array (an improper tail → ImproperList);  tuple → Tuple;  map → Map;
//   pid/port/reference/fun/bitstring → Opaque (its tag and raw bytes, re-encodable).
// Malformed or unsupported input (compressed terms) raises an error; nothing is guessed.

const VERSION = 131;
const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

export class Atom {
  constructor(name) {
    this.name = name;
  }
  toString() {
    return `:${this.name}`;
  }
}
const atoms = new Map();
/** The interned Atom for `name`. */
export function atom(name) {
  let a = atoms.get(name);
  if (!a) atoms.set(name, (a = new Atom(name)));
  return a;
}

export class Tuple extends Array {
  static of(...items) {
    const t = new Tuple();
    t.push(...items);
    return t;
  }
}
/** A tuple of `items`. */
export const tuple = (...items) => Tuple.of(...items);

export class ImproperList {
  constructor(items, tail) {
    this.items = items;
    this.tail = tail;
  }
}

/** A float, whatever its value: `new Float(2)` encodes as 2.0 where a bare 2 is an integer. */
export class Float {
  constructor(value) {
    this.value = value;
  }
}
/** The float `value`. */
export const float = (value) => new Float(value);

/** A term this codec carries but does not interpret (pids, refs, funs, bitstrings). */
export class Opaque {
  constructor(tag, bytes) {
    this.tag = tag;
    this.bytes = bytes;
  }
}

/** The UTF-8 text of a binary. */
export function text(binary) {
  return utf8Strict.decode(binary);
}

// --- encoding -------------------------------------------------------------------------------

/** The ETF bytes of `value` (see the table above). */
export function encode(value) {
  const w = new Writer();
  w.u8(VERSION);
  encodeTerm(w, value);
  return w.bytes();
}

function encodeTerm(w, v) {
  if (typeof v === 'number') return Number.isInteger(v) ? encodeInt(w, BigInt(v)) : encodeFloat(w, v);
  if (v instanceof Float) return encodeFloat(w, v.value);
  if (typeof v === 'bigint') return encodeInt(w, v);
  if (typeof v === 'string') return encodeBinary(w, utf8.encode(v));
  if (typeof v === 'boolean') return encodeAtom(w, String(v));
  if (v === null || v === undefined) return encodeAtom(w, 'nil');
  if (v instanceof Atom) return encodeAtom(w, v.name);
  if (v instanceof Uint8Array) return encodeBinary(w, v);
  if (v instanceof Opaque) return w.u8(v.tag), w.raw(v.bytes);
  if (v instanceof Tuple) {
    if (v.length < 256) w.u8(104), w.u8(v.length);
    else w.u8(105), w.u32(v.length);
    for (const x of v) encodeTerm(w, x);
    return;
  }
  if (Array.isArray(v) || v instanceof ImproperList) {
    const items = Array.isArray(v) ? v : v.items;
    if (items.length === 0 && Array.isArray(v)) return w.u8(106);
    w.u8(108), w.u32(items.length);
    for (const x of items) encodeTerm(w, x);
    return Array.isArray(v) ? w.u8(106) : encodeTerm(w, v.tail);
  }
  const entries = v instanceof Map ? [...v] : Object.entries(v);
  w.u8(116), w.u32(entries.length);
  for (const [k, x] of entries) encodeTerm(w, k), encodeTerm(w, x);
}

function encodeInt(w, n) {
  if (n >= 0n && n < 256n) return w.u8(97), w.u8(Number(n));
  if (n >= -(2n ** 31n) && n < 2n ** 31n) return w.u8(98), w.i32(Number(n));
  const sign = n < 0n ? 1 : 0;
  let mag = sign ? -n : n;
  const digits = [];
  while (mag > 0n) digits.push(Number(mag & 0xffn)), (mag >>= 8n);
  if (digits.length < 256) w.u8(110), w.u8(digits.length);
  else w.u8(111), w.u32(digits.length);
  w.u8(sign);
  w.raw(Uint8Array.from(digits));
}

function encodeFloat(w, x) {
  if (!Number.isFinite(x)) throw new RangeError(`etf: ${x} is not an Erlang float`);
  w.u8(70);
  w.f64(x);
}

function encodeAtom(w, name) {
  const b = utf8.encode(name);
  if (b.length < 256) w.u8(119), w.u8(b.length);
  else if (b.length < 65536) w.u8(118), w.u16(b.length);
  else throw new RangeError('etf: atom name too long');
  w.raw(b);
}

function encodeBinary(w, b) {
  w.u8(109);
  w.u32(b.length);
  w.raw(b);
}

class Writer {
  constructor() {
    this.buf = new Uint8Array(64);
    this.dv = new DataView(this.buf.buffer);
    this.n = 0;
  }
  room(k) {
    if (this.n + k <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
    this.dv = new DataView(b.buffer);
  }
  u8(x) {
    this.room(1);
    this.buf[this.n++] = x;
  }
  u16(x) {
    this.room(2);
    this.dv.setUint16(this.n, x);
    this.n += 2;
  }
  u32(x) {
    this.room(4);
    this.dv.setUint32(this.n, x);
    this.n += 4;
  }
  i32(x) {
    this.room(4);
    this.dv.setInt32(this.n, x);
    this.n += 4;
  }
  f64(x) {
    this.room(8);
    this.dv.setFloat64(this.n, x);
    this.n += 8;
  }
  raw(b) {
    this.room(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }
  bytes() {
    return this.buf.slice(0, this.n);
  }
}

// --- decoding -------------------------------------------------------------------------------

/** The JS value of the ETF bytes `bytes` (see the table above). */
export function decode(bytes) {
  const r = new Reader(bytes);
  if (r.u8() !== VERSION) throw new Error('etf: not external term format (version byte is not 131)');
  const v = decodeTerm(r);
  if (r.at !== bytes.length) throw new Error(`etf: ${bytes.length - r.at} bytes after the term`);
  return v;
}

function decodeTerm(r) {
  const tag = r.u8();
  switch (tag) {
    case 97:
      return r.u8();
    case 98:
      return r.i32();
    case 70:
      return r.f64();
    case 110:
    case 111: {
      const n = tag === 110 ? r.u8() : r.u32();
      const sign = r.u8();
      const d = r.take(n);
      let mag = 0n;
      for (let i = n - 1; i >= 0; i--) mag = (mag << 8n) | BigInt(d[i]);
      const v = sign ? -mag : mag;
      return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    }
    case 100:
      return atomValue(latin1.decode(r.take(r.u16())));
    case 115:
      return atomValue(latin1.decode(r.take(r.u8())));
    case 118:
      return atomValue(utf8Strict.decode(r.take(r.u16())));
    case 119:
      return atomValue(utf8Strict.decode(r.take(r.u8())));
    case 104:
    case 105: {
      const n = tag === 104 ? r.u8() : r.u32();
      const t = new Tuple();
      for (let i = 0; i < n; i++) t.push(decodeTerm(r));
      return t;
    }
    case 106:
      return [];
    case 107:
      return Array.from(r.take(r.u16()));
    case 108: {
      const n = r.u32();
      const items = [];
      for (let i = 0; i < n; i++) items.push(decodeTerm(r));
      const tail = decodeTerm(r);
      return Array.isArray(tail) && tail.length === 0 ? items : new ImproperList(items, tail);
    }
    case 109:
      return r.take(r.u32()).slice();
    case 116: {
      const n = r.u32();
      const m = new Map();
      for (let i = 0; i < n; i++) {
        const k = decodeTerm(r);
        m.set(k, decodeTerm(r));
      }
      return m;
    }
    case 80:
      throw new Error('etf: compressed terms are not supported by the JS host');
    default: {
      const start = r.at;
      skipOpaque(r, tag);
      return new Opaque(tag, r.bytes.slice(start, r.at));
    }
  }
}

function atomValue(name) {
  if (name === 'true') return true;
  if (name === 'false') return false;
  return atom(name);
}

// Terms carried opaquely: their length is found by walking them, nothing is interpreted.
function skipOpaque(r, tag) {
  switch (tag) {
    case 77: // BIT_BINARY_EXT
      r.take(r.u32() + 1);
      return;
    case 88: // NEW_PID_EXT
      decodeTerm(r), r.take(12);
      return;
    case 103: // PID_EXT
      decodeTerm(r), r.take(9);
      return;
    case 89: // NEW_PORT_EXT
      decodeTerm(r), r.take(8);
      return;
    case 120: // V4_PORT_EXT
      decodeTerm(r), r.take(12);
      return;
    case 102: // PORT_EXT
      decodeTerm(r), r.take(5);
      return;
    case 90: {
      // NEWER_REFERENCE_EXT
      const n = r.u16();
      decodeTerm(r), r.take(4 + 4 * n);
      return;
    }
    case 114: {
      // NEW_REFERENCE_EXT
      const n = r.u16();
      decodeTerm(r), r.take(1 + 4 * n);
      return;
    }
    case 113: // EXPORT_EXT
      decodeTerm(r), decodeTerm(r), decodeTerm(r);
      return;
    case 112: {
      // NEW_FUN_EXT: Size counts itself and everything after the tag
      const size = r.u32();
      r.take(size - 4);
      return;
    }
    default:
      throw new Error(`etf: unknown tag ${tag} at byte ${r.at - 1}`);
  }
}

class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.at = 0;
  }
  need(k) {
    if (this.at + k > this.bytes.length) throw new Error(`etf: truncated at byte ${this.at}`);
  }
  u8() {
    this.need(1);
    return this.bytes[this.at++];
  }
  u16() {
    this.need(2);
    const x = this.dv.getUint16(this.at);
    this.at += 2;
    return x;
  }
  u32() {
    this.need(4);
    const x = this.dv.getUint32(this.at);
    this.at += 4;
    return x;
  }
  i32() {
    this.need(4);
    const x = this.dv.getInt32(this.at);
    this.at += 4;
    return x;
  }
  f64() {
    this.need(8);
    const x = this.dv.getFloat64(this.at);
    this.at += 8;
    return x;
  }
  take(k) {
    this.need(k);
    const b = this.bytes.subarray(this.at, this.at + k);
    this.at += k;
    return b;
  }
}
