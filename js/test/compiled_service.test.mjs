// compiled_service.test.mjs — the runtime side of services and storage on a compiled
// program (js/test/programs/bw_service.erl, built with target/release/beamwasm): calls,
// replies, the exit of the called process, noproc, bw_send, and state kept in storage
// across instances. Skipped when the beamwasm binary has not been built.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { repoRoot, here, capture } from './helpers.js';
import { instantiateNode } from '../src/node.js';
import { memoryStorage } from '../src/index.js';
import { encode, decode, atom, tuple, text } from '../src/etf.js';

const beamwasm = path.join(repoRoot, 'target/release/beamwasm');
const skip = fs.existsSync(beamwasm) ? false : 'target/release/beamwasm is not built';

let module;
async function compiled() {
  if (!module) {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bw-service-')), 'bw_service.wasm');
    execFileSync(beamwasm, ['build', '--entry', 'bw_service.main', '-o', out, path.join(here, 'programs/bw_service.erl')], { stdio: ['ignore', 'ignore', 'ignore'] });
    module = await WebAssembly.compile(fs.readFileSync(out));
  }
  return module;
}

async function service(storage, out = capture()) {
  const program = await instantiateNode(await compiled(), { write: out.write, storage });
  program.start([]);
  assert.equal(await program.settle(), 2, 'an idle service waits (bw_run returned 2)');
  return program;
}
const call = async (program, term) => decode(await program.call('Elixir.Counter', encode(term)));

test('calls reach the registered process and resolve with gen_server replies', { skip }, async () => {
  const program = await service(memoryStorage());
  assert.equal(await call(program, 5), 5);
  assert.equal(await call(program, 3), 8);
  const echoed = await call(program, tuple(atom('echo'), [1, 'two', tuple(atom('three'), 2n ** 70n)]));
  assert.equal(echoed[0], 1);
  assert.equal(text(echoed[1]), 'two');
  assert.equal(echoed[2][0], atom('three'));
  assert.equal(echoed[2][1], 2n ** 70n);
});

test('the count survives a new instance through storage', { skip }, async () => {
  const storage = memoryStorage();
  const first = await service(storage);
  assert.equal(await call(first, 7), 7);
  const second = await service(storage);
  assert.equal(await call(second, 1), 8);
});

test('a call to a name nobody registered fails with noproc', { skip }, async () => {
  const program = await service(memoryStorage());
  assert.throws(() => program.call('Elixir.Nobody', encode(1)), /bw_call to Elixir.Nobody failed: noproc/);
});

test('the called process exiting before it replies rejects the call', { skip }, async () => {
  const program = await service(memoryStorage());
  await assert.rejects(program.call('Elixir.Counter', encode(atom('crash'))), /exited before replying/);
});

test('a reply the runtime cannot encode yet rejects the call, naming it', { skip }, async () => {
  const program = await service(memoryStorage());
  let err;
  try {
    err = await call(program, atom('self'));
  } catch (e) {
    err = e;
  }
  if (err instanceof Error) assert.match(err.message, /the reply could not be encoded/);
  else assert.equal(err[0], atom('pid'), 'pids encode (term_to_binary of a pid landed)');
  assert.equal(await call(program, 0), 0, 'the host process still answers');
});

test('bw_send delivers a plain message', { skip }, async () => {
  const out = capture();
  const program = await service(memoryStorage(), out);
  await program.send('Elixir.Counter', encode(tuple(atom('note'), 'hello')));
  assert.equal(out.text(1), 'note: hello\n');
});

test('without storage, the program fails naming the unwired effect', { skip }, async () => {
  const out = capture();
  const program = await instantiateNode(await compiled(), { write: out.write });
  const result = await program.run([]);
  assert.equal(result.exitCode, 1);
  assert.match(out.text(2), /unwired_host_effect, :storage_get/);
});
