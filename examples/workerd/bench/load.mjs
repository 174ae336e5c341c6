// load.mjs — a bounded local load test of the counter Durable Object, and instantiation
// times on workerd. Starts its own workerd on 127.0.0.1 with fresh storage, then:
//   1. REQUESTS POSTs (default 10,000) to one object, CONCURRENCY in flight: throughput and
//      p50/p99 latency; the final count must equal the number of requests;
//   2. OBJECTS new objects (default 200), one call each: workerd's RSS growth per object;
//   3. the hello Worker instantiating its program: ms per instance.
// Every loop is bounded in count, and the whole run by DEADLINE_S (default 300 s).
//   node examples/workerd/bench/load.mjs [--requests N] [--concurrency C] [--objects K]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWorkerd, requirePrograms, rssBytes, buildDir } from '../test/workerd-process.mjs';

const opt = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const REQUESTS = opt('requests', 10000);
const CONCURRENCY = opt('concurrency', 32);
const OBJECTS = opt('objects', 200);
const deadline = Date.now() + opt('deadline', 300) * 1000;
const inTime = () => {
  if (Date.now() > deadline) throw new Error('load test deadline passed');
};

requirePrograms('counter.wasm', 'hello.wasm');
const program = JSON.parse(fs.readFileSync(path.join(buildDir, 'expected.json'), 'utf8')).program;
const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-load-'));
const wd = await startWorkerd('examples/workerd/counter/config.capnp', { storageDir, readyPath: '/counter/warmup' });
const results = { program, node: process.version, requests: REQUESTS, concurrency: CONCURRENCY, objects: OBJECTS };
try {
  // 1. one object under load
  const latencies = new Float64Array(REQUESTS);
  let next = 0;
  const post = async () => {
    const res = await fetch(`${wd.url}/counter/load/add?n=1`, { method: 'POST' });
    if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
    return (await res.json()).count;
  };
  await post(); // creates the object; not timed
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        if (i % 1000 === 0) inTime();
        const s = performance.now();
        await post();
        latencies[i] = performance.now() - s;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const finalCount = (await (await fetch(`${wd.url}/counter/load`)).json()).count;
  if (finalCount !== REQUESTS + 1) throw new Error(`final count ${finalCount}, expected ${REQUESTS + 1}`);
  latencies.sort();
  const pct = (p) => latencies[Math.min(REQUESTS - 1, Math.floor((p / 100) * REQUESTS))];
  Object.assign(results, {
    throughputPerS: Math.round(REQUESTS / seconds),
    p50Ms: +pct(50).toFixed(2),
    p99Ms: +pct(99).toFixed(2),
    maxMs: +latencies[REQUESTS - 1].toFixed(2),
    finalCount,
  });

  // 2. memory per object
  const rss0 = rssBytes(wd.pid);
  for (let i = 0; i < OBJECTS; i++) {
    if (i % 50 === 0) inTime();
    const res = await fetch(`${wd.url}/counter/obj${i}/add?n=1`, { method: 'POST' });
    if (res.status !== 200) throw new Error(`object ${i}: status ${res.status}`);
    await res.arrayBuffer();
  }
  const rss1 = rssBytes(wd.pid);
  const stats = await (await fetch(`${wd.url}/counter/obj0/stats`)).json();
  Object.assign(results, {
    rssBeforeObjectsMiB: +(rss0 / 2 ** 20).toFixed(1),
    rssAfterObjectsMiB: +(rss1 / 2 ** 20).toFixed(1),
    rssPerObjectKiB: Math.round((rss1 - rss0) / OBJECTS / 1024),
    linearMemoryPerObjectKiB: stats.linearMemoryBytes / 1024,
  });
} finally {
  await wd.stop();
  fs.rmSync(storageDir, { recursive: true, force: true });
}

// 3. instantiation on workerd
const hello = await startWorkerd('examples/workerd/hello/config.capnp');
try {
  const b = await (await fetch(`${hello.url}/bench/instantiate?n=200`)).json();
  results.workerdInstantiateMs = +b.msPerInstance.toFixed(3);
  results.wasmBytes = { hello: fs.statSync(path.join(buildDir, 'hello.wasm')).size, counter: fs.statSync(path.join(buildDir, 'counter.wasm')).size };
} finally {
  await hello.stop();
}
console.log(JSON.stringify(results, null, 2));
