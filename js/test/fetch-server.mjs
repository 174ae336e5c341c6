// fetch-server.mjs — the local HTTP server of the outbound HTTP tests (fetch.test.mjs,
// workerd-fetch.test.mjs; the requests are js/test/programs/fetch_app.ex's): on 127.0.0.1,
// a free port, answers fixed by path. `closedUrl()` is a loopback address nothing listens on;
// `startEcho()` a TCP echo server (tcp_client.ex). With `{ key, cert }` (PEM) both speak TLS.

import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

export const TEXT_HEADERS = {
  'content-type': 'text/plain; charset=utf-8',
  'x-one': '1',
  'set-cookie': ['a=1; Path=/', 'b=2'],
};
export const TEXT_BODY = 'hello, fetch\n';
export const BINARY_BODY = Uint8Array.from({ length: 256 }, (_, i) => i);

function handle(req, res) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    switch (req.url) {
      case '/text':
        res.writeHead(200, { ...TEXT_HEADERS, 'x-bytes': 'caf\xe9', 'x-asked': req.headers['x-asked'] ?? 'no' });
        return res.end(TEXT_BODY);
      case '/plain': // ASCII headers only, for the proxy (http.js sends a handler's header values as UTF-8 text)
        res.writeHead(201, { ...TEXT_HEADERS, 'x-asked': 'no' });
        return res.end(BINARY_BODY);
      case '/binary':
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return res.end(BINARY_BODY);
      case '/echo':
        res.writeHead(201, { 'content-type': 'application/octet-stream', 'x-method': req.method, 'x-length': String(body.length) });
        return res.end(body);
      case '/chunked':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('one,');
        setTimeout(() => res.end('two'), 20);
        return;
      case '/away': // to the same server by name
        res.writeHead(302, { location: `http://localhost:${req.socket.localPort}/text` });
        return res.end();
      case '/redirect':
        res.writeHead(302, { location: '/text' });
        return res.end();
      case '/slow':
        setTimeout(() => res.writeHead(200).end('late\n'), 2000).unref();
        return;
      default:
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('no such thing\n');
    }
  });
}

/** Starts the server (https with `tls`, by name); resolves to `{ url, requests, close() }`. */
export function startServer(tlsOptions = null) {
  return new Promise((resolve, reject) => {
    const server = tlsOptions ? https.createServer(tlsOptions, handle) : http.createServer(handle);
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: tlsOptions ? `https://localhost:${port}` : `http://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

/**
 * A TCP echo server on 127.0.0.1: sends back what it gets, and ends the connection after a
 * chunk that ends with "quit". Resolves to `{ port, close() }`.
 */
export function startEcho(tlsOptions = null) {
  return new Promise((resolve, reject) => {
    const server = (tlsOptions ? (f) => tls.createServer(tlsOptions, f) : (f) => net.createServer(f))((sock) => {
      sock.on('data', (d) => {
        sock.write(d);
        if (d.toString('latin1').endsWith('quit')) sock.end();
      });
      sock.on('error', () => {});
    });
    server.once('error', reject);
    if (tlsOptions) server.on('tlsClientError', () => {});
    server.listen(0, '127.0.0.1', () => resolve({ port: server.address().port, close: () => new Promise((r) => server.close(() => r())) }));
  });
}

/** A loopback URL nothing listens on (a port that was free a moment ago). */
export function closedUrl() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
}
