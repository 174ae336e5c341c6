// workerd-fetch.test.mjs — outbound HTTP from Elixir on workerd (Beamwasm.Fetch over the
// Worker's fetch; js/test/workerd-net/): in a stateless Worker's kept instance and in a
// Durable Object, js/test/programs/fetch_app.ex's handler fetches from a local server
// (fetch-server.mjs) and answers with the status, headers and body it got; its report of
// GET, POST, binary, chunked, 404, redirect, timeout and refused is the VM's through :httpc
// but for what workerd's fetch cannot give (docs/LIMITATIONS.md, "Outbound HTTP"). And
// gen_tcp over connect() from cloudflare:sockets (js/src/cfsockets.js): tcp_client.ex's
// output with a local echo server is the VM's; listen is unwired; and over it :httpc,
// unmodified, gives the VM's report exactly. And ssl over a TLS socket of workerd's: a TLS
// client (tcp_client.ex's TcpClient.tls) and :httpc over https, against local TLS servers
// whose certificates a test CA made here signed, which the configuration's network service
// trusts (workerd takes no CA from the program). Skipped when beamwasm, workerd or openssl
// is missing.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { repoRoot, here } from './helpers.js';
import { workerdBin, startWorkerd } from '../../examples/workerd/test/workerd-process.mjs';
import { startServer, startEcho, closedUrl, TEXT_HEADERS, BINARY_BODY } from './fetch-server.mjs';

const beamwasm = path.join(repoRoot, 'target/release/beamwasm');
const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const skip = !fs.existsSync(beamwasm) ? 'target/release/beamwasm is not built' : !fs.existsSync(workerdBin) ? 'workerd is not installed' : !hasOpenssl ? 'openssl is not installed' : false;
const source = path.join(here, 'programs/fetch_app.ex');
const run = promisify(execFile);

const tcpSource = path.join(here, 'programs/tcp_client.ex');

/**
 * A test CA and a server certificate for localhost and 127.0.0.1 it signed (P-256), made
 * with openssl in `dir`: `{ caPem, caDer, key, cert }`.
 */
