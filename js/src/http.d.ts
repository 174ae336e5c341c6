// http.d.ts — types of http.js: HTTP requests into the program (Beamwasm.HTTP) and out of
// it (Beamwasm.Fetch over the platform's `fetch`).

import type { HostOps, Program } from './host.js';

/** The name the program's HTTP dispatcher is registered under. */
export const HTTP_SERVICE: 'beamwasm_http';

/** The host-channel effects of streamed responses (`http_start`, `http_chunk`). */
export function httpEffects(): HostOps;

export interface HandleRequestOptions {
  /** The client's address, when the platform knows it. */
  remoteIp?: string | null;
  /**
   * The response that accepts a WebSocket whose events go to the process registered as
   * `name`, when the handler upgrades (Beamwasm.WebSocket.upgrade/2); without it an upgrade
   * is answered 501.
   */
  webSocket?: ((name: string) => Response) | null;
}

/**
 * Answers `request` with the program's handler (its entry serves Beamwasm.HTTP). The
 * program must be started.
 */
export function handleRequest(program: Program, request: Request, options?: HandleRequestOptions): Promise<Response>;

/**
 * Whether an allow-list lets a connection reach `host`:`port`. `allow`: null (every host)
 * or entries 'HOST' / 'HOST:PORT' ('*' for any host; 'localhost' also stands for 127.0.0.1
 * and ::1), the list TCP takes too.
 */
export function permits(allow: readonly string[] | null, host: string, port: number): boolean;

/** The Erlang reason term for a failed `fetch` (`timeout`, a POSIX atom, `{fetch_failed, Msg}`). */
export function reasonOf(e: unknown): unknown;

export interface FetchEffectOptions {
  /** The hosts Beamwasm.Fetch may reach (see `permits`); null: every host. */
  allow?: readonly string[] | null;
  /** The `fetch` to use (default: the global one; a Worker may pass a service binding's). */
  fetch?: typeof globalThis.fetch;
}

/** The `fetch` host-channel effect behind Beamwasm.Fetch.request/2. */
export function fetchEffects(options?: FetchEffectOptions): HostOps;
