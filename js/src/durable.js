// durable.js — compiled programs as Cloudflare Durable Objects (docs/DURABLE_OBJECTS.md).
//
//   import program from './app.wasm';
//   import { BeamwasmObject } from '@beamwasm/host/durable';
//   export class Room extends BeamwasmObject {
//     static program = program;      // the compiled module; its entry starts the processes
//   }
//
// An object instantiates its program once and keeps it: its processes live between requests
// (timers keep firing between them), its SQL database is the object's own (Beamwasm.SQL),
// and so is its storage. It answers:
//   fetch(request)                  with the program's HTTP handler (Beamwasm.HTTP)
//   alarm()                         the durable timers of Beamwasm.Alarm that are due
//   beamwasmCall(name, bytes)       Workers RPC from another object: GenServer.call
//   beamwasmSend(name, bytes)       Workers RPC from another object: a message
//   webSocketMessage/Close(ws, ...) the events of the WebSockets its handler accepted
//                                   (Beamwasm.WebSocket), as messages to the process named
// A program that traps or halts is replaced by a new instance on the next event, as a
// supervisor would restart it; its processes start again from what storage holds.

import { DurableObject } from 'cloudflare:workers';
import { instantiateWorkerd, sqlStorage, durableSql } from './workerd.js';
import { HALTED, BeamwasmError } from './host.js';
import { handleRequest } from './http.js';
import { atom, tuple, text, encode, Atom } from './etf.js';

const HOST = atom('beamwasm_host');
const ALARMS = 'beamwasm_alarms';

/**
 * The host-channel effects of a Durable Object: calls and messages to processes of other
 * objects over Workers RPC, durable alarms, and the WebSockets the object accepted
 * (hibernatable: `ctx.acceptWebSocket`, each tagged with its id). `ctx` and `env` are the
 * object's.
 */
