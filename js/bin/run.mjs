#!/usr/bin/env node
// run.mjs — runs a beamwasm program on Node: what `beamwasm run --engine node` executes.
//
//   node js/bin/run.mjs [--entry=N] PROGRAM.wasm [ARG...]
//
// --entry=N starts the module's entry N (its index in the `beamwasm.entries` section; 0,
// the first, by default): `beamwasm run MODULE.wasm --entry ...` chooses it (docs/ABI.md).
// Standard output and error are the program's; the exit status is the program's
// (`bw_exit_code()`). A deadlock (every process waits forever), a trap or a host failure is
// reported on stderr as `beamwasm: ...` with exit status 1, in the embedded wasmtime host's
// words (crates/host-wasmtime).
// BEAMWASM_TIMING=1 prints compile, instantiate and run times (ms) to stderr at the end.
// Needs a Node with final WasmGC, tail calls and exnref (Node >= 24; Node 20 cannot).

import fs from 'node:fs';
import { instantiateNode, writeAll } from '../src/node.js';

const argv = process.argv.slice(2);
const entryFlag = argv[0] && /^--entry=(\d+)$/.exec(argv[0]);
if (entryFlag) argv.shift();
const entry = entryFlag ? Number(entryFlag[1]) : 0;
const [file, ...args] = argv;
if (!file) {
  writeAll(2, new TextEncoder().encode('usage: run.mjs [--entry=N] PROGRAM.wasm [ARG...]\n'));
  process.exit(2);
}

const fail = (message) => {
  writeAll(2, new TextEncoder().encode(`beamwasm: ${message}\n`));
  process.exitCode = 1;
};

try {
  const t0 = performance.now();
  const bytes = fs.readFileSync(file);
  let module;
  try {
    module = await WebAssembly.compile(bytes);
  } catch (e) {
    throw new Error(`cannot load the module: ${e.message}`);
  }
  const t1 = performance.now();
  // BEAMWASM_ALLOW_NET: `beamwasm run --allow-net=...`'s list (absent: every host).
  const allowNet = process.env.BEAMWASM_ALLOW_NET ? process.env.BEAMWASM_ALLOW_NET.split(',') : null;
  // BEAMWASM_ALLOW_RUN: `beamwasm run --allow-run=...`'s list (absent: every program).
  const allowRun = process.env.BEAMWASM_ALLOW_RUN ? process.env.BEAMWASM_ALLOW_RUN.split(',') : null;
  const program = await instantiateNode(module, { allowNet, allowRun });
  const t2 = performance.now();
  const result = await program.run(args, { entry });
  const t3 = performance.now();
  if (result.status === 'halted') process.exitCode = result.exitCode;
  else fail('every process is waiting for a message that can never arrive');
  if (process.env.BEAMWASM_TIMING === '1') {
    const ms = (x) => x.toFixed(2);
    writeAll(2, new TextEncoder().encode(`beamwasm timing (node ${process.version}): compile ${ms(t1 - t0)} ms, instantiate ${ms(t2 - t1)} ms, run ${ms(t3 - t2)} ms\n`));
  }
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
// Sockets the program left open must not keep Node running after it halted.
process.exit();
