// examples.mjs — a bounded local measurement of the todos and chat examples on workerd over
// loopback: throughput and p50/p99 latency at concurrency 1 and 8 of
//   todos POST   a new todo (a JSON body decoded in Elixir, an INSERT in the list's SQLite)
//   todos GET    one todo by id (a SELECT, the row encoded as JSON)
//   chat  POST   a message (an INSERT in the room's database, then a GenServer.call to the
//                lobby object over Workers RPC, which does an UPSERT in its own database)
// and workerd's own CPU time per request (/proc, utime + stime). Starts its own workerd with
// fresh storage for each example; every loop is bounded by --requests (default 1,000 per row).
//   node examples/workerd/bench/examples.mjs [--requests N]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWorkerd, requirePrograms } from '../test/workerd-process.mjs';

const i = process.argv.indexOf('--requests');
const REQUESTS = i > 0 ? Number(process.argv[i + 1]) : 1000;
requirePrograms('todos.wasm', 'chat.wasm');

const ticks = 100; // USER_HZ, the unit of /proc/PID/stat's times on Linux
function cpuMs(pid) {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / ticks; // utime + stime
}

/** `n` requests made by `c` clients in turn; the latencies, the rate and workerd's CPU per request. */
async function measure(wd, c, n, request) {
  const latencies = new Float64Array(n);
  let next = 0;
  const cpu0 = cpuMs(wd.pid);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (next < n) {
        const k = next++;
        const s = performance.now();
        const res = await request(k);
        if (res.status >= 300) throw new Error(`status ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
        latencies[k] = performance.now() - s;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort();
  const pct = (p) => latencies[Math.min(n - 1, Math.floor((p / 100) * n))].toFixed(2);
  return { c, reqPerS: Math.round(n / seconds), p50ms: pct(50), p99ms: pct(99), cpuMsPerReq: ((cpuMs(wd.pid) - cpu0) / n).toFixed(2) };
}

const rows = [];
const post = (url, body) => fetch(url, { method: 'POST', body: JSON.stringify(body) });
const examples = [
  ['todos', '/lists/warmup/todos', [
    ['POST /lists/bench/todos', (base, k) => post(`${base}/lists/bench/todos`, { title: `todo ${k}` })],
    ['GET /lists/bench/todos/ID', (base, k) => fetch(`${base}/lists/bench/todos/${(k % 100) + 1}`)],
  ]],
  ['chat', '/lobby', [
    ['POST /rooms/bench/messages (relayed to the lobby)', (base, k) => post(`${base}/rooms/bench/messages`, { user: 'bench', text: `message ${k}` })],
  ]],
];
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
for (const [example, ready, cases] of examples.filter(([e]) => !only || e === only)) {
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), `bw-bench-${example}-`));
  const wd = await startWorkerd(`examples/workerd/${example}/config.capnp`, { storageDir, readyPath: ready });
  try {
    for (const [name, request] of cases) {
      for (const c of [1, 8]) rows.push({ example, request: name, ...(await measure(wd, c, REQUESTS, (k) => request(wd.url, k))) });
    }
  } finally {
    await wd.stop();
    fs.rmSync(storageDir, { recursive: true, force: true });
  }
}
console.log(JSON.stringify({ node: process.version, load: os.loadavg().map((x) => x.toFixed(1)), requests: REQUESTS, rows }, null, 2));
