// worker.js — the JS host on workerd, for js/test/workerd.test.mjs. Driving: a compiled
// GenServer with a recurring timer (js/test/programs/ticker.ex, built to build/ticker.wasm)
// hosted by a Durable Object and by a stateless Worker. Digests: js/test/programs/digests.ex.
//
//   GET /object/many?n=50   in the object: n calls started together (Promise.all)
//   GET /object/ticks       in the object: the ticks counted so far
//   GET /worker/many?n=50   the same in the Worker's own instance, kept across requests
//   GET /digests            the digests program's output
//   GET /objects/NAME/...   object NAME of objects.ex (objects that call each other)
//   GET /alarms/NAME/...    object NAME of alarms.ex (durable timers)
//   GET /sql/NAME?program=P a program using Beamwasm.SQL (sql_app.ex, sql_wait.ex) run in
//                           the object NAME on its own database
//   anything else           js/test/programs/http_app.ex's handler (Beamwasm.HTTP): in the
//                           Worker's own instance, or with `x-route: object` in HttpObject,
//                           a BeamwasmObject

import { DurableObject } from 'cloudflare:workers';
import program from './build/ticker.wasm';
import digests from './build/digests.wasm';
import httpApp from './build/http_app.wasm';
import sqlApp from './build/sql_app.wasm';
import sqlWait from './build/sql_wait.wasm';
import objects from './build/objects.wasm';
import alarms from './build/alarms.wasm';
import { BeamwasmObject } from '../../src/durable.js';
import { handleRequest } from '../../src/http.js';
import { instantiateWorkerd, runCollect, sqlStorage, durableSql } from '../../src/workerd.js';
import { encode, decode, atom, tuple } from '../../src/etf.js';

const call = (p, term) => p.call('Elixir.Ticker', encode(term)).then(decode);

async function answer(p, action, url) {
  if (action === 'many') {
    const n = Number(url.searchParams.get('n') ?? 10);
    const replies = await Promise.all(Array.from({ length: n }, () => call(p, tuple(atom('add'), 1))));
    return Response.json({ replies });
  }
  if (action === 'ticks') return Response.json({ ticks: await call(p, atom('ticks')) });
  return new Response('not found\n', { status: 404 });
}

export class TickerObject extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.program = instantiateWorkerd(program, {});
    this.program.start([]);
    // The GenServer's tick timer is always pending: the object is ready when idle.
    ctx.blockConcurrencyWhile(() => this.program.idle());
    this.program.keepDriving();
  }

  fetch(request) {
    const url = new URL(request.url);
    return answer(this.program, url.pathname.split('/')[2], url);
  }
}

// Runs a program that uses Beamwasm.SQL on this object's database: GET /sql/NAME?program=app|wait.
export class SqlObject extends DurableObject {
  async fetch(request) {
    const which = new URL(request.url).searchParams.get('program') === 'wait' ? sqlWait : sqlApp;
    const r = await runCollect(which, [], { storage: sqlStorage(this.ctx.storage.sql), ...durableSql(this.ctx.storage) });
    return Response.json(r);
  }
}

export class ObjectsObject extends BeamwasmObject {
  static program = objects;
}

export class AlarmsObject extends BeamwasmObject {
  static program = alarms;
}

export class HttpObject extends BeamwasmObject {
  static program = httpApp;
}

let shared = null;
let sharedHttp = null;

export default {
  fetch(request, env) {
    const url = new URL(request.url);
    const [, where, action] = url.pathname.split('/');
    if (where === 'object') return env.TICKER.get(env.TICKER.idFromName('one')).fetch(request);
    if (where === 'objects' || where === 'alarms') {
      // /objects/NAME/rest...: to object NAME, which sees /rest...
      const rest = url.pathname.split('/').slice(3).join('/');
      const ns = where === 'objects' ? env.OBJECTS : env.ALARMS;
      return ns.get(ns.idFromName(action)).fetch(new Request(new URL('/' + rest, url), request));
    }
    if (where === 'sql') return env.SQL.get(env.SQL.idFromName(action)).fetch(request);
    if (where === 'digests') return runCollect(digests).then((r) => Response.json(r));
    if (where === '' && url.search === '?ready') return new Response('ok\n');
    if (where !== 'worker') {
      if (request.headers.get('x-route') === 'object') return env.HTTP.get(env.HTTP.idFromName('one')).fetch(request);
      if (!sharedHttp) {
        sharedHttp = instantiateWorkerd(httpApp, {});
        sharedHttp.start([]);
      }
      return handleRequest(sharedHttp, request);
    }
    if (!shared) {
      shared = instantiateWorkerd(program, {});
      shared.start([]);
    }
    return answer(shared, action, url);
  },
};
