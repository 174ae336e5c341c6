// worker.js — the workerd side of the edge benchmarks (edge.mjs): the same work done by
// a compiled Elixir program and by plain JS, in one Worker, so they are measured in the
// same run.
//
//   GET /hello?arg=A&mode=kept     hello.ex's handler in the Worker's kept instance
//   GET /hello?arg=A&mode=fresh    the same, instantiating and starting it for this request
//   GET /hello?arg=A&mode=js       the same text, written in JS
//   POST /counter/NAME/add?n=N     the counter Durable Object (counter.ex, BeamwasmObject)
//   POST /jscounter/NAME/add?n=N   the same object in plain JS (SQLite storage)

import { DurableObject } from 'cloudflare:workers';
import hello from '../build/hello.wasm';
import counter from '../build/counter.wasm';
import { instantiateWorkerd } from '../../../js/src/workerd.js';
import { handleRequest } from '../../../js/src/http.js';
import { BeamwasmObject } from '../../../js/src/durable.js';

let kept = null;

function jsHello(names) {
  if (names.length === 0) names = ['world'];
  const squares = Array.from({ length: 10 }, (_, i) => (i + 1) * (i + 1));
  return names.map((n) => `Hello, ${n}!\n`).join('') + `squares: [${squares.join(', ')}], sum ${squares.reduce((a, b) => a + b)}\n`;
}

export class Counter extends BeamwasmObject {
  static program = counter;
}

/** The counter in plain JS: the count in the object's SQLite storage. */
export class JsCounter extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value INTEGER)');
    this.count = ctx.storage.sql.exec("SELECT value FROM kv WHERE key = 'count'").toArray()[0]?.value ?? 0;
  }
  fetch(request) {
    const n = Number(new URL(request.url).searchParams.get('n') ?? 0);
    if (n !== 0) {
      this.count += n;
      this.ctx.storage.sql.exec("INSERT INTO kv (key, value) VALUES ('count', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", this.count);
    }
    return Response.json({ count: this.count });
  }
}

export default {
  fetch(request, env) {
    const url = new URL(request.url);
    const [, first, name] = url.pathname.split('/');
    if (first === 'hello') {
      const mode = url.searchParams.get('mode');
      if (mode === 'js') return new Response(jsHello(url.searchParams.getAll('arg')), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
      const routed = new Request(new URL('/?' + url.searchParams, url), request);
      if (mode === 'fresh') {
        const p = instantiateWorkerd(hello, {});
        p.start([]);
        return handleRequest(p, routed);
      }
      if (!kept) {
        kept = instantiateWorkerd(hello, {});
        kept.start([]);
      }
      return handleRequest(kept, routed);
    }
    if (first === 'counter' && name) return env.COUNTER.get(env.COUNTER.idFromName(name)).fetch(request);
    if (first === 'jscounter' && name) return env.JSCOUNTER.get(env.JSCOUNTER.idFromName(name)).fetch(request);
    return new Response('ok\n');
  },
};
