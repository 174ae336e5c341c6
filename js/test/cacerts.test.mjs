// cacerts.test.mjs — public_key:cacerts_get/0 of a compiled Erlang program
// (js/test/programs/bw_cacerts.erl) on Node's real file system, where it reads the
// machine's trust store as the VM does, and on the in-memory file system of browsers and
// workerd, where there is no store and it fails as the VM fails on a machine without one
// (the VM run in a mount namespace with an empty /etc/ssl and /etc/pki). Skipped when
// target/release/beamwasm or erlc is missing; the no-store half also when the machine
// does not allow `unshare -m`.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { repoRoot, here, buildErl, runWithFs } from './helpers.js';
import { nodeFs } from '../src/node.js';
import { memoryFs } from '../src/index.js';

const beamwasm = path.join(repoRoot, 'target/release/beamwasm');
const source = path.join(here, 'programs/bw_cacerts.erl');
const has = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const skip = !fs.existsSync(beamwasm) ? 'target/release/beamwasm is not built' : !has('erlc') ? 'no erlc' : false;

// The VM's output, normally or (noStore) with empty tmpfs mounts over the store's
// directories; null when the machine refuses the mount namespace.
function vmOutput(noStore) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-cacerts-vm-'));
  try {
    execFileSync('erlc', ['-o', dir, source]);
    const erl = `erl -noshell -pa '${dir}' -eval 'bw_cacerts:main(), halt().'`;
    if (!noStore) return execFileSync('sh', ['-c', erl], { encoding: 'utf8' });
    const hide = ['/etc/ssl', '/etc/pki'].filter((d) => fs.existsSync(d)).map((d) => `mount -t tmpfs none ${d} && `).join('');
    try {
      return execFileSync('unshare', ['-m', 'sh', '-c', `${hide}${erl}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return null;
    }
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
}

const compiled = () => buildErl(source, 'bw_cacerts.main');
const run = runWithFs;

test('cacerts_get: the host trust store on Node, the VM error for no store in memory', { skip }, async (t) => {
  const module = await compiled();
  assert.equal(await run(module, nodeFs), vmOutput(false), "Node's file system");
  const noStore = vmOutput(true);
  if (noStore === null) {
    t.skip('unshare -m is not allowed here');
    return;
  }
  assert.match(noStore, /badmatch/);
  assert.equal(await run(module, memoryFs()), noStore, 'in-memory file system');
});
