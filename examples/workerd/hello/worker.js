// worker.js — a Worker that answers each HTTP request with the output of a compiled Elixir
// program (hello.ex, built to ../build/hello.wasm), run on the beamwasm JS host.
//
//   GET /?arg=Ada&arg=Grace   runs the program with those arguments; the body is its stdout
//                             (status 200 when it exits 0, else 500 with stderr appended)
//   GET /bench/instantiate?n=200
//                             instantiates the program n times and reports ms per instance
//
// The .wasm is imported as a module: workerd compiles it at deploy time and refuses
// WebAssembly.compile at run time.

import program from '../build/hello.wasm';
import { runCollect, instantiateWorkerd } from '../../../js/src/workerd.js';

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/bench/instantiate') return benchInstantiate(Number(url.searchParams.get('n') ?? 100));
    const args = [...JSON.parse(env.PROGRAM_ARGS ?? '[]'), ...url.searchParams.getAll('arg')];
    const { status, exitCode, stdout, stderr } = await runCollect(program, args, { env: { WORKER: 'hello' } });
    const ok = status === 'halted' && exitCode === 0;
    const body = ok ? stdout : `${stdout}${stderr}${status === 'halted' ? '' : `beamwasm: ${status}\n`}`;
    return new Response(body, {
      status: ok ? 200 : 500,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-beamwasm-exit': String(exitCode ?? status) },
    });
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
