// compiled_files.test.mjs — file operations of a compiled Erlang program
// (js/test/programs/bw_files.erl) on Node's real file system and on the in-memory file
// system of browsers and workerd, each compared with the real VM running the same program
// in a fresh directory. Skipped when target/release/beamwasm or erlc is missing.

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
const source = path.join(here, 'programs/bw_files.erl');
const has = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const skip = !fs.existsSync(beamwasm) ? 'target/release/beamwasm is not built' : !has('erlc') ? 'no erlc' : false;

function vmOutput() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-files-vm-'));
  execFileSync('erlc', ['-o', dir, source]);
  const out = execFileSync('erl', ['-noshell', '-pa', dir, '-eval', 'bw_files:main(), halt().'], { cwd: dir, encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true });
  return out;
}

const compiled = () => buildErl(source, 'bw_files.main');
const run = runWithFs;

test('files: the in-memory file system and the real one answer as the VM does', { skip }, async () => {
  const expected = vmOutput();
  const module = await compiled();
  assert.equal(await run(module, memoryFs()), expected, 'in-memory file system');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-files-node-'));
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    assert.equal(await run(module, nodeFs), expected, "Node's file system");
  } finally {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true });
  }
});
