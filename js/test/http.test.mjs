// http.test.mjs — requests into Elixir (Beamwasm.HTTP): the handler of
// js/test/programs/http_app.ex answers the cases of http-cases.mjs on Node (the JS host's
// handleRequest) and under `beamwasm serve` (a real HTTP server on 127.0.0.1). The same
// cases run on workerd in workerd.test.mjs. Skipped when beamwasm is not built.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { repoRoot, here, capture } from './helpers.js';
import { instantiateNode } from '../src/node.js';
import { handleRequest } from '../src/http.js';
import { run } from './http-cases.mjs';

const beamwasm = path.join(repoRoot, 'target/release/beamwasm');
const skip = fs.existsSync(beamwasm) ? false : 'target/release/beamwasm is not built';
const source = path.join(here, 'programs/http_app.ex');

test('Node: the Elixir handler answers each request (handleRequest)', { skip }, async () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bw-http-')), 'app.wasm');
  execFileSync(beamwasm, ['build', '--entry', 'HttpApp.main', '-o', out, source], { stdio: ['ignore', 'ignore', 'inherit'] });
  const err = capture();
  const program = await instantiateNode(fs.readFileSync(out), { write: err.write });
  program.start([]);
  await program.idle();
  await run((method, p, { body, headers }) => handleRequest(program, new Request(`http://localhost:4000${p}`, { method, body, headers })), 'node');
  assert.match(err.text(2), /\*\* \(RuntimeError\) boom/, 'a handler that raised is reported on standard error');
  assert.match(err.text(2), /NotSentError/);
  // A WebSocket upgrade (Beamwasm.WebSocket.upgrade/2): only a Durable Object accepts one.
  const ws = await handleRequest(program, new Request('http://localhost:4000/socket', { headers: { upgrade: 'websocket' } }));
  assert.equal(ws.status, 501);
  assert.equal(await ws.text(), 'this host does not accept WebSockets (a Durable Object on workerd does)\n');
  const plain = await handleRequest(program, new Request('http://localhost:4000/socket'));
  assert.equal(plain.status, 500, 'upgrade/2 of a request that does not ask for it raises');
  assert.match(err.text(2), /does not ask for a WebSocket/);
});

test('beamwasm serve: the same handler behind a real HTTP server on 127.0.0.1', { skip, timeout: 180000 }, async (t) => {
  const child = spawn(beamwasm, ['serve', '--port', '0', '--entry', 'HttpApp.main', source], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`beamwasm serve did not start:\n${log}`)), 150000);
    child.stderr.on('data', (d) => {
      log += d;
      const m = log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`beamwasm serve exited (${code}):\n${log}`)));
  });
  t.after(() => child.kill('SIGTERM'));
  await run((method, p, { body, headers }) => fetch(url + p, { method, body, headers, signal: AbortSignal.timeout(10000) }), 'serve');
  const res = await fetch(url + '/hello/x');
  assert.equal(res.headers.get('content-length'), '8', 'a whole response has its length');
  // A WebSocket upgrade is refused with 501 (fetch cannot send `upgrade`: node:http can).
  const { default: http } = await import('node:http');
  const refused = await new Promise((resolve, reject) => {
    const req = http.get(url + '/socket', { headers: { connection: 'upgrade', upgrade: 'websocket' }, timeout: 10000 }, (r) => {
      let text = '';
      r.on('data', (d) => (text += d));
      r.on('end', () => resolve({ status: r.statusCode, text }));
    });
    req.on('upgrade', () => reject(new Error('beamwasm serve upgraded the connection')));
    req.on('error', reject);
  });
  assert.deepEqual(refused, { status: 501, text: 'beamwasm serve does not accept WebSockets (a Durable Object on workerd does)\n' });
  assert.match(log, /\*\* \(RuntimeError\) boom/);
});
