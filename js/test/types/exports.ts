// exports.ts — the names each entry point exports, checked both ways: tsc checks that each
// list names exactly what the declarations export (a missing or an extra name is an error),
// and types.test.mjs checks, at run time, that each entry point's module exports exactly
// these names. So the declarations and the code cannot drift apart unnoticed.

import type * as Index from '@beamwasm/host';
import type * as NodeEntry from '@beamwasm/host/node';
import type * as Browser from '@beamwasm/host/browser';
import type * as Workerd from '@beamwasm/host/workerd';
import type * as SqliteNode from '@beamwasm/host/sqlite-node';
import type * as Etf from '@beamwasm/host/etf';

type Names<M> = { [K in keyof M]: true };

export const index: Names<typeof Index> = {
  instantiate: true, instantiateModule: true, moduleEntries: true, Program: true, BeamwasmError: true,
  HALTED: true, TIMER: true, WAITING: true, YIELDED: true, UnwiredEffectError: true, wiredNames: true,
  webEffects: true, objectEnv: true, memoryStorage: true, yieldToEventLoop: true, memoryFs: true, textSink: true,
  handleRequest: true, httpEffects: true, HTTP_SERVICE: true, sqlEffects: true, etf: true,
};
export const node: Names<typeof NodeEntry> = { writeAll: true, nodeFs: true, nodeEffects: true, instantiateNode: true, runNode: true };
export const browser: Names<typeof Browser> = { browserEffects: true, instantiateBrowser: true };
export const workerd: Names<typeof Workerd> = {
  workerdEffects: true, instantiateWorkerd: true, runCollect: true, sqlStorage: true, durableSql: true, durableSqlBackend: true, castIntegers: true,
};
export const sqliteNode: Names<typeof SqliteNode> = { nodeSqlBackend: true, nodeSqliteStorage: true, nodeSqlite: true };
export const etf: Names<typeof Etf> = {
  Atom: true, atom: true, Tuple: true, tuple: true, ImproperList: true, Float: true, float: true, Opaque: true, text: true, encode: true, decode: true,
};
