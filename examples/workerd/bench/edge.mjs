// edge.mjs — the edge benchmarks, each against plain JS in the same run, on a local workerd
// (examples/workerd/bench/config.capnp, worker.js):
//   1. CPU per request of the hello Worker: the compiled Elixir handler in the Worker's kept
//      instance, the same handler in a new instance per request, and the text in plain JS.
//      CPU is workerd's own (utime + stime from /proc), divided by the requests;
//   2. the counter Durable Object (counter.ex under BeamwasmObject) and the same object in
//      plain JS: throughput and p50/p99 latency at concurrency 1 and 8, each request a write
//      to the object's SQLite storage;
//   3. memory per live object: workerd's resident set growth over OBJECTS new objects of each.
// The load generator is this Node process (fetch over 127.0.0.1). Bounded: every loop has
// a count, the whole run DEADLINE_S.
//   node examples/workerd/bench/edge.mjs [--requests N] [--objects K] [--deadline S]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWorkerd, requirePrograms, rssBytes } from '../test/workerd-process.mjs';

const opt = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const REQUESTS = opt('requests', 2000);
const OBJECTS = opt('objects', 100);
const deadline = Date.now() + opt('deadline', 600) * 1000;
const inTime = () => {
  if (Date.now() > deadline) throw new Error('benchmark deadline passed');
};
const TICK_MS = 1000 / 100; // /proc/PID/stat counts clock ticks of 10 ms (USER_HZ 100)

requirePrograms('hello.wasm', 'counter.wasm');

function cpuMs(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
}

async function get(url, init) {
  const res = await fetch(url, init);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body}`);
  return body;
}

/** `n` requests by `make(i)`, `concurrency` in flight: throughput, p50, p99 (ms). */
async function load(n, concurrency, make) {
  const lat = new Float64Array(n);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        if (i % 500 === 0) inTime();
        const s = performance.now();
        await make(i);
        lat[i] = performance.now() - s;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  lat.sort();
  const pct = (p) => +lat[Math.min(n - 1, Math.floor((p / 100) * n))].toFixed(2);
  return { perSecond: Math.round(n / secs), p50Ms: pct(50), p99Ms: pct(99) };
}

const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-edge-'));
const wd = await startWorkerd('examples/workerd/bench/config.capnp', { storageDir });
const results = { node: process.version, cores: os.cpus().length, loadAverage: os.loadavg().map((x) => +x.toFixed(1)), requests: REQUESTS };
try {
  // 1. CPU per hello request
  results.helloCpuMsPerRequest = {};
  for (const mode of ['kept', 'js', 'fresh', 'kept', 'js']) {
    const n = mode === 'fresh' ? Math.min(REQUESTS, 300) : REQUESTS;
    await get(`${wd.url}/hello?arg=warm&mode=${mode}`);
    const c0 = cpuMs(wd.pid);
    const r = await load(n, 1, () => get(`${wd.url}/hello?arg=Ada&mode=${mode}`));
    const per = (cpuMs(wd.pid) - c0) / n;
    (results.helloCpuMsPerRequest[mode] ??= []).push({ cpuMs: +per.toFixed(3), ...r });
  }

  // 2. the counter object: Elixir against plain JS
  results.counter = {};
  for (const concurrency of [1, 8]) {
    for (const kind of ['counter', 'jscounter', 'counter', 'jscounter']) {
      const name = `load-${concurrency}`;
      await get(`${wd.url}/${kind}/${name}/add?n=1`, { method: 'POST' });
      const c0 = cpuMs(wd.pid);
      const r = await load(REQUESTS, concurrency, () => get(`${wd.url}/${kind}/${name}/add?n=1`, { method: 'POST' }));
      r.cpuMsPerRequest = +((cpuMs(wd.pid) - c0) / REQUESTS).toFixed(3);
      (results.counter[`${kind} c=${concurrency}`] ??= []).push(r);
    }
  }

  // 3. memory per live object
  results.rssPerObjectKiB = {};
  for (const kind of ['jscounter', 'counter']) {
    const rss0 = rssBytes(wd.pid);
    for (let i = 0; i < OBJECTS; i++) {
      if (i % 20 === 0) inTime();
      await get(`${wd.url}/${kind}/mem${i}/add?n=1`, { method: 'POST' });
    }
    results.rssPerObjectKiB[kind] = Math.round((rssBytes(wd.pid) - rss0) / OBJECTS / 1024);
  }
} finally {
  await wd.stop();
  fs.rmSync(storageDir, { recursive: true, force: true });
}
console.log(JSON.stringify(results, null, 2));
