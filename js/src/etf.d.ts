// etf.d.ts — types of etf.js: the Erlang external term format (version 131), JS <-> terms.

/** An atom; `atom(name)` gives the interned one, so atoms compare with `===`. */
export class Atom {
  constructor(name: string);
  readonly name: string;
  toString(): string;
}
/** The interned Atom for `name`. */
export function atom(name: string): Atom;

/** A tuple: an Array subclass, so `t[0]`, `t.length` and destructuring work. */
export class Tuple extends Array<Encodable> {
  /** A tuple of `items` (`tuple(...items)` checks that they are terms). */
  static of<T>(...items: T[]): Tuple & T[];
}
/** A tuple of `items`. */
export function tuple(...items: Encodable[]): Tuple;

/** A list whose tail is not `[]`. */
export class ImproperList {
  constructor(items: Encodable[], tail: Encodable);
  items: Encodable[];
  tail: Encodable;
}

/** A float, whatever its value: `new Float(2)` encodes as 2.0 where a bare 2 is an integer. */
export class Float {
  constructor(value: number);
  value: number;
}
/** The float `value`. */
export function float(value: number): Float;

/** A term carried but not interpreted (pids, ports, refs, funs, bitstrings): re-encodable. */
export class Opaque {
  constructor(tag: number, bytes: Uint8Array);
  /** The term's ETF tag (88 NEW_PID_EXT, 90 NEWER_REFERENCE_EXT, ...). */
  tag: number;
  /** The bytes after the tag. */
  bytes: Uint8Array;
}

/**
 * What `decode` gives: integers as numbers (BigInt beyond 2^53), floats as numbers,
 * binaries as Uint8Array, `true`/`false` as booleans, other atoms as Atom, proper lists as
 * arrays, tuples as Tuple, maps as Map.
 */
export type Term = number | bigint | boolean | Uint8Array | Atom | Tuple | ImproperList | Opaque | Term[] | Map<Term, Term>;

/**
 * What `encode` takes: a Term, or a string (a UTF-8 binary), null or undefined (`nil`), a
 * Float, an array of Encodable (a list) or a plain object (a map with binary keys).
 */
export type Encodable =
  | number
  | bigint
  | boolean
  | string
  | null
  | undefined
  | Uint8Array
  | Atom
  | Float
  | Tuple
  | ImproperList
  | Opaque
  | readonly Encodable[]
  | ReadonlyMap<Encodable, Encodable>
  | { readonly [key: string]: Encodable };

/** The UTF-8 text of a binary (malformed UTF-8 throws). */
export function text(binary: Uint8Array): string;

/** The ETF bytes of `value` (a non-finite number throws). */
export function encode(value: Encodable): Uint8Array;

/** The value of ETF bytes; malformed or compressed input throws. */
export function decode(bytes: Uint8Array): Term;
