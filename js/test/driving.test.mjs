// driving.test.mjs — how the host drives the scheduler for a service, on a compiled
// GenServer with a recurring timer (js/test/programs/ticker.ex): many calls started in the
// same turn all get their replies; a service with a pending timer is idle (and `settle()`
// would never end); timers keep firing between calls with `keepDriving`. Skipped when the
// beamwasm binary has not been built.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { repoRoot, here, capture } from './helpers.js';
import { instantiateNode } from '../src/node.js';
import { TIMER } from '../src/index.js';
import { encode, decode, atom, tuple } from '../src/etf.js';

const beamwasm = path.join(repoRoot, 'target/release/beamwasm');
const skip = fs.existsSync(beamwasm) ? false : 'target/release/beamwasm is not built';

let module;
async function compiled() {
  if (!module) {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bw-ticker-')), 'ticker.wasm');
    execFileSync(beamwasm, ['build', '--entry', 'Ticker.main', '-o', out, path.join(here, 'programs/ticker.ex')], { stdio: ['ignore', 'ignore', 'inherit'] });
    module = await WebAssembly.compile(fs.readFileSync(out));
  }
  return module;
}

async function ticker() {
  const program = await instantiateNode(await compiled(), { write: capture().write });
  program.start([]);
  assert.equal(await program.idle(), TIMER, 'idle with its tick timer pending');
  return program;
}
const call = async (program, term) => decode(await program.call('Elixir.Ticker', encode(term)));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('calls started in the same turn all get their replies (Promise.all)', { skip }, async () => {
  const program = await ticker();
  const replies = await Promise.all(Array.from({ length: 50 }, () => call(program, tuple(atom('add'), 1))));
  assert.deepEqual(replies.sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i + 1));
  const again = await Promise.all([call(program, tuple(atom('add'), 10)), call(program, tuple(atom('add'), 100))]);
  assert.deepEqual(again.sort((a, b) => a - b), [60, 160]);
});

test('calls whose replies wait for timers, started together, resolve in timer order', { skip }, async () => {
  const program = await ticker();
  const order = [];
  const later = (ms, v) => call(program, tuple(atom('later'), ms, v)).then((r) => (order.push(r), r));
  const replies = await Promise.all([later(300, 'c'), later(10, 'a'), later(150, 'b'), call(program, tuple(atom('add'), 7))]);
  assert.equal(replies[3], 7);
  assert.deepEqual(order.map((b) => new TextDecoder().decode(b)), ['a', 'b', 'c']);
});

test('a service with a recurring timer is idle, not settled, and its timers fire between calls', { skip }, async () => {
  const program = await ticker();
  program.keepDriving();
  const first = await call(program, atom('ticks'));
  await sleep(120);
  const second = await call(program, atom('ticks'));
  assert.ok(second >= first + 5, `the timer kept firing with no call waiting: ${first} then ${second}`);
  program.keepDriving(false);
});

test('without keepDriving, timers fire when the next call drives the scheduler', { skip }, async () => {
  const program = await ticker();
  const first = await call(program, atom('ticks'));
  await sleep(60);
  // The tick that was due fires (late) on the next drive. The call's message was queued
  // before the timer's, so the tick shows in the answer to the call after it.
  await call(program, atom('ticks'));
  const second = await call(program, atom('ticks'));
  assert.ok(second > first, `${first} then ${second}`);
});
