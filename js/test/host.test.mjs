// host.test.mjs — the core host and the Node adapter against the host_probe.wat fixture:
// output order, arguments, exit status, timers and yields through the event loop, traps,
// deadlocks, every wired effect, and unwired effects raising in the program.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixture, capture } from './helpers.js';
import { instantiateNode, nodeEffects } from '../src/node.js';
import { instantiate, BeamwasmError, UnwiredEffectError, memoryFs, wiredNames } from '../src/index.js';

const probe = await fixture('host_probe.wat');

/** Runs the probe in `mode` with captured output; returns { result, out }. */
async function probeRun(args, overrides = {}) {
  const out = capture();
  const program = await instantiateNode(probe, { write: out.write, ...overrides });
  const result = await program.run(args);
  return { result, out };
}

test('stdout is buffered and flushed before each stderr write and at the end', async () => {
  const { result, out } = await probeRun(['hello']);
  assert.deepEqual(result, { status: 'halted', exitCode: 0 });
  assert.deepEqual(out.log, [[1, 'hello\n'], [2, 'warn\n'], [1, 'bye\n']]);
});

test('arguments arrive as UTF-8 and the exit status is the program\'s', async () => {
  const { out } = await probeRun(['args', 'a', 'é b', '']);
  assert.equal(out.text(1), 'a\né b\n\n');
  const { result } = await probeRun(['exit']);
  assert.deepEqual(result, { status: 'halted', exitCode: 3 });
  await assert.rejects(probeRun(['args', 'a\0b']), /contains NUL/);
});

test('timer waits sleep on the event loop, never busy-wait', async () => {
  let ticks = 0;
  const iv = setInterval(() => ticks++, 5);
  const t0 = performance.now();
  const { result, out } = await probeRun(['sleep']);
  clearInterval(iv);
  assert.equal(result.exitCode, 0);
  assert.equal(out.text(1), 'woke\n');
  assert.ok(performance.now() - t0 >= 58, 'two waits of 30 ms');
  assert.ok(ticks >= 4, `the event loop ran during the waits (${ticks} ticks)`);
});

test('a yielded time slice lets other tasks run before the next bw_run', async () => {
  let ran = 0;
  const out = capture();
  const program = await instantiateNode(probe, { write: (fd, b) => (out.write(fd, b), fd === 1 && assert.ok(ran > 0)) });
  setImmediate(() => ran++);
  assert.equal((await program.run(['yield'])).exitCode, 0);
  assert.equal(out.text(1), 'done\n');
});

test('a deadlock is reported, not waited on', async () => {
  const { result } = await probeRun(['deadlock']);
  assert.deepEqual(result, { status: 'deadlock' });
});

