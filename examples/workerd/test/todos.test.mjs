// todos.test.mjs — the todos example (examples/workerd/todos/) end to end on a local
// workerd: the JSON API's routes, statuses and errors; rows in each list's own SQLite
// database; a batch POST that is all or nothing (a transaction); and the rows after a stop
// and restart of workerd. Then the same program under `beamwasm serve` (wasmtime, a SQLite
// file), as a user develops it before deploying. Bodies that are a program's output (a
// todo's JSON, an error's) are compared byte for byte with what the real VM gives
// (build/expected.json, written by scripts/js-examples.sh).

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWorkerd, requirePrograms, repoRoot } from './workerd-process.mjs';

requirePrograms('todos.wasm');
const expected = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples/workerd/build/expected.json'), 'utf8'));
const skip = expected.program === 'fixture' ? 'the stand-in fixture has no HTTP handler (Beamwasm.HTTP)' : false;
const config = 'examples/workerd/todos/config.capnp';

/** A request to the API; resolves to { status, headers, text, json }. */
async function api(wd, method, route, body) {
  const res = await fetch(wd.url + route, {
    method,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    signal: AbortSignal.timeout(15000),
  });
  const text = await res.text();
  let json;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    assert.fail(`${method} ${route}: the body is not JSON: ${text}\n${wd.log()}`);
  }
  if (text !== '') assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8', `${method} ${route}`);
  return { status: res.status, headers: res.headers, text, json };
}

test('todos: a JSON API in Elixir over SQL in a Durable Object; rows survive a restart of workerd', { skip, timeout: 180000 }, async (t) => {
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-todos-'));
  t.after(() => fs.rmSync(storageDir, { recursive: true, force: true }));
  const L = '/lists/home/todos';

  let wd = await startWorkerd(config, { storageDir, readyPath: '/lists/probe/todos' });
  try {
    assert.deepEqual((await api(wd, 'GET', L)).json, [], 'a new list is empty');

    // Created one by one: each body is the VM's JSON of the row; `location` names it.
    for (const [i, { title, body }] of expected.todos.todos.entries()) {
      const r = await api(wd, 'POST', L, { title });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.text, body, `the todo's JSON, as the VM encodes it: ${title}`);
      assert.equal(r.headers.get('location'), `${L}/${i + 1}`);
      assert.equal((await api(wd, 'GET', `${L}/${i + 1}`)).text, body);
    }

    // Bad bodies: the VM's status and error JSON, and nothing stored.
    for (const { body, status, json } of expected.todos.badPosts) {
      const r = await api(wd, 'POST', L, body);
      assert.equal(r.status, status, `POST ${body}: ${r.text}`);
      assert.equal(r.text, json, `POST ${body}`);
    }
    assert.equal((await api(wd, 'GET', L)).json.length, 3, 'no bad body stored a row');

    // A batch is one transaction: all rows or none.
    const batch = await api(wd, 'POST', L, [{ title: 'x1' }, { title: 'x2', done: true }]);
    assert.equal(batch.status, 201, batch.text);
    assert.deepEqual(batch.json, [{ id: 4, title: 'x1', done: false }, { id: 5, title: 'x2', done: true }]);

    // PATCH, GET with a filter, DELETE, and the errors of each.
    const patched = await api(wd, 'PATCH', `${L}/1`, { done: true, title: 'buy oat milk' });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual(patched.json, { id: 1, title: 'buy oat milk', done: true });
    assert.equal((await api(wd, 'PATCH', `${L}/99`, { done: true })).status, 404);
    assert.deepEqual((await api(wd, 'PATCH', `${L}/1`, {})).json, { error: 'nothing to change: give title or done' });
    assert.equal((await api(wd, 'PATCH', `${L}/1`, { done: 1 })).status, 422);
    assert.deepEqual((await api(wd, 'GET', `${L}?done=true`)).json.map((x) => x.id), [1, 5]);
    assert.deepEqual((await api(wd, 'GET', `${L}?done=false`)).json.map((x) => x.id), [2, 3, 4]);
    assert.equal((await api(wd, 'GET', `${L}?done=maybe`)).status, 422);
    assert.equal((await api(wd, 'DELETE', `${L}/4`)).status, 204);
    assert.equal((await api(wd, 'DELETE', `${L}/4`)).status, 404);
    assert.deepEqual((await api(wd, 'GET', `${L}/4`)).json, { error: 'no todo 4' });
    assert.equal((await api(wd, 'GET', `${L}/abc`)).status, 404);
    const put = await api(wd, 'PUT', `${L}/1`, { title: 'y' });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('allow'), 'GET, PATCH, DELETE');
    assert.equal((await api(wd, 'PUT', L)).headers.get('allow'), 'GET, POST, DELETE');
    assert.equal((await api(wd, 'GET', '/lists/home/elsewhere')).status, 404);

    // Another list is another object with its own database.
    assert.equal((await api(wd, 'POST', '/lists/work/todos', { title: 'ship it' })).json.id, 1);
    // Concurrent requests to one object: every POST gets its own row.
    const many = await Promise.all(Array.from({ length: 10 }, (_, i) => api(wd, 'POST', '/lists/work/todos', { title: `t${i}` })));
    assert.deepEqual(many.map((r) => r.json.id).sort((a, b) => a - b), Array.from({ length: 10 }, (_, i) => i + 2));
  } finally {
    await wd.stop();
  }

  const files = fs.readdirSync(path.join(storageDir, 'beamwasm-todos'));
  assert.ok(files.filter((f) => f.endsWith('.sqlite')).length >= 2, `one SQLite database per list: ${files}`);

  wd = await startWorkerd(config, { storageDir, readyPath: '/lists/probe/todos' });
  try {
    const home = (await api(wd, 'GET', L)).json;
    assert.deepEqual(home.map((x) => [x.id, x.done]), [[1, true], [2, false], [3, false], [5, true]], 'the rows after the restart');
    assert.equal((await api(wd, 'GET', `${L}/2`)).text, expected.todos.todos[1].body);
    assert.equal((await api(wd, 'GET', '/lists/work/todos')).json.length, 11);
    assert.deepEqual((await api(wd, 'DELETE', `${L}?done=true`)).json, { deleted: 2 });
    assert.equal((await api(wd, 'POST', L, { title: 'after restart' })).json.id, 6, 'ids go on from the stored ones');
    assert.doesNotMatch(wd.log(), /Uncaught|an HTTP handler failed|different request|never generate a response/);
  } finally {
    await wd.stop();
  }
});

