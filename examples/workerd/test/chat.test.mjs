// chat.test.mjs — the chat example (examples/workerd/chat/) end to end on a local workerd:
// one Durable Object per room and one lobby object, whose Elixir processes message each
// other over Workers RPC (Beamwasm.Object): each room's process relays joins, leaves and
// messages to the lobby's process with GenServer.call, and the lobby casts announcements to
// every room's process. A long poll waits in the room's process for the next message; a
// WebSocket on a room gets each new message, and posts the frames sent on it. Room histories and the lobby's presence survive a stop and restart
// of workerd. A room's history is compared byte for byte with the VM's JSON of it
// (build/expected.json, written by scripts/js-examples.sh).

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWorkerd, requirePrograms, repoRoot } from './workerd-process.mjs';

requirePrograms('chat.wasm');
const expected = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples/workerd/build/expected.json'), 'utf8'));
const skip = expected.program === 'fixture' ? 'the stand-in fixture has no HTTP handler (Beamwasm.HTTP)' : false;
const config = 'examples/workerd/chat/config.capnp';

/** A WebSocket on the room's live route; `next()` resolves to its next text frame. */
async function live(wd, room) {
  const ws = new WebSocket(`${wd.url.replace(/^http/, 'ws')}/rooms/${room}/live`);
  const frames = [];
  const waiters = [];
  ws.addEventListener('message', (e) => (waiters.length ? waiters.shift()(e.data) : frames.push(e.data)));
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('error', () => reject(new Error(`the WebSocket to ${room} did not open\n${wd.log()}`)), { once: true });
  });
  const next = () =>
    frames.length
      ? Promise.resolve(frames.shift())
      : new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no frame within 10 s\n${wd.log()}`)), 10000);
          waiters.push((d) => (clearTimeout(timer), resolve(d)));
        });
  const close = () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the WebSocket did not close within 10 s\n${wd.log()}`)), 10000);
      ws.addEventListener('close', (e) => (clearTimeout(timer), resolve(e.code)), { once: true });
      ws.close(1000);
    });
  return { ws, next, close };
}