test('a trap becomes a BeamwasmError and stdout is flushed first', async () => {
  const out = capture();
  const program = await instantiateNode(probe, { write: out.write });
  await assert.rejects(program.run(['trap']), (e) => e instanceof BeamwasmError && /the module trapped: unreachable\n    at \? \(#\d+\)/.test(e.message));
  assert.deepEqual(out.log, [[1, 'hello\n']]);
});

test('large output arrives whole, in bounded chunks', async () => {
  const { out } = await probeRun(['big']);
  assert.equal(out.text(1), 'x'.repeat(200000) + '\n');
  assert.ok(out.log.length >= 3, 'flushed at the buffer limit');
  assert.ok(out.log.every(([, t]) => t.length <= 70000));
});

test('randomness comes from the platform', async () => {
  const a = (await probeRun(['random'])).out.log[0][1];
  const b = (await probeRun(['random'])).out.log[0][1];
  assert.notEqual(a, b);
});

test('clocks: monotonic and system, in nanoseconds', async () => {
  const bytes = [];
  const program = await instantiateNode(probe, { write: (fd, b) => bytes.push(...b) });
  const wall = BigInt(Date.now()) * 1000000n;
  const t0 = process.hrtime.bigint();
  await program.run(['clock']);
  const elapsed = process.hrtime.bigint() - t0;
  const dv = new DataView(Uint8Array.from(bytes).buffer);
  const mono = dv.getBigInt64(0, true);
  const sys = dv.getBigInt64(8, true);
  assert.ok(mono >= 0n && mono < elapsed + 1000000000n, `monotonic ${mono} ns counts from the host's start (as wasmtime's)`);
  const skew = sys > wall ? sys - wall : wall - sys;
  assert.ok(skew < 1000000000n, `system time within 1 s of Date.now (${skew} ns off)`);
});

test('environment: a variable or not_found', async () => {
  process.env.BW_TEST_VAR = 'ünïcode=1';
  assert.equal((await probeRun(['env'])).out.text(1), 'ünïcode=1');
  delete process.env.BW_TEST_VAR;
  assert.equal((await probeRun(['env'])).out.text(1), 'error:not_found');
});

test('files: the real file system on Node, POSIX error atoms', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-js-'));
  const file = path.join(dir, 'f.txt');
  assert.equal((await probeRun(['writefile', file, 'contents é'])).out.text(1), 'contents é');
  assert.equal(fs.readFileSync(file, 'utf8'), 'contents é');
  assert.equal((await probeRun(['file', path.join(dir, 'missing')])).out.text(1), 'error:enoent');
  assert.equal((await probeRun(['file', dir])).out.text(1), 'error:eisdir');
  assert.equal((await probeRun(['writefile', path.join(dir, 'no/such/dir'), 'x'])).out.text(1), 'error:enoent');
  fs.rmSync(dir, { recursive: true });
});

test('files: the in-memory file system gives the same answers', async () => {
  const mem = memoryFs({ '/data/seed.txt': 'seeded' });
  assert.equal((await probeRun(['file', '/data/seed.txt'], { fs: mem })).out.text(1), 'seeded');
  assert.equal((await probeRun(['file', 'data/seed.txt'], { fs: mem })).out.text(1), 'seeded');
  assert.equal((await probeRun(['writefile', '/data/new', 'abc'], { fs: mem })).out.text(1), 'abc');
  assert.equal((await probeRun(['file', '/data/new'], { fs: mem })).out.text(1), 'abc');
  assert.equal((await probeRun(['file', '/data'], { fs: mem })).out.text(1), 'error:eisdir');
  assert.equal((await probeRun(['file', '/nope'], { fs: mem })).out.text(1), 'error:enoent');
  assert.equal((await probeRun(['writefile', '/no/dir/f', 'x'], { fs: mem })).out.text(1), 'error:enoent');
  assert.deepEqual(mem.list('/data'), ['new', 'seed.txt']);
  assert.equal(mem.stat('/data').type, 'directory');
});

test('an unwired effect raises in the program, where Erlang code can catch it', async () => {
  const { result, out } = await probeRun(['unwired']);
  assert.equal(out.text(1), 'caught: teleport\n');
  assert.equal(result.exitCode, 0);
});

test('an uncaught unwired effect ends the run with an error', async () => {
  await assert.rejects(probeRun(['unwired!']), (e) => e instanceof BeamwasmError && /escaped/.test(e.message));
});

test('an effect the platform lacks is unwired, not faked', async () => {
  const out = capture();
  const program = await instantiateNode(probe, { write: out.write, randomFill: undefined });
  await assert.rejects(program.run(['random']), /escaped/);
  assert.equal(out.text(1), '', 'no made-up random bytes reached the output');
});

test('a module without bw_unwired gets an error naming the effect', async () => {
  const bytes = await fixture('no_unwired.wat');
  const program = await instantiateNode(bytes, { write: () => {} });
  await assert.rejects(program.run([]), (e) => e instanceof UnwiredEffectError && e.effect === 'teleport' && /bw\.teleport.*node host/.test(e.message));
});

test('imports outside "bw", or not functions, are refused with a clear message', async () => {
  await assert.rejects(instantiateNode(await fixture('foreign_import.wat'), {}), /imports env\.f; a beamwasm module imports only from "bw"/);
  await assert.rejects(instantiateNode(await fixture('global_import.wat'), {}), /imports bw\.g as a global/);
});

test('missing exports and missing effects are named', async () => {
  await assert.rejects(instantiateNode(await fixture('not_a_program.wat'), {}), /does not export bw_start/);
  await assert.rejects(instantiate(probe, { effects: { write() {} } }), /effects\.monotonicNs is required/);
});

test('Node wires output, clocks, randomness, environment, files and the host channel (HTTP)', () => {
  assert.deepEqual(wiredNames(nodeEffects()), [
    'backtrace', 'clock', 'crypto_hash', 'crypto_hmac', 'env_get', 'env_list', 'fd_close', 'fd_control', 'fd_pread', 'fd_pwrite', 'fd_read', 'fd_seek',
    'fd_stat', 'fd_write', 'file_chdir', 'file_chmod', 'file_cwd', 'file_delete', 'file_link', 'file_list', 'file_mkdir',
    'file_open', 'file_read', 'file_readlink', 'file_rename', 'file_rmdir', 'file_set_times', 'file_stat', 'file_write',
    'host_call', 'random', 'reply', 'write',
  ]);
});
