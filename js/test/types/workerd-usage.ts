// workerd-usage.ts — the package as a Workers developer types it (tsconfig.workerd.json:
// @cloudflare/workers-types, no DOM, no Node types): a Worker that serves a program's HTTP
// handler, and Durable Objects that run programs. Checked by `tsc --noEmit`, never run.

import { BeamwasmObject, routeToObjects, objectEffects } from '@beamwasm/host/durable';
import { instantiateWorkerd, runCollect, workerdEffects, durableSql, sqlStorage, castIntegers } from '@beamwasm/host/workerd';
import { handleRequest, type Program } from '@beamwasm/host';
import { decode, encode, text } from '@beamwasm/host/etf';

declare const program: WebAssembly.Module; // import program from './app.wasm'

interface Env {
  ROOMS: DurableObjectNamespace<Room>;
  GREETING: string;
}

export class Room extends BeamwasmObject<Env> {
  static program = program;
  override args(): string[] {
    return ['room'];
  }
  override effects() {
    return { ...super.effects(), onStderr: (t: string) => console.warn(t) };
  }
  async count(): Promise<number> {
    const p: Program = await this.ready();
    const n = decode(await p.call('Elixir.Room', encode('count')));
    return typeof n === 'number' ? n : 0;
  }
}

/** A Durable Object of its own that runs a program with the SQL and object effects. */
export class Plain extends DurableObject<Env> {
  program: Program;
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const sql = durableSql(ctx.storage);
    this.program = instantiateWorkerd(program, { env, storage: sqlStorage(ctx.storage.sql), host: { ...sql.host, ...objectEffects(ctx, env) }, afterRun: sql.afterRun });
    this.program.start([]);
    ctx.blockConcurrencyWhile(async () => void (await this.program.idle()));
  }
  override fetch(request: Request): Promise<Response> {
    return handleRequest(this.program, request, { remoteIp: request.headers.get('cf-connecting-ip') });
  }
}

let running: Program | null = null;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/rooms/')) return routeToObjects({ binding: 'ROOMS', prefix: 'rooms' })(request, env);
    if (url.pathname === '/count') return Response.json({ n: await env.ROOMS.get(env.ROOMS.idFromName('a')).count() });
    if (url.pathname === '/run') {
      const r = await runCollect(program, ['x'], { env });
      return new Response(r.stdout, { status: r.status === 'halted' && r.exitCode === 0 ? 200 : 500 });
    }
    running ??= instantiateWorkerd(program, { env, onStdout: (t) => console.log(t) });
    if (!running.started) running.start([]);
    const effects = workerdEffects({ env: { get: (k: string) => (k === 'A' ? 'a' : undefined), list: () => [] } });
    console.log(effects.env?.get('A'), castIntegers('SELECT ?', [1n])[0], text(new Uint8Array([104])));
    // @ts-expect-error routeToObjects needs a prefix
    routeToObjects({ binding: 'ROOMS' });
    // @ts-expect-error output callbacks get text
    instantiateWorkerd(program, { onStdout: 5 });
    workerdEffects({ allowNet: ['127.0.0.1:8080', 'example.com'], fetch: (input, init) => fetch(input, init) });
    // @ts-expect-error the allow-list holds 'HOST' / 'HOST:PORT' strings
    workerdEffects({ allowNet: [8080] });
    return handleRequest(running, request);
  },
} satisfies ExportedHandler<Env>;

import { DurableObject } from 'cloudflare:workers';
