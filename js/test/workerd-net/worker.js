// worker.js — outbound HTTP from Elixir on workerd, for js/test/workerd-fetch.test.mjs:
// js/test/programs/fetch_app.ex's handler (Beamwasm.HTTP), whose routes fetch through
// Beamwasm.Fetch, in a stateless Worker's kept instance and in a Durable Object.
//
//   GET /worker/proxy?url=U              the Worker's instance fetches U and answers what it got
//   GET /worker/report?base=B&refused=R  its report of requests to the test server B
//   GET /object/...                      the same in FetchObject, a BeamwasmObject
//   GET /tcp?echo=P&refused=R            the output of tcp_client.ex (gen_tcp over
//                                        cloudflare:sockets) with the echo server on port P
//   GET /tcp-listen                      the output of TcpClient.listen
//   GET /httpc?base=B&refused=R          FetchApp's report made with :httpc, over gen_tcp
//   GET /https?base=B&refused=R&ca=C     the same over https (ssl over workerd's TLS sockets), C the CA
//   GET /tls?port=P&other=O&ca=C         the output of TcpClient.tls: ssl over workerd's TLS sockets

import fetchApp from './build/fetch_app.wasm';
import tcpClient from './build/tcp_client.wasm';
import tcpListen from './build/tcp_listen.wasm';
import httpcReport from './build/httpc_report.wasm';
import httpsReport from './build/https_report.wasm';
import tlsClient from './build/tls_client.wasm';
import { BeamwasmObject } from '../../src/durable.js';
import { handleRequest } from '../../src/http.js';
import { instantiateWorkerd, runCollect } from '../../src/workerd.js';

export class FetchObject extends BeamwasmObject {
  static program = fetchApp;
}

let shared = null;

export default {
  fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/' && url.search === '?ready') return new Response('ok\n');
    if (url.pathname === '/tcp') {
      const env = { ECHO_PORT: url.searchParams.get('echo'), REFUSED_PORT: url.searchParams.get('refused') };
      return runCollect(tcpClient, [], { env }).then((r) => Response.json(r));
    }
    if (url.pathname === '/httpc') {
      const env = { FETCH_BASE: url.searchParams.get('base'), FETCH_REFUSED: url.searchParams.get('refused') };
      return runCollect(httpcReport, [], { env }).then((r) => Response.json(r));
    }
    if (url.pathname === '/https') {
      const env = { FETCH_BASE: url.searchParams.get('base'), FETCH_REFUSED: url.searchParams.get('refused'), TLS_CA: url.searchParams.get('ca') };
      return runCollect(httpsReport, [], { env }).then((r) => Response.json(r));
    }
    if (url.pathname === '/tls') {
      const env = { TLS_PORT: url.searchParams.get('port'), TLS_OTHER_PORT: url.searchParams.get('other'), TLS_CA: url.searchParams.get('ca') };
      return runCollect(tlsClient, [], { env }).then((r) => Response.json(r));
    }
    if (url.pathname === '/tcp-listen') return runCollect(tcpListen).then((r) => Response.json(r));
    const [, where, ...rest] = url.pathname.split('/');
    const inner = new Request(new URL('/' + rest.join('/') + url.search, url), request);
    if (where === 'object') return env.FETCH.get(env.FETCH.idFromName('one')).fetch(inner);
    if (where === 'worker') {
      if (!shared) {
        shared = instantiateWorkerd(fetchApp, {});
        shared.start([]);
      }
      return handleRequest(shared, inner);
    }
    return new Response('not found\n', { status: 404 });
  },
};
