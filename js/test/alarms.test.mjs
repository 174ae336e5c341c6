// alarms.test.mjs — durable timers (Beamwasm.Alarm, js/test/programs/alarms.ex) in a Durable
// Object on a local workerd: an alarm fires while the object lives; one set before workerd
// stops fires after it starts again (the object and its program start for it); a cancelled
// one never fires. Skipped when beamwasm or workerd is missing.

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
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('alarms fire in a live object, survive a restart of workerd, and can be cancelled', { skip, timeout: 300000 }, async (t) => {
  build();
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-alarms-'));
  t.after(() => fs.rmSync(storageDir, { recursive: true, force: true }));
  const ask = async (wd, p) => {
    const res = await fetch(`${wd.url}/alarms/clock/${p}`, { signal: AbortSignal.timeout(15000) });
    const body = await res.text();
    assert.equal(res.status, 200, `${p}: ${body}\n${wd.log()}`);
    return body;
  };
  const until = async (wd, want, ms) => {
    let got;
    for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) {
      got = await ask(wd, 'got');
      if (got === want) return got;
    }
    return got;
  };

  let wd = await start(t, storageDir);
  assert.equal(await ask(wd, 'got'), '[]');
  assert.match(await ask(wd, 'set/100/soon'), /^\d+$/);
  assert.equal(await until(wd, '["soon"]', 10000), '["soon"]', 'fired while the object lived');

  const cancelled = await ask(wd, 'set/1500/never');
  await ask(wd, 'set/2000/after-restart');
  assert.equal(await ask(wd, `cancel/${cancelled}`), 'true');
  assert.equal(await ask(wd, `cancel/${cancelled}`), 'false', 'cancelled once');
  assert.match(await ask(wd, 'pending'), /^\[\{\d+, Alarms\.Box\}\]$/);
  await wd.stop();

  await sleep(500);
  wd = await start(t, storageDir);
  // No request touches the object: workerd starts it for its alarm.
  await sleep(3000);
  assert.equal(await until(wd, '["soon", "after-restart"]', 15000), '["soon", "after-restart"]', 'the alarm set before the restart fired after it');
  assert.equal(await ask(wd, 'pending'), '[]');
});
