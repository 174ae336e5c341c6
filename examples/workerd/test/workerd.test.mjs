// workerd.test.mjs — the workerd examples, end to end on a local workerd:
//   hello:   HTTP requests answered by the Elixir handler of one kept program instance;
//   counter: a Durable Object whose requests the Elixir handler answers with its counter
//            GenServer, whose state survives a stop and restart of workerd, per object.
// Needs the programs from scripts/js-examples.sh and workerd from scripts/bootstrap.sh.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWorkerd, requirePrograms, repoRoot, wranglerOfflineEnv } from './workerd-process.mjs';

requirePrograms('hello.wasm', 'counter.wasm', 'todos.wasm', 'chat.wasm');
const expected = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples/workerd/build/expected.json'), 'utf8'));

test('hello: requests are handled by the Elixir handler in one kept instance', { skip: expected.program === 'fixture' ? 'the stand-in fixture has no HTTP handler (Beamwasm.HTTP)' : false }, async (t) => {
  const wd = await startWorkerd('examples/workerd/hello/config.capnp');
  t.after(() => wd.stop());
  for (const { args, stdout } of expected.hello) {
    const q = args.map((a) => `arg=${encodeURIComponent(a)}`).join('&');
    const res = await fetch(`${wd.url}/?${q}`);
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(await res.text(), stdout);
  }
  const all = await Promise.all(Array.from({ length: 30 }, () => fetch(`${wd.url}/?arg=x`).then((r) => r.text())));
  assert.ok(all.every((t) => t.startsWith('Hello, x!\n')), 'concurrent requests');
  assert.equal((await fetch(`${wd.url}/elsewhere`)).status, 404);
  const bench = await (await fetch(`${wd.url}/bench/instantiate?n=20`)).json();
  assert.equal(bench.n, 20);
  assert.ok(bench.msPerInstance >= 0);
});

test('counter: requests answered in Elixir; Durable Object state survives a restart of workerd', { skip: expected.program === 'fixture' ? 'the stand-in fixture has no HTTP handler (Beamwasm.HTTP)' : false }, async (t) => {
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-do-'));
  t.after(() => fs.rmSync(storageDir, { recursive: true, force: true }));
  const add = async (wd, name, n) => {
    const res = await fetch(`${wd.url}/counter/${name}/add?n=${n}`, { method: 'POST' });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()).count;
  };
  const get = async (wd, name) => (await (await fetch(`${wd.url}/counter/${name}`)).json()).count;

  let wd = await startWorkerd('examples/workerd/counter/config.capnp', { storageDir, readyPath: '/counter/probe' });
  try {
    assert.equal(await get(wd, 'alpha'), 0, 'a new object starts at 0');
    assert.equal(await add(wd, 'alpha', 5), 5);
    assert.equal(await add(wd, 'alpha', 7), 12);
    assert.equal(await add(wd, 'beta', 30), 30);
    assert.equal(await get(wd, 'alpha'), 12, 'objects keep separate state');
  } finally {
    await wd.stop();
  }
  assert.ok(fs.readdirSync(path.join(storageDir, 'beamwasm-counter')).some((f) => f.endsWith('.sqlite')), 'SQLite files on disk');

  wd = await startWorkerd('examples/workerd/counter/config.capnp', { storageDir, readyPath: '/counter/probe' });
  try {
    assert.equal(await get(wd, 'alpha'), 12, 'alpha after the restart');
    assert.equal(await get(wd, 'beta'), 30, 'beta after the restart');
    assert.equal(await add(wd, 'alpha', 1), 13);
    const concurrent = await Promise.all(Array.from({ length: 20 }, () => add(wd, 'gamma', 1)));
    assert.deepEqual(concurrent.sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1), 'concurrent calls are serialized');
    const bad = await fetch(`${wd.url}/counter/alpha/add?n=x`, { method: 'POST' });
    assert.equal(bad.status, 400);
  } finally {
    await wd.stop();
  }
});

test('wrangler bundles every example for deployment (deploy --dry-run, offline)', async () => {
  const { execFileSync } = await import('node:child_process');
  const wrangler = path.join(repoRoot, 'js/node_modules/wrangler/bin/wrangler.js');
  for (const ex of ['hello', 'counter', 'todos', 'chat']) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), `bw-wrangler-${ex}-`));
    const log = execFileSync(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', out], {
      cwd: path.join(repoRoot, 'examples/workerd', ex),
      env: wranglerOfflineEnv(out),
      encoding: 'utf8',
      timeout: 120000,
    });
    assert.match(log, /--dry-run: exiting now/);
    if (ex === 'counter') assert.match(log, /env\.COUNTER \(CounterObject\)\s+Durable Object/);
    if (ex === 'todos') assert.match(log, /env\.TODOS \(TodoList\)\s+Durable Object/);
    if (ex === 'chat') assert.match(log, /env\.ROOMS \(Room\)\s+Durable Object[\s\S]*env\.LOBBY \(Lobby\)\s+Durable Object/);
    const files = fs.readdirSync(out);
    assert.ok(files.includes('worker.js') && files.some((f) => f.endsWith(`${ex}.wasm`)), `bundle: ${files}`);
    fs.rmSync(out, { recursive: true, force: true });
  }
});
