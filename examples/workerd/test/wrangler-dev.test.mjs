// wrangler-dev.test.mjs — the todos and chat examples under `wrangler dev --local`, as a user
// develops them, offline (wranglerOfflineEnv: no login, no metrics, no Request.cf fetch, no
// update check): requests answered in Elixir, objects calling each other, and state that
// survives a restart of `wrangler dev` (its --persist-to directory). Checked with no network
// at all: `unshare -n` (loopback only) around this test passes too (examples/workerd/README.md).

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWranglerDev, requirePrograms, repoRoot } from './workerd-process.mjs';

requirePrograms('todos.wasm', 'chat.wasm');
const expected = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples/workerd/build/expected.json'), 'utf8'));
const skip = expected.program === 'fixture' ? 'the stand-in fixture has no HTTP handler (Beamwasm.HTTP)' : false;

async function json(base, method, route, body, status) {
  const res = await fetch(base.url + route, { method, body: body && JSON.stringify(body), signal: AbortSignal.timeout(15000) });
  const text = await res.text();
  assert.equal(res.status, status, `${method} ${route}: ${text}\n${base.log()}`);
  return JSON.parse(text);
}

/** Runs `during` on one `wrangler dev`, stops it, and `after` on a second one with the same state. */
async function twice(t, example, readyPath, during, after) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bw-wrangler-dev-${example}-`));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const persistDir = path.join(dir, 'state');
  fs.mkdirSync(persistDir);
  for (const step of [during, after]) {
    const dev = await startWranglerDev(path.join(repoRoot, 'examples/workerd', example), { persistDir, readyPath });
    try {
      await step(dev);
    } finally {
      await dev.stop();
    }
  }
}

test('wrangler dev (offline): the todos API, its rows kept across a restart', { skip, timeout: 180000 }, async (t) => {
  const L = '/lists/dev/todos';
  await twice(
    t,
    'todos',
    '/lists/probe/todos',
    async (dev) => {
      assert.deepEqual(await json(dev, 'POST', L, { title: 'written under wrangler dev' }, 201), { id: 1, title: 'written under wrangler dev', done: false });
      assert.deepEqual(await json(dev, 'POST', L, [{ title: 'b' }, { title: '' }], 422), { error: 'todo 1: title must be a non-empty string' });
      assert.deepEqual(await json(dev, 'PATCH', `${L}/1`, { done: true }, 200), { id: 1, title: 'written under wrangler dev', done: true });
    },
    async (dev) => {
      assert.deepEqual(await json(dev, 'GET', L, undefined, 200), [{ id: 1, title: 'written under wrangler dev', done: true }]);
    },
  );
});

test('wrangler dev (offline): a room relays to the lobby object and to its WebSocket; history and presence kept across a restart', { skip, timeout: 180000 }, async (t) => {
  await twice(
    t,
    'chat',
    '/lobby',
    async (dev) => {
      assert.deepEqual(await json(dev, 'POST', '/rooms/dev/join', { user: 'ada' }, 200), { room: 'dev', online: ['ada'], relayed: true });
      // A WebSocket on the room gets the message posted over HTTP.
      const ws = new WebSocket(`${dev.url.replace(/^http/, 'ws')}/rooms/dev/live`);
      await new Promise((resolve, reject) => {
        ws.addEventListener('open', resolve, { once: true });
        ws.addEventListener('error', () => reject(new Error(`no WebSocket\n${dev.log()}`)), { once: true });
      });
      const frame = new Promise((resolve) => ws.addEventListener('message', (e) => resolve(e.data), { once: true }));
      assert.deepEqual(await json(dev, 'POST', '/rooms/dev/messages', { user: 'ada', text: 'hi' }, 201), { seq: 1, relayed: true });
      assert.deepEqual(JSON.parse(await frame), { seq: 1, user: 'ada', text: 'hi' });
      const closed = new Promise((resolve) => ws.addEventListener('close', (e) => resolve(e.code), { once: true }));
      ws.close(1000);
      assert.equal(await closed, 1000);
    },
    async (dev) => {
      assert.deepEqual(await json(dev, 'GET', '/rooms/dev/messages', undefined, 200), [{ seq: 1, user: 'ada', text: 'hi' }]);
      assert.deepEqual(await json(dev, 'GET', '/lobby', undefined, 200), { rooms: [{ room: 'dev', messages: 1, online: ['ada'], last: { user: 'ada', text: 'hi' } }] });
    },
  );
});