function makeCerts(dir, name) {
  const ssl = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  ssl('req', '-x509', ...ec, '-keyout', `${name}-ca.key`, '-out', `${name}-ca.pem`, '-days', '2', '-subj', `/CN=beamwasm ${name} CA`);
  ssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', '/CN=localhost');
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  ssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${name}-ca.pem`, '-CAkey', `${name}-ca.key`, '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', `${name}.pem`);
  const read = (f) => fs.readFileSync(path.join(dir, f), 'utf8');
  const caPem = read(`${name}-ca.pem`);
  const caDer = Buffer.from(caPem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64').toString('base64');
  return { caPem, caDer, key: read(`${name}.key`), cert: read(`${name}.pem`) };
}

let built = false;
let certs = null;
/**
 * Builds the programs js/test/workerd-net/config.capnp embeds, and the test CA it trusts
 * (build/test-ca.pem) with a certificate from an unrelated CA (once).
 */
function build() {
  if (built) return;
  const out = path.join(here, 'workerd-net/build');
  fs.mkdirSync(out, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-certs-'));
  certs = { test: makeCerts(tmp, 'test'), other: makeCerts(tmp, 'other') };
  fs.writeFileSync(path.join(out, 'test-ca.pem'), certs.test.caPem);
  for (const [entry, src, wasm] of [['FetchApp.main', source, 'fetch_app.wasm'], ['TcpClient.main', tcpSource, 'tcp_client.wasm'], ['TcpClient.listen', tcpSource, 'tcp_listen.wasm'], ['FetchApp.print_httpc', source, 'httpc_report.wasm'], ['FetchApp.print_https', source, 'https_report.wasm'], ['TcpClient.tls', tcpSource, 'tls_client.wasm']]) {
    execFileSync(beamwasm, ['build', '--entry', entry, '-o', path.join(out, wasm), src], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  built = true;
}

async function startWd(t) {
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-wd-'));
  const wd = await startWorkerd('js/test/workerd-net/config.capnp', { storageDir, readyPath: '/?ready' });
  t.after(async () => {
    await wd.stop();
    fs.rmSync(storageDir, { recursive: true, force: true });
  });
  return wd;
}

/** FetchApp.print_vm(base, refused) on the real VM (asynchronous: the server is in this process). */
async function onVm(base, refused) {
  const ebin = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-vm-'));
  const lib = execFileSync(beamwasm, ['lib'], { encoding: 'utf8' }).trim();
  execFileSync('elixirc', ['-pa', lib, '-o', ebin, source], { stdio: ['ignore', 'ignore', 'inherit'] });
  const { stdout } = await run('elixir', ['-pa', ebin, '-e', `FetchApp.print_vm(${JSON.stringify(base)}, ${JSON.stringify(refused)})`], { encoding: 'utf8', timeout: 60000 });
  return stdout;
}

test('workerd: Elixir fetches from a local server in a Worker and in a Durable Object: status, headers and body exact; the report is the VM\'s', { skip, timeout: 180000 }, async (t) => {
  build();
  const server = await startServer();
  t.after(() => server.close());
  const refused = await closedUrl();
  const wd = await startWd(t);
  const get = (p) => fetch(wd.url + p, { signal: AbortSignal.timeout(20000) });

  // What workerd's fetch cannot give (docs/LIMITATIONS.md): a header's bytes that are not
  // UTF-8 (the VM's <<99, 97, 102, 233>>) arrive decoded as UTF-8, U+FFFD in place of the
  // byte; and its errors carry no code, so a refused connection is "Network connection lost.".
  const vm = await onVm(server.url, refused);
  const expected = vm
    .replaceAll('{"x-bytes", <<99, 97, 102, 233>>}', '{"x-bytes", "caf\uFFFD"}')
    .replace('refused error :econnrefused', 'refused error {:fetch_failed, "Network connection lost."}');
  assert.notEqual(expected, vm, 'the VM report has the two lines the workerd report differs in');

  for (const where of ['worker', 'object']) {
    const res = await get(`/${where}/proxy?url=${encodeURIComponent(server.url + '/plain')}`);
    const body = new Uint8Array(await res.arrayBuffer());
    assert.equal(res.status, 201, `${where}: ${new TextDecoder().decode(body)}\n${wd.log()}`);
    assert.deepEqual(body, BINARY_BODY, `${where}: the binary body arrived exactly`);
    assert.equal(res.headers.get('content-type'), TEXT_HEADERS['content-type']);
    assert.equal(res.headers.get('x-one'), TEXT_HEADERS['x-one']);
    assert.equal(res.headers.get('x-asked'), 'no');
    assert.deepEqual(res.headers.getSetCookie(), TEXT_HEADERS['set-cookie']);

    const report = await get(`/${where}/report?base=${encodeURIComponent(server.url)}&refused=${encodeURIComponent(refused)}`);
    assert.equal(report.status, 200, wd.log());
    assert.equal(await report.text(), expected, where);
  }
  assert.doesNotMatch(wd.log(), /different request|Uncaught|never generate a response/, 'workerd reported no cross-request promise');
});

test("workerd: a gen_tcp client over cloudflare:sockets (passive, active once, line packets, peername, the peer closing, a refused connection) prints the VM's output; listen is unwired", { skip, timeout: 180000 }, async (t) => {
  build();
  const echo = await startEcho();
  t.after(() => echo.close());
  const refused = new URL(await closedUrl()).port;
  const wd = await startWd(t);
  const res = await fetch(`${wd.url}/tcp?echo=${echo.port}&refused=${refused}`, { signal: AbortSignal.timeout(30000) });
  assert.equal(res.status, 200, wd.log());
  const got = await res.json();
  assert.equal(got.stderr, '');
  assert.equal(got.exitCode, 0);

  const ebin = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-vm-'));
  execFileSync('elixirc', ['-o', ebin, tcpSource], { stdio: ['ignore', 'ignore', 'inherit'] });
  const vm = await run('elixir', ['-pa', ebin, '-e', 'TcpClient.main'], { env: { ...process.env, ECHO_PORT: String(echo.port), REFUSED_PORT: refused }, encoding: 'utf8', timeout: 60000 });
  assert.equal(got.stdout, vm.stdout);
  assert.match(got.stdout, /^refused: \{:error, :econnrefused\}$/m);

  const listen = await (await fetch(`${wd.url}/tcp-listen`, { signal: AbortSignal.timeout(30000) })).json();
  assert.equal(listen.stdout, '{:error, {:unwired_host_effect, :tcp_listen}}\n');
});

test("workerd: :httpc, unmodified, over gen_tcp over cloudflare:sockets gives the VM's report exactly", { skip, timeout: 180000 }, async (t) => {
  build();
  const server = await startServer();
  t.after(() => server.close());
  const refused = await closedUrl();
  const wd = await startWd(t);
  const res = await fetch(`${wd.url}/httpc?base=${encodeURIComponent(server.url)}&refused=${encodeURIComponent(refused)}`, { signal: AbortSignal.timeout(60000) });
  assert.equal(res.status, 200, wd.log());
  const got = await res.json();
  assert.equal(got.stderr, '');
  assert.equal(got.exitCode, 0);
  assert.equal(got.stdout, await onVm(server.url, refused));
});

/** Runs an Elixir entry of `src` on the VM with `env`; its stdout. */
async function vmRun(src, call, env) {
  const ebin = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-vm-'));
  const lib = execFileSync(beamwasm, ['lib'], { encoding: 'utf8' }).trim();
  execFileSync('elixirc', ['-pa', lib, '-o', ebin, src], { stdio: ['ignore', 'ignore', 'inherit'] });
  const { stdout } = await run('elixir', ['-pa', ebin, '-e', call], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60000 });
  return stdout;
}

test("workerd: an ssl client over a cloudflare:sockets TLS socket (passive, active once, line packets, the peer closing) prints the VM's output; another CA is refused; verify_none is an error that says why", { skip, timeout: 180000 }, async (t) => {
  build();
  const echo = await startEcho({ key: certs.test.key, cert: certs.test.cert });
  const other = await startEcho({ key: certs.other.key, cert: certs.other.cert });
  t.after(() => Promise.all([echo.close(), other.close()]));
  const wd = await startWd(t);
  const q = new URLSearchParams({ port: echo.port, other: other.port, ca: certs.test.caDer });
  const res = await fetch(`${wd.url}/tls?${q}`, { signal: AbortSignal.timeout(30000) });
  assert.equal(res.status, 200, wd.log());
  const got = await res.json();
  assert.equal(got.stderr, '', wd.log());
  assert.equal(got.exitCode, 0);
  const vm = await vmRun(tcpSource, 'TcpClient.tls', { TLS_PORT: String(echo.port), TLS_OTHER_PORT: String(other.port), TLS_CA: certs.test.caDer });
  // workerd always verifies: verify_none is refused, saying so (the VM connects); and its
  // error for a refused certificate does not say why ("proxy request failed, cannot connect
  // to the specified address"), so the alert is handshake_failure, not unknown_ca.
  const expected = vm
    .replace(
      'tls verify_none: :ok',
      'tls verify_none: {:error, {:options, {:verify, :verify_none, "workerd always verifies the server\'s certificate; verify_none cannot be honoured"}}}',
    )
    .replace('tls other CA: :unknown_ca', 'tls other CA: :handshake_failure');
  assert.notEqual(expected, vm, 'the VM connects with verify_none');
  assert.match(vm, /^tls other CA: :unknown_ca$/m);
  assert.equal(got.stdout, expected);
});

test("workerd: :httpc over https (ssl over a cloudflare:sockets TLS socket) gives the VM's report exactly", { skip, timeout: 180000 }, async (t) => {
  build();
  const server = await startServer({ key: certs.test.key, cert: certs.test.cert });
  t.after(() => server.close());
  const refused = (await closedUrl()).replace('http:', 'https:');
  const wd = await startWd(t);
  const q = new URLSearchParams({ base: server.url, refused, ca: certs.test.caDer });
  const res = await fetch(`${wd.url}/https?${q}`, { signal: AbortSignal.timeout(60000) });
  assert.equal(res.status, 200, wd.log());
  const got = await res.json();
  assert.equal(got.stderr, '', wd.log());
  assert.equal(got.exitCode, 0);
  const vm = await vmRun(source, 'FetchApp.print_https', { FETCH_BASE: server.url, FETCH_REFUSED: refused, TLS_CA: certs.test.caDer });
  assert.match(vm, /^text 200 /m);
  assert.equal(got.stdout, vm);
});
