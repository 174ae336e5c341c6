// node-usage.ts — the package as a Node user types it (tsconfig.node.json: @types/node).
// Checked by `tsc --noEmit` (types.test.mjs), never run. Every `@ts-expect-error` line is
// a misuse the declarations must reject: if one is accepted, tsc fails.

import fs from 'node:fs';
import { runNode, instantiateNode, nodeEffects, nodeFs, writeAll, type NodeOverrides } from '@beamwasm/host/node';
import { nodeSqlite, nodeSqlBackend } from '@beamwasm/host/sqlite-node';
import { etf, memoryStorage, BeamwasmError, HALTED, type Program, type RunResult, type SchedulerState } from '@beamwasm/host';
import { encode, decode, atom, tuple, Tuple, type Term } from '@beamwasm/host/etf';

export async function main(): Promise<number> {
  const bytes = fs.readFileSync('app.wasm');
  const result: RunResult = await runNode(bytes, ['a', 'b'], { allowNet: ['127.0.0.1:8080'], allowRun: null });
  if (result.status === 'halted') return result.exitCode;
  // @ts-expect-error a deadlock has no exit code
  return result.exitCode;
}

export async function service(): Promise<void> {
  const db = nodeSqlite(':memory:');
  const overrides: NodeOverrides = { ...db.effects, storage: memoryStorage() };
  const program: Program = await instantiateNode(new WebAssembly.Module(new Uint8Array(8)), overrides);
  program.start([]);
  const state: SchedulerState = await program.idle();
  if (state === HALTED) throw new BeamwasmError(`halted: ${program.exitCode}`);
  const reply: Term = decode(await program.call('Elixir.Counter', encode(tuple(atom('add'), 5))));
  if (reply instanceof Tuple && reply[0] === atom('ok')) console.log(reply[1]);
  const all: Uint8Array[] = await Promise.all([1, 2, 3].map((n) => program.call('Elixir.Counter', etf.encode(n))));
  console.log(all.length, nodeSqlBackend(db.db).query('SELECT 1', []).rows);
  program.keepDriving();
  db.close();
  // @ts-expect-error call takes ETF bytes, not a JS value
  await program.call('Elixir.Counter', 5);
  // @ts-expect-error the name of a registered process is a string
  await program.send(atom('x'), encode(1));
}

export function effects(): void {
  const e = nodeEffects({ write: (fd, b) => writeAll(fd, b) });
  e.write(1, new Uint8Array([104, 105]));
  const ns: bigint = e.monotonicNs();
  const fd: number = nodeFs.open('/tmp/x', { read: true, write: false, append: false, exclusive: false });
  nodeFs.close(fd);
  // @ts-expect-error file descriptors 1 and 2 only
  e.write(3, new Uint8Array());
  // @ts-expect-error allowNet is a list of hosts
  nodeEffects({ allowNet: '127.0.0.1' });
  console.log(ns);
}