export function objectEffects(ctx, env) {
  const stubOf = (binding, name) => {
    const ns = env[text(binding)];
    if (!ns || typeof ns.idFromName !== 'function') throw new BeamwasmError(`no Durable Object namespace bound as ${text(binding)}`);
    return ns.get(ns.idFromName(text(name)));
  };
  let alarmsReady = false;
  const alarms = () => {
    if (!alarmsReady) {
      ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS ${ALARMS} (id INTEGER PRIMARY KEY AUTOINCREMENT, due INTEGER NOT NULL, name TEXT NOT NULL, message BLOB NOT NULL)`);
      alarmsReady = true;
    }
    return ctx.storage.sql;
  };
  const schedule = () => {
    const next = alarms().exec(`SELECT MIN(due) AS due FROM ${ALARMS}`).one().due;
    if (next === null) return ctx.storage.deleteAlarm();
    return ctx.storage.setAlarm(next);
  };
  return {
    // {Pid, Ref, {Binding, Name, Process, RequestBin}}: answered later with
    // {beamwasm_host, Ref, {reply, Bin} | {exit, Bin} | {unreachable, Why}}.
    object_call([pid, ref, [binding, name, process, request]], program) {
      const release = program.hold();
      const answer = (term) => {
        program.post(pid, tuple(HOST, ref, term));
        release();
      };
      let stub;
      try {
        stub = stubOf(binding, name);
      } catch (e) {
        queueMicrotask(() => answer(tuple(atom('unreachable'), String(e.message))));
        return atom('ok');
      }
      stub.beamwasmCall(process.name, request).then(
        (r) => answer(r.reply ? tuple(atom('reply'), new Uint8Array(r.reply)) : tuple(atom('exit'), new Uint8Array(r.exit))),
        (e) => answer(tuple(atom('unreachable'), String(e?.message ?? e))),
      );
      return atom('ok');
    },
    // {Binding, Name, Process, MessageBin}: sent, not waited for.
    object_send([binding, name, process, message], program) {
      let stub;
      try {
        stub = stubOf(binding, name);
      } catch {
        return atom('ok');
      }
      const release = program.hold();
      stub.beamwasmSend(process.name, message).then(release, release);
      return atom('ok');
    },
    // {Name, MessageBin, DueMs}: an alarm's id.
    alarm_set([name, message, due]) {
      const id = alarms().exec(`INSERT INTO ${ALARMS} (due, name, message) VALUES (?, ?, ?) RETURNING id`, Number(due), name.name, message).one().id;
      schedule();
      return id;
    },
    alarm_cancel([id]) {
      const n = alarms().exec(`DELETE FROM ${ALARMS} WHERE id = ?`, Number(id)).rowsWritten;
      schedule();
      return n > 0;
    },
    alarm_list() {
      return alarms()
        .exec(`SELECT id, due, name FROM ${ALARMS} ORDER BY due, id`)
        .toArray()
        .map((r) => tuple(r.id, r.due, atom(r.name)));
    },
    // {Id, Frame}: `ok`, or {error, closed} when no open socket has that id.
    websocket_send([id, frame]) {
      const ws = ctx.getWebSockets(text(id))[0];
      if (!ws || ws.readyState !== WebSocket.OPEN) return tuple(atom('error'), atom('closed'));
      ws.send(frameData(frame));
      return atom('ok');
    },
    // {Frame}: sent to every open socket of the object; how many.
    websocket_broadcast([frame]) {
      const data = frameData(frame);
      let n = 0;
      for (const ws of ctx.getWebSockets()) {
        if (ws.readyState !== WebSocket.OPEN) continue;
        ws.send(data);
        n++;
      }
      return n;
    },
    // {Id, Code, Reason}: `ok`, or {error, closed}.
    websocket_close([id, code, reason]) {
      const ws = ctx.getWebSockets(text(id))[0];
      if (!ws) return tuple(atom('error'), atom('closed'));
      ws.close(code, text(reason));
      return atom('ok');
    },
    // For BeamwasmObject.alarm(): the alarms due now, removed, and the next one scheduled.
    takeDue(now) {
      const due = alarms().exec(`SELECT id, name, message FROM ${ALARMS} WHERE due <= ? ORDER BY due, id`, now).toArray();
      for (const r of due) alarms().exec(`DELETE FROM ${ALARMS} WHERE id = ?`, r.id);
      schedule();
      return due.map((r) => ({ name: r.name, message: new Uint8Array(r.message) }));
    },
  };
}

/** A Durable Object whose behaviour is a compiled program (see the top of this file). */
export class BeamwasmObject extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.restarts = -1;
    this.objectEffects = objectEffects(ctx, env);
    ctx.blockConcurrencyWhile(() => this.boot());
  }

  /** The program's arguments (override to pass some). */
  args() {
    return [];
  }

  /** The options of workerdEffects for the program (override to add or replace effects). */
  effects() {
    const sql = durableSql(this.ctx.storage);
    const { takeDue, ...ops } = this.objectEffects;
    return { env: this.env, storage: sqlStorage(this.ctx.storage.sql), host: { ...sql.host, ...ops }, afterRun: sql.afterRun };
  }

  /** A new instance of the program, ready when no process can run. */
  async boot() {
    const program = this.constructor.program;
    if (!(program instanceof WebAssembly.Module)) throw new BeamwasmError(`${this.constructor.name}.program must be the compiled module (import program from './app.wasm')`);
    this.restarts++;
    this.program = instantiateWorkerd(program, this.effects());
    this.program.start(this.args());
    const state = await this.program.idle();
    if (state === HALTED) throw new BeamwasmError(`the program ended while starting (exit status ${this.program.exitCode})`);
    this.program.keepDriving();
  }

  /** The running program, started again if it trapped or halted. */
  async ready() {
    if (this.program.failure || this.program.halted) await this.ctx.blockConcurrencyWhile(() => this.boot());
    return this.program;
  }

  async fetch(request) {
    const program = await this.ready();
    return handleRequest(program, request, { remoteIp: request.headers.get('cf-connecting-ip'), webSocket: (name) => this.acceptWebSocket(program, name) });
  }

  /**
   * Accepts a WebSocket for the handler that upgraded (Beamwasm.WebSocket.upgrade/2): its
   * events go to the process registered as `name` as {websocket, Id, Event}; `open` now.
   */
  acceptWebSocket(program, name) {
    const [client, server] = Object.values(new WebSocketPair());
    const id = crypto.randomUUID();
    this.ctx.acceptWebSocket(server, [id]);
    server.serializeAttachment({ id, name });
    this.webSocketEvent(program, server, atom('open')).catch((e) => console.error(`beamwasm: a WebSocket's open event: ${e.message}`));
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws, message) {
    const event = typeof message === 'string' ? tuple(atom('text'), message) : tuple(atom('binary'), new Uint8Array(message));
    await this.webSocketEvent(await this.ready(), ws, event);
  }

  async webSocketClose(ws, code) {
    // Completes the closing handshake the client began (a hibernatable socket's close is
    // not answered by itself at this compatibility date).
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, 'closed');
    } catch {
      // already closed
    }
    await this.webSocketEvent(await this.ready(), ws, tuple(atom('closed'), code));
  }

  async webSocketError(ws) {
    await this.webSocketEvent(await this.ready(), ws, tuple(atom('closed'), 1006));
  }

  /**
   * Sends {websocket, Id, Event} to the socket's process and resolves once no process can
   * run; dropped if that process is not running.
   */
  async webSocketEvent(program, ws, event) {
    const { id, name } = ws.deserializeAttachment() ?? {};
    if (!id) return;
    try {
      await program.send(name, encode(tuple(atom('websocket'), id, event)));
    } catch (e) {
      if (!/failed: noproc/.test(e.message)) throw e;
    }
  }

  async alarm() {
    const program = await this.ready();
    for (const { name, message } of this.objectEffects.takeDue(Date.now())) {
      try {
        await program.send(name, message);
      } catch (e) {
        console.error(`beamwasm: an alarm for ${name} was not delivered: ${e.message}`);
      }
    }
  }

  /** Workers RPC: GenServer.call(name, request) here; `{ reply }` or `{ exit }` (ETF bytes). */
  async beamwasmCall(name, request) {
    const program = await this.ready();
    try {
      return { reply: await program.call(name, new Uint8Array(request)) };
    } catch (e) {
      if (e.exitReason) return { exit: e.exitReason };
      if (/failed: noproc/.test(e.message)) return { exit: encode(atom('noproc')) };
      throw e;
    }
  }

  /** Workers RPC: a message to the process registered as `name` here. */
  async beamwasmSend(name, message) {
    const program = await this.ready();
    try {
      program.send(name, new Uint8Array(message));
    } catch (e) {
      if (!/failed: noproc/.test(e.message)) throw e;
    }
  }
}

/**
 * A Worker's fetch handler that routes each request to a Durable Object by a path segment:
 * `/PREFIX/NAME/...` to the object NAME of namespace `binding` (the object sees the whole
 * request).
 */
export function routeToObjects({ binding, prefix }) {
  return (request, env) => {
    const parts = new URL(request.url).pathname.split('/');
    if (parts[1] !== prefix || !parts[2]) return new Response('not found\n', { status: 404 });
    const ns = env[binding];
    return ns.get(ns.idFromName(decodeURIComponent(parts[2]))).fetch(request);
  };
}

/** What a WebSocket sends for a frame term {text, Bin} or {binary, Bin}. */
function frameData(frame) {
  return frame[0] === atom('text') ? text(frame[1]) : frame[1];
}

export { Atom };