/** Starts `beamwasm serve` on the todos program with its rows in `db`; resolves to its URL and stop(). */
async function startServe(db) {
  const { spawn } = await import('node:child_process');
  const dir = path.join(repoRoot, 'examples/workerd/todos');
  const child = spawn(beamwasm, ['serve', '--port', '0', '--sqlite', db, '--entry', 'Todos.main', 'todos.ex', '../json.ex'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const exited = new Promise((r) => child.once('exit', r));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`beamwasm serve did not start:\n${log}`)), 170000);
    const seen = (d) => {
      log += d;
      const m = log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => reject(new Error(`beamwasm serve exited (${code}):\n${log}`)));
  });
  return { url, log: () => log, stop: async () => (child.kill('SIGTERM'), await exited) };
}

const beamwasm = path.join(repoRoot, 'target/release/beamwasm');

test('todos under beamwasm serve (wasmtime, a SQLite file): the same program and answers as on workerd, rows kept across a restart', { skip: skip || (!fs.existsSync(beamwasm) && 'target/release/beamwasm is not built'), timeout: 400000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-todos-serve-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const db = path.join(dir, 'todos.db');
  const L = '/lists/home/todos';
  let srv = await startServe(db);
  try {
    for (const { title, body } of expected.todos.todos) {
      const r = await api(srv, 'POST', L, { title });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.text, body, `the todo's JSON, as the VM encodes it: ${title}`);
    }
    for (const { body, status, json } of expected.todos.badPosts) {
      const r = await api(srv, 'POST', L, body);
      assert.equal(r.status, status, `POST ${body}: ${r.text}`);
      assert.equal(r.text, json, `POST ${body}`);
    }
    assert.equal((await api(srv, 'POST', L, [{ title: 'x1' }, { title: 'x2', done: true }])).status, 201);
    assert.deepEqual((await api(srv, 'PATCH', `${L}/1`, { done: true })).json, { id: 1, title: 'buy milk', done: true });
    assert.equal((await api(srv, 'PUT', `${L}/1`, {})).headers.get('allow'), 'GET, PATCH, DELETE');
  } finally {
    await srv.stop();
  }
  srv = await startServe(db);
  try {
    assert.deepEqual((await api(srv, 'GET', `${L}?done=true`)).json.map((x) => x.id), [1, 5], 'the rows after the restart');
  } finally {
    await srv.stop();
  }
});
