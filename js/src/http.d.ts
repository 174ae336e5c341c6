// http.d.ts — types of http.js: HTTP requests into the program (Beamwasm.HTTP).

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
