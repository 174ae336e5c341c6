// workerd-process.mjs — starts and stops a local workerd for the examples' tests and load
// test: on 127.0.0.1 only, on a free port, with its Durable Object storage in a directory
// the caller owns. Bounded: every wait has a deadline.

import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const workerdBin = path.join(repoRoot, 'js/node_modules/.bin/workerd');
export const buildDir = path.join(repoRoot, 'examples/workerd/build');

/** Fails with the command that builds them when the example programs are missing. */
export function requirePrograms(...names) {
  for (const n of names) {
    const f = path.join(buildDir, n);
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run scripts/js-examples.sh first`);
  }
  if (!fs.existsSync(workerdBin)) throw new Error(`${workerdBin} is missing: run scripts/bootstrap.sh`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts `workerd serve CONFIG` on a free 127.0.0.1 port; resolves once it answers HTTP.
 * @returns {Promise<{ url: string, pid: number, stop(): Promise<void>, log(): string }>}
 */
export async function startWorkerd(config, { storageDir, readyPath = '/', timeoutMs = 20000 } = {}) {
  const port = await freePort();
  const args = ['serve', config, '--socket-addr', `http=127.0.0.1:${port}`];
  if (storageDir) args.push('--directory-path', `do-storage=${storageDir}`);
  const child = spawn(workerdBin, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const served = await serving(child, 'workerd', {
    url: `http://127.0.0.1:${port}`,
    readyPath,
    timeoutMs,
    pollMs: 50,
    kill: (sig) => child.kill(sig),
  });
  return { url: served.url, pid: child.pid, log: served.log, stop: served.stop };
}

/**
 * Collects `child`'s output and waits until `url + readyPath` answers (polling every
 * `pollMs`); `stop()` sends `kill('SIGTERM')`, then `kill('SIGKILL')` after 5 s. A child
 * that exits or does not answer in time is an error carrying its output, named `name`.
 */
async function serving(child, name, { url, readyPath, timeoutMs, pollMs, kill, fetchTimeoutMs }) {
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}) while starting:\n${log}`);
    try {
      await fetch(url + readyPath, fetchTimeoutMs ? { signal: AbortSignal.timeout(fetchTimeoutMs) } : {});
      break;
    } catch {
      if (Date.now() > deadline) {
        kill('SIGKILL');
        throw new Error(`${name} did not answer on ${url} within ${timeoutMs} ms:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
  return {
    url,
    log: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The resident set size of a process, in bytes (Linux /proc). */
export function rssBytes(pid) {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) * 1024;
}

export const wranglerJs = path.join(repoRoot, 'js/node_modules/wrangler/bin/wrangler.js');

/**
 * What `wrangler` needs to run offline: no metrics, no fetch of the `Request.cf` object (a
 * placeholder is used), no banner (whose update check asks the npm registry), no login
 * prompt; HOME and TMPDIR in `dir`, so nothing of the user's account or caches is read.
 */
export function wranglerOfflineEnv(dir) {
  return {
    ...process.env,
    HOME: dir,
    TMPDIR: dir,
    CI: '1',
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_HIDE_BANNER: 'true',
  };
}

/**
 * Starts `wrangler dev --local` for the example in `exampleDir` on a free 127.0.0.1 port,
 * offline (wranglerOfflineEnv), with its Durable Objects' state in `persistDir`; resolves
 * once it answers HTTP. wrangler runs workerd itself (through Miniflare), so the example
 * runs as `wrangler dev` runs it for a user.
 */
export async function startWranglerDev(exampleDir, { persistDir, readyPath = '/', timeoutMs = 60000 } = {}) {
  const port = await freePort();
  const home = fs.mkdtempSync(path.join(persistDir, '..', 'wrangler-home-'));
  const args = [wranglerJs, 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', '0', '--persist-to', persistDir, '--show-interactive-dev-session=false'];
  // Its own process group, so that stopping it stops the workerd it started too.
  const child = spawn(process.execPath, args, { cwd: exampleDir, env: wranglerOfflineEnv(home), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const kill = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  const served = await serving(child, 'wrangler dev', {
    url: `http://127.0.0.1:${port}`,
    readyPath,
    timeoutMs,
    pollMs: 100,
    kill,
    fetchTimeoutMs: 5000,
  });
  return {
    url: served.url,
    log: served.log,
    async stop() {
      await served.stop();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
