// etf_vm.test.mjs — etf.js against the real VM: random JS values are encoded here, decoded
// and re-encoded by OTP's binary_to_term/term_to_binary, and decoded here again; the value
// must come back unchanged. Both directions are checked (our encoder against the VM's
// decoder, the VM's encoder against our decoder). Needs `erl` (scripts/bootstrap.sh).

import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { encode, decode, atom, tuple } from '../src/etf.js';

// A small deterministic generator (xorshift32), so a failure is reproducible by seed.
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

function randomValue(r, depth = 0) {
  const pick = Math.floor(r() * (depth > 3 ? 6 : 10));
  const int = (bits) => BigInt.asIntN(bits, BigInt(Math.floor(r() * 2 ** 32)) * 2n ** 32n + BigInt(Math.floor(r() * 2 ** 32)));
  switch (pick) {
    case 0: return Math.floor(r() * 256);
    case 1: return Math.floor((r() - 0.5) * 2 ** 40);
    case 2: { const v = int(64) * (r() < 0.5 ? 1n : int(64)) + 2n ** 80n; return r() < 0.5 ? v : -v; }
    case 3: return (r() - 0.5) * 10 ** Math.floor(r() * 30 - 15);
    case 4: return atom(['ok', 'error', 'héllo', 'nil', 'Elixir.Counter', ''][Math.floor(r() * 6)]);
    case 5: return new TextEncoder().encode(['', 'abc', 'snow ☃', '\u0000\u00ff'][Math.floor(r() * 4)]);
    case 6: return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    case 7: return tuple(...Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1)));
    case 8: return new Map(Array.from({ length: Math.floor(r() * 4) }, (_, i) => [i, randomValue(r, depth + 1)]));
    default: return r() < 0.5;
  }
}

const hex = (b) => Buffer.from(b).toString('hex');
const fromHex = (h) => new Uint8Array(Buffer.from(h, 'hex'));

test('300 random terms survive a round trip through the real VM', () => {
  const r = rng(20261124);
  const values = Array.from({ length: 300 }, () => randomValue(r));
  const script = `
    Lines = string:split(string:trim(io:get_chars("", 10000000)), "\\n", all),
    [io:format("~s~n", [binary:encode_hex(term_to_binary(binary_to_term(binary:decode_hex(list_to_binary(L)))))]) || L <- Lines],
    halt().`;
  const out = execFileSync('erl', ['-noshell', '-eval', script], { input: values.map((v) => hex(encode(v))).join('\n') + '\n', encoding: 'utf8' });
  const back = out.trim().split('\n');
  assert.equal(back.length, values.length);
  values.forEach((v, i) => assert.deepEqual(decode(fromHex(back[i].toLowerCase())), v, `value ${i}: ${hex(encode(v))} came back as ${back[i]}`));
});
