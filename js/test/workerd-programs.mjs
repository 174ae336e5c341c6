// workerd-programs.mjs — the compiled programs and the local workerd of the JS host's
// workerd tests (js/test/workerd/config.capnp embeds all of them).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { repoRoot, here } from './helpers.js';
import { startWorkerd } from '../../examples/workerd/test/workerd-process.mjs';

const beamwasm = path.join(repoRoot, 'target/release/beamwasm');

let built = false;
/** Builds every program the test config embeds into js/test/workerd/build (once). */
export function build() {
  if (built) return;
  const out = path.join(here, 'workerd/build');
  fs.mkdirSync(out, { recursive: true });
  for (const [entry, src, wasm] of [['Ticker.main', 'ticker.ex', 'ticker.wasm'], ['Digests.main', 'digests.ex', 'digests.wasm'], ['HttpApp.main', 'http_app.ex', 'http_app.wasm'], ['SqlApp.main', 'sql_app.ex', 'sql_app.wasm'], ['SqlWait.main', 'sql_wait.ex', 'sql_wait.wasm'], ['Objects.main', 'objects.ex', 'objects.wasm'], ['Alarms.main', 'alarms.ex', 'alarms.wasm']]) {
    execFileSync(beamwasm, ['build', '--entry', entry, '-o', path.join(out, wasm), path.join(here, 'programs', src)], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  built = true;
}

/** Starts workerd on the test config with its object storage in a new directory. */
export async function start(t, storageDir) {
  const own = !storageDir;
  storageDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'bw-wd-'));
  const wd = await startWorkerd('js/test/workerd/config.capnp', { storageDir, readyPath: '/?ready' });
  t.after(async () => {
    await wd.stop();
    if (own) fs.rmSync(storageDir, { recursive: true, force: true });
  });
  return wd;
}

