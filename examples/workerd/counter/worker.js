// worker.js — a Durable Object that hosts a compiled GenServer (counter.ex, built to
// ../build/counter.wasm). One Durable Object per counter name; its program instance lives
// as long as the object, and the GenServer keeps its state in the object's SQLite storage
// (through the `storage_*` imports), so the count survives a restart of workerd.
//
//   POST /counter/NAME/add?n=5   GenServer.call(Counter, 5): adds 5, answers {"count": N}
//   GET  /counter/NAME           GenServer.call(Counter, 0): answers {"count": N}
//   GET  /counter/NAME/stats     calls served, restarts, the instance's linear memory
//
// A program that traps or halts is replaced by a new instance on the next request.
//
// The program's entry starts the GenServer (registered as Counter) and then waits forever,
// so an idle program is "every process waits" (bw_run returns 2) and each request is one
// `bw_call` that runs the scheduler until the GenServer replies.

import { DurableObject } from 'cloudflare:workers';
import program from '../build/counter.wasm';
import { instantiateWorkerd, sqlStorage } from '../../../js/src/workerd.js';
import { HALTED } from '../../../js/src/host.js';
import { encode, decode } from '../../../js/src/etf.js';

const SERVICE = 'Elixir.Counter';

export class CounterObject extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.calls = 0;
    this.restarts = 0;
    this.storage = sqlStorage(ctx.storage.sql);
    this.args = JSON.parse(env.PROGRAM_ARGS ?? '[]');
    ctx.blockConcurrencyWhile(() => this.boot());
  }

  // A new instance of the program: its GenServer's init/1 reloads the count from storage.
  // Ready once no process can run (idle: waiting for messages or timers); timers keep
  // firing between requests (keepDriving).
  async boot() {
    this.program = instantiateWorkerd(program, { storage: this.storage });
    this.program.start(this.args);
    const state = await this.program.idle();
    if (state === HALTED) throw new Error(`the counter program ended while starting (exit ${this.program.exitCode})`);
    this.program.keepDriving();
  }

  async fetch(request) {
    const url = new URL(request.url);
    const [, , , action] = url.pathname.split('/');
    // A program that trapped or halted is replaced, as a supervisor would restart it.
    if (this.program.failure || this.program.halted) {
      this.restarts++;
      await this.ctx.blockConcurrencyWhile(() => this.boot());
    }
    if (action === 'stats') {
      return Response.json({ calls: this.calls, restarts: this.restarts, linearMemoryBytes: this.program.exports.memory.buffer.byteLength });
    }
    let n = 0;
    if (action === 'add' && request.method === 'POST') n = Number(url.searchParams.get('n'));
    else if (action !== undefined) return new Response('not found\n', { status: 404 });
    if (!Number.isSafeInteger(n)) return new Response('n must be an integer\n', { status: 400 });
    try {
      const count = decode(await this.program.call(SERVICE, encode(n)));
      this.calls++;
      return Response.json({ count: typeof count === 'bigint' ? count.toString() : count });
    } catch (e) {
      return new Response(`beamwasm: ${e.message}\n`, { status: 500 });
    }
  }
}

export default {
  fetch(request, env) {
    const name = new URL(request.url).pathname.split('/')[2];
    if (!name) return new Response('use /counter/NAME\n', { status: 404 });
    return env.COUNTER.get(env.COUNTER.idFromName(name)).fetch(request);
  },
};
