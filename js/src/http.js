// http.js — HTTP requests into the program (docs/HTTP.md): a `Request` becomes a call to the
// process registered as `beamwasm_http` (Beamwasm.HTTP on the Erlang side), whose reply
// becomes a `Response`. The same on Node, workerd (Workers and Durable Objects) and
// browsers (a service worker). Streamed responses (Beamwasm.Conn.send_chunked/2) arrive
// through the host channel: `http_start` sends the head, `http_chunk` each chunk.

import { encode, decode, atom, tuple, Tuple } from './etf.js';
import { BeamwasmError } from './host.js';

export const HTTP_SERVICE = 'beamwasm_http';

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** The host-channel effects of streamed responses: { http_start, http_chunk }. */
export function httpEffects() {
  return {
    // {Ref, Status, Headers}: the head of a streamed response; its body follows in chunks.
    http_start(args, program) {
      const [ref, status, headers] = args;
      const slot = program.http?.get(ref);
      if (!slot || slot.started) return atom('closed');
      slot.started = true;
      const body = NULL_BODY.has(status)
        ? null
        : new ReadableStream({
            start(controller) {
              slot.controller = controller;
            },
            cancel() {
              slot.closed = true;
            },
          });
      slot.resolve(new Response(body, { status, headers: responseHeaders(headers) }));
      return atom('ok');
    },
    // {Ref, Bytes}: one chunk; `closed` when the client has gone.
    http_chunk(args, program) {
      const [ref, bytes] = args;
      const slot = program.http?.get(ref);
      if (!slot?.controller || slot.closed) return atom('closed');
      slot.controller.enqueue(bytes);
      return atom('ok');
    },
  };
}

/**
 * Answers `request` with the program's handler. The program must be started and serve
 * HTTP (its entry calls Beamwasm.HTTP.serve/1 or starts Beamwasm.HTTP under a supervisor).
 * `remoteIp`: the client's address, when the platform knows it. `webSocket(name)`: the
 * response that accepts a WebSocket whose events go to the process registered as `name`,
 * when the handler upgrades (Beamwasm.WebSocket.upgrade/2; a Durable Object's, durable.js);
 * without it an upgrade is answered 501.
 * @returns {Promise<Response>}
 */
export async function handleRequest(program, request, { remoteIp = null, webSocket = null } = {}) {
  const url = new URL(request.url);
  const body = request.body === null ? new Uint8Array(0) : new Uint8Array(await request.arrayBuffer());
  program.http ??= new Map();
  program.httpRefs = (program.httpRefs ?? 0) + 1;
  const ref = program.httpRefs;
  const scheme = url.protocol.replace(/:$/, '');
  const req = new Map([
    [atom('ref'), ref],
    [atom('method'), request.method],
    [atom('scheme'), scheme],
    [atom('host'), url.hostname],
    [atom('port'), Number(url.port || (scheme === 'https' ? 443 : 80))],
    [atom('path'), url.pathname],
    [atom('query'), url.search.replace(/^\?/, '')],
    [atom('headers'), [...request.headers].map(([k, v]) => tuple(k, v))],
    [atom('body'), body],
    [atom('remote_ip'), remoteIp],
  ]);
  return new Promise((resolve, reject) => {
    const slot = { resolve, started: false, controller: null, closed: false };
    program.http.set(ref, slot);
    const done = () => program.http.delete(ref);
    let reply;
    try {
      reply = program.call(HTTP_SERVICE, encode(tuple(atom('http_request'), req)));
    } catch (e) {
      done();
      return reject(e);
    }
    reply.then(
      (bytes) => {
        done();
        const r = decode(bytes);
        if (r instanceof Tuple && r[0] === atom('response')) {
          const [, status, headers, content] = r;
          if (slot.started) return; // a second answer to a streamed request is ignored
          return resolve(new Response(NULL_BODY.has(status) ? null : content, { status, headers: responseHeaders(headers) }));
        }
        if (r instanceof Tuple && r[0] === atom('websocket')) {
          if (webSocket) return resolve(webSocket(textOf(r[1])));
          return resolve(new Response('this host does not accept WebSockets (a Durable Object on workerd does)\n', { status: 501 }));
        }
        if (r === atom('streamed')) return slot.closed || slot.controller?.close();
        if (r === atom('stream_failed')) return slot.closed || slot.controller?.error(new BeamwasmError('the handler failed while streaming its response'));
        const e = new BeamwasmError(`the HTTP handler answered an unknown term`);
        if (slot.started) slot.controller?.error(e);
        else reject(e);
      },
      (e) => {
        done();
        if (slot.started) slot.closed || slot.controller?.error(e);
        else reject(e);
      },
    );
  });
}

function responseHeaders(list) {
  const h = new Headers();
  for (const [k, v] of list) h.append(textOf(k), textOf(v));
  return h;
}

function textOf(v) {
  return typeof v === 'string' ? v : new TextDecoder().decode(v);
}
