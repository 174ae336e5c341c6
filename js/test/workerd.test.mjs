// workerd.test.mjs — the JS host driving a compiled GenServer with a recurring timer on a
// local workerd (js/test/workerd/): calls started together inside a Durable Object and in a
// stateless Worker's kept instance all get replies; the object's start is not held up by its
// timer (blockConcurrencyWhile waits for idle, not for the end); the timer keeps ticking
// between requests. Skipped when beamwasm or workerd is missing.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { repoRoot, here } from './helpers.js';
import { workerdBin } from '../../examples/workerd/test/workerd-process.mjs';
import { build, start } from './workerd-programs.mjs';
import { run } from './http-cases.mjs';

const beamwasm = path.join(repoRoot, 'target/release/beamwasm');
const skip = !fs.existsSync(beamwasm) ? 'target/release/beamwasm is not built' : !fs.existsSync(workerdBin) ? 'workerd is not installed' : false;

/** The output of `Module.main()` from `src` on the real VM. */
function onVm(src, expr) {
  const ebin = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-vm-'));
  execFileSync('elixirc', ['-o', ebin, path.join(here, 'programs', src)], { stdio: ['ignore', 'ignore', 'inherit'] });
  return execFileSync('elixir', ['-pa', ebin, '-e', expr], { encoding: 'utf8' });
}

test('workerd: Promise.all of calls, and a recurring timer, in a Durable Object and a Worker', { skip, timeout: 120000 }, async (t) => {
  build();
  const wd = await start(t);
  const get = async (p) => {
    const res = await fetch(wd.url + p, { signal: AbortSignal.timeout(10000) });
    assert.equal(res.status, 200, `${p}: ${await res.clone().text()}\n${wd.log()}`);
    return res.json();
  };
  const ones = (n) => Array.from({ length: n }, (_, i) => i + 1);
  const { replies } = await get('/object/many?n=50');
  assert.deepEqual(replies.sort((a, b) => a - b), ones(50));
  const first = (await get('/object/ticks')).ticks;
  await new Promise((r) => setTimeout(r, 200));
  const second = (await get('/object/ticks')).ticks;
  assert.ok(second >= first + 5, `the object's timer ticked between requests: ${first} then ${second}`);

  const w1 = (await get('/worker/many?n=30')).replies;
  assert.deepEqual(w1.sort((a, b) => a - b), ones(30));
  const w2 = (await get('/worker/many?n=5')).replies;
  assert.deepEqual(w2.sort((a, b) => a - b), [31, 32, 33, 34, 35], 'the Worker kept its instance');
  const concurrent = await Promise.all([get('/worker/many?n=10'), get('/worker/many?n=10'), get('/object/many?n=10')]);
  assert.equal(new Set([...concurrent[0].replies, ...concurrent[1].replies]).size, 20, 'concurrent requests to the Worker share one instance');
  assert.doesNotMatch(wd.log(), /different request|Uncaught|never generate a response/, 'workerd reported no cross-request promise');
});

test("workerd: digests through node:crypto equal the VM's, SHA-3 and BLAKE2, which workerd lacks, raise notsup", { skip, timeout: 120000 }, async (t) => {
  build();
  const wd = await start(t);
  const res = await fetch(`${wd.url}/digests`, { signal: AbortSignal.timeout(10000) });
  assert.equal(res.status, 200, await res.clone().text());
  const { exitCode, stdout } = await res.json();
  assert.equal(exitCode, 0);
  const vm = onVm('digests.ex', 'Digests.main()').trimEnd().split('\n');
  const got = stdout.trimEnd().split('\n');
  assert.equal(got.length, vm.length);
  const lacking = /^(sha3_|blake2)/;
  for (let i = 0; i < vm.length; i++) {
    if (lacking.test(vm[i])) assert.match(got[i], /^\S+ \S+ error \*\* \(ErlangError\) Erlang error: :notsup$/, got[i]);
    else assert.equal(got[i], vm[i]);
  }
  assert.ok(got.filter((l) => !/error/.test(l)).length >= 13, 'sha, sha2, md5 and the streamed digest ran');
});

test('workerd: the Elixir HTTP handler answers in a Worker (one instance kept) and in a Durable Object', { skip, timeout: 120000 }, async (t) => {
  build();
  const wd = await start(t);
  for (const where of ['worker', 'object']) {
    await run((method, p, { body, headers }) => fetch(wd.url + p, { method, body, headers: { ...headers, 'x-route': where }, signal: AbortSignal.timeout(10000) }), where);
  }
  assert.match(wd.log(), /\*\* \(RuntimeError\) boom/, 'the failure of a handler is reported');
});
