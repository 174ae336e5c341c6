// etf.test.mjs — the JS external term format codec against bytes written by OTP 25's
// term_to_binary/1, and round trips.

import test from 'node:test';
import assert from 'node:assert/strict';
import { encode, decode, atom, tuple, text, Tuple, ImproperList, Opaque } from '../src/etf.js';

const b = (...xs) => Uint8Array.from(xs);

test('decodes what the VM writes', () => {
  // term_to_binary({ok, [1,2], <<"hi">>, -5, 300, 1.5, #{a => 1}})
  const v = decode(b(131, 104, 7, 100, 0, 2, 111, 107, 107, 0, 2, 1, 2, 109, 0, 0, 0, 2, 104, 105, 98, 255, 255, 255, 251, 98, 0, 0, 1, 44, 70, 63, 248, 0, 0, 0, 0, 0, 0, 116, 0, 0, 0, 1, 100, 0, 1, 97, 97, 1));
  assert.ok(v instanceof Tuple);
  assert.equal(v[0], atom('ok'));
  assert.deepEqual(v[1], [1, 2]);
  assert.equal(text(v[2]), 'hi');
  assert.deepEqual(Array.from(v.slice(3, 6)), [-5, 300, 1.5]);
  assert.equal(v[6].get(atom('a')), 1);
  assert.equal(decode(b(131, 110, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 64)), -(2n ** 70n)); // -(1 bsl 70)
  const improper = decode(b(131, 108, 0, 0, 0, 1, 100, 0, 1, 97, 100, 0, 1, 98)); // [a|b]
  assert.ok(improper instanceof ImproperList);
  assert.deepEqual([improper.items, improper.tail], [[atom('a')], atom('b')]);
  assert.deepEqual(decode(b(131, 107, 0, 3, 97, 98, 99)), [97, 98, 99]); // "abc"
});

test('round trips', () => {
  const values = [0, 255, 256, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53 - 1, -(2n ** 64n), 2n ** 2100n, 1.5, -0.25, true, false, atom('héllo'), [], [1, [2, [3]]], tuple(), tuple(1, new Uint8Array([120]))];
  for (const v of values) assert.deepEqual(decode(encode(v)), v);
  assert.equal(text(decode(encode('snow ☃'))), 'snow ☃');
  assert.equal(decode(encode(null)), atom('nil'));
  const m = decode(encode(new Map([[atom('k'), 1], [2, [3]]])));
  assert.deepEqual([...m], [[atom('k'), 1], [2, [3]]]);
  const big = tuple(...Array.from({ length: 300 }, (_, i) => i));
  assert.deepEqual(decode(encode(big)), big);
});

test('encodes as the VM decodes: integers in their smallest form', () => {
  assert.deepEqual(encode(5), b(131, 97, 5));
  assert.deepEqual(encode(-5), b(131, 98, 255, 255, 255, 251));
  assert.deepEqual(encode(2 ** 31), b(131, 110, 4, 0, 0, 0, 0, 128));
  assert.deepEqual(encode(atom('ok')), b(131, 119, 2, 111, 107));
});

test('opaque terms (pids) are carried unchanged', () => {
  // a NEW_PID_EXT: node 'nonode@nohost', id 80, serial 0, creation 0
  const pid = b(131, 88, 100, 0, 13, ...new TextEncoder().encode('nonode@nohost'), 0, 0, 0, 80, 0, 0, 0, 0, 0, 0, 0, 0);
  const v = decode(pid);
  assert.ok(v instanceof Opaque);
  assert.deepEqual(encode(v), pid);
});

test('malformed input is an error', () => {
  assert.throws(() => decode(b(130, 97, 1)), /version byte/);
  assert.throws(() => decode(b(131, 98, 0, 0)), /truncated/);
  assert.throws(() => decode(b(131, 97, 1, 0)), /after the term/);
  assert.throws(() => decode(b(131, 80, 0, 0, 0, 1)), /compressed/);
  assert.throws(() => decode(b(131, 200)), /unknown tag 200/);
  assert.throws(() => encode(NaN), /not an Erlang float/);
});
