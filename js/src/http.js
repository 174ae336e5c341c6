// http.js — HTTP requests into the program (docs/HTTP.md), and out of it (Beamwasm.Fetch,
// at the end of this file). In: a `Request` becomes a call to the
// process registered as `beamwasm_http` (Beamwasm.HTTP on the Erlang side), whose reply
// becomes a `Response`. The same on Node, workerd (Workers and Durable Objects) and
// browsers (a service worker). Streamed responses (Beamwasm.Conn.send_chunked/2) arrive
// through the host channel: `http_start` sends the head, `http_chunk` each chunk.

import { encode, decode, atom, tuple, text, Atom, Tuple } from './etf.js';
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

// --- outbound: Beamwasm.Fetch ---------------------------------------------------------------
//
// HTTP requests from the program through the platform's `fetch` (docs/ABI.md §6, "HTTP
// through fetch"; the Erlang side is Beamwasm.Fetch, crates/runtime/erl/
// Elixir.Beamwasm.Fetch.erl). Node, browsers and workerd (Workers and Durable Objects) wire
// it; the embedded wasmtime host does not (the program raises {unwired_host_effect, fetch}).
// It lives here rather than in a module of its own because the workerd configurations that
// embed http.js then have it with no change.
//
// The request `{Pid, Ref, {Method, Url, Headers, Body, Timeout, Redirect}}` is answered `ok`
// at once; the response (or the error) is posted later to the process that asked as
// `{beamwasm_host, Ref, {ok, {Status, Headers, Body}} | {error, Reason}}`. Meanwhile the
// request holds the program (`hold()`), so a process waiting for it is not a deadlock.
//
//   fetchEffects({ allow: ['127.0.0.1:8080', 'api.example.com'] })   // default: every host
//   fetchEffects({ fetch: myFetch })                                 // default: globalThis.fetch

const OK = atom('ok');
const HOST = atom('beamwasm_host');
const MAX_REDIRECTS = 20; // as the fetch standard

/**
 * `allow`: null (every host) or a list of 'HOST' / 'HOST:PORT' ('*' for any host;
 * 'localhost' also stands for 127.0.0.1 and ::1), the same list TCP takes (tcp.js).
 */
export function permits(allow, host, port) {
  if (!allow) return true;
  const h0 = host.replace(/^\[|\]$/g, '');
  return allow.some((entry) => {
    const m = /^\[?([^\]]*?)\]?(?::(\d+))?$/.exec(String(entry).trim());
    if (!m) return false;
    const [, h, p] = m;
    const loop = h0 === '127.0.0.1' || h0 === '::1' || h0 === '0:0:0:0:0:0:0:1';
    const hostOk = h === '*' || h === h0 || (h === 'localhost' && loop);
    return hostOk && (p === undefined || Number(p) === port);
  });
}

/** The port a URL reaches: its own, or its scheme's. */
const portOf = (url) => Number(url.port || (url.protocol === 'https:' ? 443 : 80));

/** A header value as the bytes it came as (fetch's values are byte strings). */
function byteString(s) {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255) return new TextEncoder().encode(s);
    out[i] = c;
  }
  return out;
}

/** A request header's bytes as fetch's byte string (one character per byte). */
function headerText(bytes) {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

/** The Erlang reason for a failed fetch. */
export function reasonOf(e) {
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return atom('timeout');
  const codes = [e?.code, e?.cause?.code, ...(e?.cause?.errors ?? []).map((x) => x?.code)];
  const code = codes.find((c) => typeof c === 'string' && /^E[A-Z]+$/.test(c));
  if (code) return atom(code.toLowerCase());
  const message = String(e?.message ?? e);
  // workerd names no code; its messages for a refused or unreachable peer:
  if (/connection refused|ECONNREFUSED/i.test(message)) return atom('econnrefused');
  return tuple(atom('fetch_failed'), message);
}

/** The `fetch` host-channel effect: { fetch }. */
export function fetchEffects({ allow = null, fetch = (...a) => globalThis.fetch(...a) } = {}) {
  return {
    fetch([pid, ref, args], program) {
      const release = program.hold();
      let answered = false;
      const answer = (term) => {
        if (answered) return;
        answered = true;
        program.post(pid, tuple(HOST, ref, term));
        release();
      };
      request(fetch, allow, args).then(answer, (e) => answer(tuple(atom('error'), reasonOf(e))));
      return OK;
    },
  };
}

async function request(fetch, allow, [method, urlBin, headers, body, timeout, redirect]) {
  const urlText = text(urlBin);
  let url;
  try {
    url = new URL(urlText);
  } catch {
    return tuple(atom('error'), tuple(atom('bad_url'), urlBin));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return tuple(atom('error'), tuple(atom('bad_url'), urlBin));
  const init = {
    method: text(method),
    headers: headers.map(([k, v]) => [text(k), headerText(v)]),
    body: body instanceof Atom ? undefined : body,
    redirect: redirect instanceof Atom && redirect.name === 'manual' ? 'manual' : 'follow',
  };
  if (typeof timeout === 'number') init.signal = AbortSignal.timeout(timeout);
  // With an allow-list, redirects are followed here, each hop checked against it.
  const follow = allow && init.redirect === 'follow';
  if (follow) init.redirect = 'manual';
  let res;
  for (let hops = 0; ; hops++) {
    if (!permits(allow, url.hostname, portOf(url))) return tuple(atom('error'), atom('eacces'));
    res = await fetch(url.href, init);
    const location = res.headers.get('location');
    if (!follow || ![301, 302, 303, 307, 308].includes(res.status) || location === null) break;
    if (hops === MAX_REDIRECTS) return tuple(atom('error'), tuple(atom('fetch_failed'), 'redirect count exceeded'));
    await res.arrayBuffer();
    url = new URL(location, url);
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && init.method === 'POST')) {
      init.method = init.method === 'HEAD' ? 'HEAD' : 'GET';
      init.body = undefined;
    }
  }
  const body2 = new Uint8Array(await res.arrayBuffer());
  const list = [...res.headers].map(([k, v]) => tuple(k, byteString(v)));
  return tuple(OK, tuple(res.status, list, body2));
}
