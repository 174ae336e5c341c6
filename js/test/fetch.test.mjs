// fetch.test.mjs — outbound HTTP from Elixir through the host's fetch on Node
// (Beamwasm.Fetch, js/src/http.js): js/test/programs/fetch_app.ex's report of requests to a
// local server (fetch-server.mjs) is the VM's, made there with :httpc; the allow-list gives
// eacces; a host without the effect raises {unwired_host_effect, fetch}, as the embedded
// wasmtime host does; bad URLs and options are errors. Skipped when beamwasm is not built.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { repoRoot, here, capture } from './helpers.js';
import { instantiateNode } from '../src/node.js';
import { fetchEffects } from '../src/http.js';
import { atom } from '../src/etf.js';
import { startServer, closedUrl } from './fetch-server.mjs';

const beamwasm = path.join(repoRoot, 'target/release/beamwasm');
const skip = fs.existsSync(beamwasm) ? false : 'target/release/beamwasm is not built';
const source = path.join(here, 'programs/fetch_app.ex');

let dir = null;
function built(entry) {
  dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'bw-fetch-'));
  const out = path.join(dir, `${entry}.wasm`);
  if (!fs.existsSync(out)) execFileSync(beamwasm, ['build', '--entry', entry, '-o', out, source], { stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

const run = promisify(execFile);

/**
 * The output of `FetchApp.print_vm(base, refused)` on the real VM (:httpc). Asynchronous:
 * the test's server answers from this process's event loop.
 */
async function onVm(base, refused) {
  const ebin = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-vm-'));
  const lib = execFileSync(beamwasm, ['lib'], { encoding: 'utf8' }).trim();
  execFileSync('elixirc', ['-pa', lib, '-o', ebin, source], { stdio: ['ignore', 'ignore', 'inherit'] });
  const { stdout } = await run('elixir', ['-pa', ebin, '-e', `FetchApp.print_vm(${JSON.stringify(base)}, ${JSON.stringify(refused)})`], { encoding: 'utf8', timeout: 60000 });
  return stdout;
}

async function runEntry(entry, env, overrides = {}) {
  const out = capture();
  const program = await instantiateNode(fs.readFileSync(built(entry)), {
    write: out.write,
    env: { get: (n) => env[n], list: () => Object.entries(env) },
    ...overrides,
  });
  const result = await program.run([]);
  return { result, stdout: out.text(1), stderr: out.text(2) };
}

test("Node: Beamwasm.Fetch's report of GET, POST, binary, chunked, 404, redirect, timeout and refused is the VM's through :httpc", { skip, timeout: 120000 }, async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const refused = await closedUrl();
  const env = { FETCH_BASE: server.url, FETCH_REFUSED: refused };
  const { result, stdout, stderr } = await runEntry('FetchApp.print', env);
  assert.deepEqual(result, { status: 'halted', exitCode: 0 }, stderr);
  assert.equal(stdout, await onVm(server.url, refused));
  assert.match(stdout, /^binary 200 .* 256 <<0, 1, 2,/m, 'the binary body arrived whole');
  assert.match(stdout, /^refused error :econnrefused$/m);
  assert.match(stdout, /^slow error :timeout$/m);
});

test('Node: the allow-list (allowNet) refuses the other hosts and ports with eacces, redirects included', { skip, timeout: 60000 }, async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const refused = await closedUrl();
  const env = { FETCH_BASE: server.url, FETCH_REFUSED: refused };
  const only = await runEntry('FetchApp.print', env, { allowNet: [`127.0.0.1:${server.port}`] });
  assert.match(only.stdout, /^text 200 /m);
  assert.match(only.stdout, /^redirect 200 /m);
  assert.match(only.stdout, /^refused error :eacces$/m, 'the other port is not on the list');
  const none = await runEntry('FetchApp.print', env, { allowNet: ['example.com'] });
  const lines = none.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 8);
  for (const line of lines) assert.match(line, /^\w+ error :eacces$/);
});

test('fetchEffects: a redirect to a host outside the allow-list is refused at that hop; one inside is followed', { timeout: 60000 }, async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const ask = (allow, p) =>
    new Promise((resolve) => {
      const program = { hold: () => () => {}, post: (_pid, [, , answer]) => resolve(answer) };
      const bin = (s) => new TextEncoder().encode(s);
      const args = [bin('GET'), bin(server.url + p), [], atom('nil'), atom('infinity'), atom('follow')];
      assert.equal(fetchEffects({ allow }).fetch(['pid', 'ref', args], program), atom('ok'));
    });
  const status = (answer) => (answer[0] === atom('ok') ? answer[1][0] : answer[1]);
  // /away redirects to http://localhost:PORT/text: 'localhost' on a list stands for the
  // loopback addresses, a literal address does not stand for a name.
  assert.equal(status(await ask([`127.0.0.1:${server.port}`], '/away')), atom('eacces'));
  assert.equal(status(await ask([`127.0.0.1:${server.port}`, 'localhost'], '/away')), 200);
  assert.equal(status(await ask(null, '/away')), 200);
  assert.equal(status(await ask(['localhost'], '/redirect')), 200);
});

test('Node: bad URLs are {:error, {:bad_url, url}}, bad options an ArgumentError', { skip, timeout: 60000 }, async () => {
  const { result, stdout } = await runEntry('FetchApp.errors', { FETCH_BASE: 'http://127.0.0.1:9' });
  assert.deepEqual(result, { status: 'halted', exitCode: 0 });
  assert.equal(
    stdout,
    [
      '{:error, {:bad_url, "nope"}}',
      '{:error, {:bad_url, "ftp://127.0.0.1/x"}}',
      '{:error, {:bad_url, "http://[::1"}}',
      '{:raised, "argument error: {:url, 42}"}',
      '{:raised, "argument error: {:method, 1}"}',
      '{:raised, "argument error: {:headers, :x}"}',
      '{:raised, "argument error: {:body, :x}"}',
      '{:raised, "argument error: {:timeout, -1}"}',
      '{:raised, "argument error: {:redirect, :maybe}"}',
      '',
    ].join('\n'),
  );
});

test('a host without the fetch effect raises {unwired_host_effect, fetch}: a JS host without it, and the embedded wasmtime host', { skip, timeout: 180000 }, async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const env = { FETCH_BASE: server.url, FETCH_REFUSED: await closedUrl() };
  const js = await runEntry('FetchApp.print', env, { host: { fetch: undefined } });
  assert.deepEqual(js.result, { status: 'halted', exitCode: 1 });
  assert.match(js.stderr, /\{:unwired_host_effect, :fetch\}/);
  // The command line: a small Erlang program, which it compiles quickly.
  const cli = await run(beamwasm, ['run', '--entry', 'fetch_unwired.main', path.join(here, 'programs/fetch_unwired.erl')], { encoding: 'utf8', timeout: 170000 });
  assert.equal(cli.stdout, 'error {unwired_host_effect,fetch}\n');
});
