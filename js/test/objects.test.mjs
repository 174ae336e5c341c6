// objects.test.mjs — Durable Objects whose processes call each other (Beamwasm.Object,
// js/test/programs/objects.ex) on a local workerd: GenServer.call and cast to a registered
// process of another object over Workers RPC, its state surviving a restart of workerd;
// the exits a caller sees as GenServer.call's (noproc, the callee's exit reason, timeout,
// and nodedown for an object that cannot be reached). Skipped when beamwasm or workerd is
// missing.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './helpers.js';
import { workerdBin } from '../../examples/workerd/test/workerd-process.mjs';
import { build, start } from './workerd-programs.mjs';

const beamwasm = path.join(repoRoot, 'target/release/beamwasm');
const skip = !fs.existsSync(beamwasm) ? 'target/release/beamwasm is not built' : !fs.existsSync(workerdBin) ? 'workerd is not installed' : false;

test('objects call each other, across a restart of workerd', { skip, timeout: 300000 }, async (t) => {
  build();
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-objects-'));
  t.after(() => fs.rmSync(storageDir, { recursive: true, force: true }));
  const ask = async (wd, p) => {
    const res = await fetch(`${wd.url}/objects/${p}`, { signal: AbortSignal.timeout(15000) });
    const body = await res.text();
    assert.equal(res.status, 200, `${p}: ${body}\n${wd.log()}`);
    return body;
  };

  let wd = await start(t, storageDir);
  assert.equal(await ask(wd, 'alpha/call/beta/put/color/blue'), '{:stored, "color"}');
  assert.equal(await ask(wd, 'alpha/call/beta/get/color'), '"blue"');
  assert.equal(await ask(wd, 'beta/local/get/color'), '"blue"', 'the value is in beta, not alpha');
  assert.equal(await ask(wd, 'alpha/local/get/color'), 'nil');
  assert.equal(await ask(wd, 'beta/call/alpha/put/shape/round'), '{:stored, "shape"}', 'and the other way');
  assert.equal(await ask(wd, 'alpha/cast/beta/size/big'), ':cast');
  let size;
  for (let i = 0; i < 50 && size !== '"big"'; i++) {
    size = await ask(wd, 'beta/local/get/size');
    if (size !== '"big"') await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(size, '"big"', 'a cast arrives');
  const together = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(wd, `alpha/call/beta/put/k${i}/${i}`)));
  assert.deepEqual(together, Array.from({ length: 10 }, (_, i) => `{:stored, "k${i}"}`));

  assert.equal(await ask(wd, 'alpha/exit/beta/nobody'), '{:exit, :noproc}');
  assert.equal(await ask(wd, 'alpha/exit/beta/crash'), '{:exit, :crashed_on_purpose}');
  assert.equal(await ask(wd, 'alpha/exit/beta/slow'), '{:exit, :timeout}');
  assert.equal(await ask(wd, 'alpha/exit/beta/unbound'), '{:exit, {:nodedown, {"NOT_BOUND", "beta"}}}');
  assert.equal(await ask(wd, 'alpha/call/beta/get/color'), '"blue"', "the crash ended beta's program (its store is linked to the entry); the object starts it again on the next call");
  await wd.stop();

  wd = await start(t, storageDir);
  assert.equal(await ask(wd, 'alpha/call/beta/get/color'), '"blue"', 'after the restart');
  assert.equal(await ask(wd, 'beta/call/alpha/get/shape'), '"round"');
  assert.equal(await ask(wd, 'alpha/call/beta/get/k9'), '"9"');
});
