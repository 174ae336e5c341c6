// http-cases.mjs — the requests every host must answer alike for the HTTP handler of
// js/test/programs/http_app.ex (Beamwasm.HTTP, Beamwasm.Conn): Node (handleRequest),
// `beamwasm serve`, and workerd (a Worker and a Durable Object). `run(send)` sends each
// with `send(method, path, { body, headers })` (resolving to a fetch Response) and checks it.

import assert from 'node:assert/strict';

export const cases = [
  { method: 'GET', path: '/hello/ada', status: 200, text: 'hello ada\n', headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'max-age=0, private, must-revalidate' } },
  { method: 'POST', path: '/echo', body: 'some body, ünïcode', status: 201, text: 'some body, ünïcode', headers: { 'x-method': 'POST' } },
  { method: 'GET', path: '/query?b=2&a=1&c=x%20y', status: 200, text: '[{"a", "1"}, {"b", "2"}, {"c", "x y"}]' },
  { method: 'GET', path: '/headers', reqHeaders: { 'x-test': 't1' }, status: 200, text: 't1' },
  { method: 'PUT', path: '/conn/a/b?q=1', status: 200, text: 'PUT /conn/a/b q=1 ["conn", "a", "b"] http' },
  { method: 'GET', path: '/stream', status: 200, text: 'chunk 1\nchunk 2\nchunk 3\n' },
  { method: 'GET', path: '/later/30', status: 200, text: 'after 30 ms\n' },
  { method: 'GET', path: '/crash', status: 500, text: 'Internal Server Error\n' },
  { method: 'GET', path: '/nothing', status: 500, text: 'Internal Server Error\n' },
  { method: 'GET', path: '/empty', status: 204, text: '' },
  { method: 'GET', path: '/set', status: 202, text: 'set, sent by the host' },
  { method: 'GET', path: '/nope', status: 404, text: 'not found\n' },
];

/** Sends every case with `send` and checks the answers; `where` names the host in failures. */
export async function run(send, where) {
  for (const c of cases) {
    if (c.skipOn?.includes(where)) continue;
    const res = await send(c.method, c.path, { body: c.body, headers: c.reqHeaders });
    const body = await res.text();
    assert.equal(res.status, c.status, `${where}: ${c.method} ${c.path}: status (${body})`);
    assert.equal(body, c.text, `${where}: ${c.method} ${c.path}: body`);
    for (const [k, v] of Object.entries(c.headers ?? {})) assert.equal(res.headers.get(k), v, `${where}: ${c.method} ${c.path}: header ${k}`);
  }
  // Requests in flight together, each answered by its own handler process.
  const many = await Promise.all(Array.from({ length: 20 }, (_, i) => send('GET', `/hello/${i}`, {}).then((r) => r.text())));
  assert.deepEqual(many, Array.from({ length: 20 }, (_, i) => `hello ${i}\n`), `${where}: concurrent requests`);
}
