// sql_cast.test.mjs — castIntegers (workerd.js): workerd binds every number as a REAL, so the
// placeholders of integer parameters are cast back to INTEGER in the statement; placeholders
// in literals, quoted names and comments are not placeholders.

import test from 'node:test';
import assert from 'node:assert/strict';
import { castIntegers } from '../src/workerd.js';

test('placeholders of integers are cast, others left as they are', () => {
  assert.deepEqual(castIntegers('SELECT ? + 1, ?, ?', [7n, 1.5, 'x']), ['SELECT CAST(? AS INTEGER) + 1, ?, ?', [7, 1.5, 'x']]);
  assert.deepEqual(castIntegers('SELECT ?2, ?1, ?', [1n, 'b', 3n]), ['SELECT ?2, CAST(?1 AS INTEGER), CAST(? AS INTEGER)', [1, 'b', 3]]);
  assert.deepEqual(castIntegers("SELECT '?', \"a?\", [b?], `c?` -- ?\n, ? /* ? */", [5n]), ["SELECT '?', \"a?\", [b?], `c?` -- ?\n, CAST(? AS INTEGER) /* ? */", [5]]);
  assert.deepEqual(castIntegers('SELECT ?', ['no integers']), ['SELECT ?', ['no integers']]);
});

test('an integer beyond 2^53 is an error, not a rounded number', () => {
  assert.throws(() => castIntegers('SELECT ?', [2n ** 60n]), /beyond 2\^53/);
});
