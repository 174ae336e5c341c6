// helpers.js — shared by the JS host's tests: assembling the WAT fixtures (with the `wabt`
// dev dependency), capturing a program's output, building an Erlang program and running it
// with a file effect.

import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const fixtures = path.join(here, 'fixtures');

let wabt;
/** The binary of the fixture `name` (a .wat file under fixtures/). */
export async function fixture(name) {
  wabt ??= await wabtInit();
  const file = path.join(fixtures, name);
  const mod = wabt.parseWat(file, fs.readFileSync(file, 'utf8'), { exceptions: true, tail_call: true, multi_value: true, bulk_memory: true });
  try {
    mod.resolveNames();
    mod.validate();
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}

/** Writes the fixture's binary to `dir` and returns its path. */
export async function fixtureFile(name, dir) {
  const out = path.join(dir, name.replace(/\.wat$/, '.wasm'));
  fs.writeFileSync(out, await fixture(name));
  return out;
}

/** Effects overrides that capture writes as a list of [fd, text] in `log`. */
export function capture() {
  const log = [];
  const dec = new TextDecoder();
  return { log, write: (fd, bytes) => log.push([fd, dec.decode(bytes)]), text: (fd) => log.filter(([f]) => f === fd).map(([, t]) => t).join('') };
}

/**
 * Builds the Erlang source `source` with target/release/beamwasm, entry `entry`, and
 * compiles the module.
 */
export async function buildErl(source, entry) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bw-build-')), 'program.wasm');
  execFileSync(path.join(repoRoot, 'target/release/beamwasm'), ['build', '--entry', entry, '-o', out, source], { stdio: ['ignore', 'ignore', 'ignore'] });
  return WebAssembly.compile(fs.readFileSync(out));
}

/** Runs `module` on Node with the file effect `fsEffect`; its stdout (it must exit 0). */
export async function runWithFs(module, fsEffect) {
  const { instantiateNode } = await import('../src/node.js');
  const out = capture();
  const program = await instantiateNode(module, { write: out.write, fs: fsEffect });
  const result = await program.run([]);
  if (result.exitCode !== 0) throw new Error(`exit ${result.exitCode}: ${out.text(2)}`);
  return out.text(1);
}
