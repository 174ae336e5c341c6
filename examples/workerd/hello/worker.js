// worker.js — a Worker whose requests are handled by Elixir (hello.ex, built to
// ../build/hello.wasm): the program is instantiated and started once per isolate, on the
// first request, and every request after that is a call into the same running program
// (Beamwasm.HTTP), so a request costs a call, not a boot.
//
//   GET /?arg=Ada&arg=Grace    the handler's answer
//   GET /bench/instantiate?n=200
//                              instantiates the program n times and reports ms per instance
//
// The .wasm is imported as a module: workerd compiles it at deploy time and refuses
// WebAssembly.compile at run time.

import program from '../build/hello.wasm';
import { instantiateWorkerd } from '../../../js/src/workerd.js';
import { handleRequest } from '../../../js/src/http.js';

let running = null;

/** The program, started on first use (synchronously: no promise outlives a request). */
function hello(env) {
  if (!running || running.failure || running.halted) {
    running = instantiateWorkerd(program, { env });
    running.start(JSON.parse(env.PROGRAM_ARGS ?? '[]'));
  }
  return running;
}

export default {
  fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/bench/instantiate') return benchInstantiate(Number(url.searchParams.get('n') ?? 100));
    return handleRequest(hello(env), request, { remoteIp: request.headers.get('cf-connecting-ip') });
  },
};

// workerd advances its clocks only at I/O, so each measurement brackets the work with a
// timer turn (which is I/O) and subtracts the cost of an empty bracket.
async function benchInstantiate(n) {
  const turn = () => new Promise((r) => setTimeout(r, 0));
  await turn();
  const e0 = performance.now();
  await turn();
  const empty = performance.now() - e0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) instantiateWorkerd(program, { onStdout() {} });
  await turn();
  const total = performance.now() - t0 - empty;
  return Response.json({ n, msPerInstance: total / n, emptyTurnMs: empty });
}
