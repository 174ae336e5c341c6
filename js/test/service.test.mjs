// service.test.mjs — calls and messages to a registered process (bw_call, bw_send, bw.reply)
// and the storage effect, against the counter service of host_probe.wat.

import test from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from './helpers.js';
import { instantiateNode } from '../src/node.js';
import { BeamwasmError, memoryStorage } from '../src/index.js';
import { encode, decode, atom } from '../src/etf.js';

const probe = await fixture('host_probe.wat');

async function service(storage) {
  const program = await instantiateNode(probe, { write: () => {}, storage });
  program.start(['service']);
  assert.equal(await program.settle(), 2, 'an idle service waits (bw_run returned 2)');
  return program;
}
const add = async (program, n) => decode(await program.call('Elixir.Counter', encode(n)));

test('a call delivers the request and resolves with the reply', async () => {
  const program = await service(memoryStorage());
  assert.equal(await add(program, 5), 5);
  assert.equal(await add(program, 3), 8);
  assert.equal(await add(program, 0), 8);
});

test('state in storage survives a new instance', async () => {
  const storage = memoryStorage();
  const first = await service(storage);
  await add(first, 40);
  await add(first, 2);
  const second = await service(storage);
  assert.equal(await add(second, 0), 42);
  assert.equal(storage.size(), 1);
});

test('a reply that comes after a timer', async () => {
  const program = await service(memoryStorage());
  await add(program, 7);
  const t0 = performance.now();
  assert.equal(await add(program, 254), 7);
  assert.ok(performance.now() - t0 >= 18, 'the reply waited for the 20 ms timer');
});

test('a process that exits before replying rejects the call with its reason', async () => {
  const program = await service(memoryStorage());
  await assert.rejects(program.call('Elixir.Counter', encode(253)), (e) => e instanceof BeamwasmError && /exited before replying/.test(e.message) && decode(e.exitReason) === atom('boom'));
  assert.equal(await add(program, 1), 1, 'the service goes on');
});

test('errors of bw_call name the cause', async () => {
  const program = await service(memoryStorage());
  assert.throws(() => program.call('nobody', encode(1)), /bw_call to nobody failed: noproc/);
  assert.throws(() => program.call('Elixir.Counter', encode('not a small int')), /failed: badarg/);
});

test('a message sent with bw_send runs to completion', async () => {
  const program = await service(memoryStorage());
  assert.equal(await program.send('Elixir.Counter', encode(4)), 2);
  assert.equal(await add(program, 0), 4);
});

test('a plain program is not a service', async () => {
  const program = await instantiateNode(await fixture('no_unwired.wat'), { write: () => {} });
  program.start([]);
  assert.throws(() => program.call('Elixir.Counter', encode(1)), /does not export bw_call/);
});

test('without a storage effect, storage is unwired', async () => {
  const program = await instantiateNode(probe, { write: () => {} });
  assert.throws(() => program.start(['service']), /escaped/);
});
