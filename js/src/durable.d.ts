// durable.d.ts — types of durable.js: compiled programs as Durable Objects
// (`@beamwasm/host/durable`). It imports `cloudflare:workers`, whose types come from
// @cloudflare/workers-types (or `wrangler types`).

import { DurableObject } from 'cloudflare:workers';
import type { HostOps, Program } from './host.js';
import type { Encodable } from './etf.js';
import type { WorkerdOptions } from './workerd.js';

export { Atom } from './etf.js';

/** A Durable Object's host-channel ops (calls and messages to other objects, alarms). */
export interface ObjectEffects extends HostOps {
  /** The alarms due at `now` (ms since the epoch), removed; the next one is scheduled. */
  takeDue(now: number): Array<{ name: string; message: Uint8Array }>;
}

/** The host-channel effects of a Durable Object (Beamwasm.Object, Beamwasm.Alarm). */
export function objectEffects(ctx: DurableObjectState, env: object): ObjectEffects;

/** What `beamwasmCall` answers: the reply, or the exit reason (ETF bytes). */
export type ObjectCallResult = { reply: Uint8Array; exit?: undefined } | { exit: Uint8Array; reply?: undefined };

/**
 * A Durable Object whose behaviour is a compiled program: subclass it and set the static
 * `program` to the compiled module (`import program from './app.wasm'`). The program runs
 * as long as the object; `fetch` is its HTTP handler (Beamwasm.HTTP).
 */
export class BeamwasmObject<Env = unknown> extends DurableObject<Env> {
  /** The compiled module (set it in the subclass). */
  static program: WebAssembly.Module;
  /** The running program instance. */
  program: Program;
  /** How many times the program was started again after a trap or a halt. */
  restarts: number;
  readonly objectEffects: ObjectEffects;
  /** The program's arguments (override to pass some). */
  args(): string[];
  /** The options of workerdEffects for the program (override to add or replace effects). */
  effects(): WorkerdOptions;
  /** A new instance of the program, ready when no process can run. */
  boot(): Promise<void>;
  /** The running program, started again if it trapped or halted. */
  ready(): Promise<Program>;
  fetch(request: Request): Promise<Response>;
  alarm(): Promise<void>;
  /** Accepts a WebSocket (hibernatable) whose events go to the process registered as `name`. */
  acceptWebSocket(program: Program, name: string): Response;
  webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void>;
  webSocketClose(ws: WebSocket, code: number, reason: string, wasClean: boolean): Promise<void>;
  webSocketError(ws: WebSocket, error: unknown): Promise<void>;
  /** Sends `{websocket, Id, Event}` to the socket's process (dropped if it is not running); resolves once idle. */
  webSocketEvent(program: Program, ws: WebSocket, event: Encodable): Promise<void>;
  /** Workers RPC: `GenServer.call(name, request)` here (ETF bytes). */
  beamwasmCall(name: string, request: ArrayBuffer | Uint8Array): Promise<ObjectCallResult>;
  /** Workers RPC: a message (ETF bytes) to the process registered as `name` here. */
  beamwasmSend(name: string, message: ArrayBuffer | Uint8Array): Promise<void>;
}

/** A Worker's fetch handler: `/PREFIX/NAME/...` to the object NAME of namespace `binding`. */
export function routeToObjects(options: { binding: string; prefix: string }): (request: Request, env: any) => Response | Promise<Response>;
