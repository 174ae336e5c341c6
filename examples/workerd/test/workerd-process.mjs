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
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`workerd exited (${child.exitCode}) while starting:\n${log}`);
    try {
      await fetch(url + readyPath);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`workerd did not answer on ${url} within ${timeoutMs} ms:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    pid: child.pid,
    log: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
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