async function api(wd, method, route, body) {
  const res = await fetch(wd.url + route, {
    method,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(15000),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: JSON.parse(text) };
}

test('chat: rooms relay to the lobby object and the lobby to the rooms; history and presence survive a restart', { skip, timeout: 180000 }, async (t) => {
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-chat-'));
  t.after(() => fs.rmSync(storageDir, { recursive: true, force: true }));
  const ok = async (wd, method, route, body, status = 200) => {
    const r = await api(wd, method, route, body);
    assert.equal(r.status, status, `${method} ${route}: ${r.text}\n${wd.log()}`);
    return r;
  };

  const last = expected.chat.messages.at(-1);

  let wd = await startWorkerd(config, { storageDir, readyPath: '/lobby' });
  try {
    assert.deepEqual((await ok(wd, 'GET', '/lobby')).json, { rooms: [] });

    // Joins: the room answers with its members; the lobby learned them from the room.
    assert.deepEqual((await ok(wd, 'POST', '/rooms/general/join', { user: 'ada' })).json, { room: 'general', online: ['ada'], relayed: true });
    assert.deepEqual((await ok(wd, 'POST', '/rooms/general/join', { user: 'grace' })).json.online, ['ada', 'grace']);
    await ok(wd, 'POST', '/rooms/random/join', { user: 'linus' });

    // Messages: stored by the room's process, relayed to the lobby's.
    for (const [i, { user, text }] of expected.chat.messages.entries()) {
      assert.deepEqual((await ok(wd, 'POST', '/rooms/general/messages', { user, text }, 201)).json, { seq: i + 1, relayed: true });
    }
    const history = await ok(wd, 'GET', '/rooms/general/messages');
    assert.equal(history.text, expected.chat.history, "the room's history, as the VM encodes it");
    assert.deepEqual((await ok(wd, 'GET', '/rooms/general/messages?since=1')).json.map((m) => m.seq), [2]);
    assert.deepEqual((await ok(wd, 'GET', '/rooms/random/messages')).json, [], 'each room is its own object');

    assert.deepEqual((await ok(wd, 'GET', '/lobby')).json, {
      rooms: [
        { room: 'general', messages: 2, online: ['ada', 'grace'], last: { user: last.user, text: last.text } },
        { room: 'random', messages: 0, online: ['linus'], last: null },
      ],
    });
    await ok(wd, 'POST', '/rooms/general/leave', { user: 'grace' });

    // The lobby messages every room's process (casts to other objects).
    assert.deepEqual((await ok(wd, 'POST', '/lobby/announce', { text: 'maintenance at noon' }, 202)).json, { rooms: 2 });
    const announced = async (room) => (await ok(wd, 'GET', `/rooms/${room}/messages`)).json.filter((m) => m.user === 'lobby').map((m) => m.text);
    for (let i = 0; i < 100 && (await announced('random')).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(await announced('general'), ['maintenance at noon']);
    assert.deepEqual(await announced('random'), ['maintenance at noon']);

    // A long poll waits in the room's process for the next message, posted by another request.
    const t0 = Date.now();
    const poll = api(wd, 'GET', '/rooms/general/messages?since=3&wait=10000');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await ok(wd, 'POST', '/rooms/general/messages', { user: 'ada', text: 'are you there?' }, 201)).json.seq, 4);
    const polled = await poll;
    assert.equal(polled.status, 200, polled.text);
    assert.deepEqual(polled.json, [{ seq: 4, user: 'ada', text: 'are you there?' }]);
    assert.ok(Date.now() - t0 < 8000, 'the poll was answered by the post, not by its timeout');
    // With nothing new, it answers [] when its wait is over (a timer of the room's process).
    const t1 = Date.now();
    assert.deepEqual((await ok(wd, 'GET', '/rooms/general/messages?since=4&wait=400')).json, []);
    assert.ok(Date.now() - t1 >= 350, `waited ${Date.now() - t1} ms`);

    // A WebSocket on the room: each new message arrives on it, from an HTTP POST or from a
    // frame sent on another socket, which the room's process posts as its own.
    const [a, b] = [await live(wd, 'general'), await live(wd, 'general')];
    assert.deepEqual((await ok(wd, 'POST', '/rooms/general/messages', { user: 'grace', text: 'over http' }, 201)).json.seq, 5);
    assert.deepEqual(JSON.parse(await a.next()), { seq: 5, user: 'grace', text: 'over http' });
    assert.deepEqual(JSON.parse(await b.next()), { seq: 5, user: 'grace', text: 'over http' });
    b.ws.send(JSON.stringify({ user: 'linus', text: 'over a socket ✓' }));
    assert.deepEqual(JSON.parse(await a.next()), { seq: 6, user: 'linus', text: 'over a socket ✓' });
    assert.deepEqual(JSON.parse(await b.next()), { seq: 6, user: 'linus', text: 'over a socket ✓' });
    b.ws.send('not json');
    assert.deepEqual(JSON.parse(await b.next()), { error: 'a frame is {"user": "...", "text": "..."}' });
    // Closed by the client: the object answers the closing handshake.
    assert.deepEqual(await Promise.all([a.close(), b.close()]), [1000, 1000]);
    assert.equal((await api(wd, 'GET', '/rooms/general/live')).status, 426, 'live without an upgrade');

    // Errors.
    assert.equal((await api(wd, 'GET', '/rooms/general/messages?wait=-1')).status, 422);
    assert.equal((await api(wd, 'POST', '/rooms/general/messages', { user: 'ada' })).status, 422);
    assert.equal((await api(wd, 'POST', '/rooms/general/messages', '{"user":')).status, 400);
    assert.equal((await api(wd, 'GET', '/rooms/general/join')).status, 405);
    assert.equal((await api(wd, 'DELETE', '/rooms/general/messages')).headers.get('allow'), 'GET, POST');
    assert.equal((await api(wd, 'GET', '/rooms/general/nowhere')).status, 404);
    assert.equal((await api(wd, 'GET', '/elsewhere')).status, 404);

    // Messages posted together to several rooms, each relayed to the one lobby.
    const posts = await Promise.all(Array.from({ length: 12 }, (_, i) => ok(wd, 'POST', `/rooms/r${i % 3}/messages`, { user: 'bot', text: `m${i}` }, 201)));
    assert.ok(posts.every((r) => r.json.relayed === true), 'every message reached the lobby');
    const rooms = (await ok(wd, 'GET', '/lobby')).json.rooms;
    assert.deepEqual(rooms.filter((r) => r.room.startsWith('r') && r.room !== 'random').map((r) => [r.room, r.messages]), [['r0', 4], ['r1', 4], ['r2', 4]]);
    assert.doesNotMatch(wd.log(), /Uncaught|an HTTP handler failed|different request|never generate a response/);
  } finally {
    await wd.stop();
  }

  wd = await startWorkerd(config, { storageDir, readyPath: '/lobby' });
  try {
    const general = (await ok(wd, 'GET', '/rooms/general/messages')).json;
    assert.deepEqual(general.map((m) => m.seq), [1, 2, 3, 4, 5, 6], "the room's history after the restart");
    assert.equal(JSON.stringify(general.slice(0, 2)), expected.chat.history);
    const lobby = (await ok(wd, 'GET', '/lobby')).json.rooms;
    assert.deepEqual(lobby.find((r) => r.room === 'general'), { room: 'general', messages: 5, online: ['ada'], last: { user: 'linus', text: 'over a socket ✓' } }, "the lobby's presence after the restart");
    // Both sides of the relay work after the restart.
    assert.deepEqual((await ok(wd, 'POST', '/rooms/general/messages', { user: 'ada', text: 'back' }, 201)).json, { seq: 7, relayed: true });
    assert.equal((await ok(wd, 'GET', '/lobby')).json.rooms.find((r) => r.room === 'general').messages, 6);
    assert.doesNotMatch(wd.log(), /Uncaught|an HTTP handler failed|different request|never generate a response/);
  } finally {
    await wd.stop();
  }
});
