// run_cli.test.mjs — bin/run.mjs, the runner behind `beamwasm run --engine node`: the
// program's stdout, stderr and exit status pass through; failures are `beamwasm: ...`, 1.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fixtureFile, here } from './helpers.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-run-'));
const probe = await fixtureFile('host_probe.wat', dir);
const runner = path.join(here, '../bin/run.mjs');
const run = (...args) => spawnSync(process.execPath, [runner, ...args], { encoding: 'utf8', env: { ...process.env, BW_TEST_VAR: 'from env' } });

test('stdout, stderr and the exit status are the program\'s', () => {
  const r = run(probe, 'hello');
  assert.deepEqual([r.stdout, r.stderr, r.status], ['hello\nbye\n', 'warn\n', 0]);
  assert.equal(run(probe, 'exit').status, 3);
  assert.equal(run(probe, 'args', '--flag', 'x y').stdout, '--flag\nx y\n');
  assert.equal(run(probe, 'env').stdout, 'from env');
});

test('big output through a pipe is complete', () => {
  const r = run(probe, 'big');
  assert.equal(r.stdout.length, 200001);
});

test('a deadlock, a trap and a missing file are reported with status 1', () => {
  const d = run(probe, 'deadlock');
  assert.deepEqual([d.stderr, d.status], ['beamwasm: every process is waiting for a message that can never arrive\n', 1]);
  const t = run(probe, 'trap');
  assert.equal(t.stdout, 'hello\n');
  assert.match(t.stderr, /^beamwasm: internal error, the module trapped: unreachable/);
  assert.equal(t.status, 1);
  const m = run(path.join(dir, 'missing.wasm'));
  assert.match(m.stderr, /^beamwasm: ENOENT/);
  assert.equal(m.status, 1);
  assert.equal(run().status, 2);
});

test('BEAMWASM_TIMING=1 reports compile and instantiate times', () => {
  const r = spawnSync(process.execPath, [runner, probe, 'hello'], { encoding: 'utf8', env: { ...process.env, BEAMWASM_TIMING: '1' } });
  assert.match(r.stderr, /beamwasm timing \(node v\d+[^)]*\): compile [\d.]+ ms, instantiate [\d.]+ ms, run [\d.]+ ms/);
});
