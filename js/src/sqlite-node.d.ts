// sqlite-node.d.ts — types of sqlite-node.js: Beamwasm.SQL and storage on Node over
// node:sqlite (`@beamwasm/host/sqlite-node`).

import type { DatabaseSync } from 'node:sqlite';
import type { AfterRunHook, HostOps, StorageEffect } from './host.js';
import type { SqlBackend } from './sql.js';

/** The SQL backend over an open DatabaseSync. */
export function nodeSqlBackend(db: DatabaseSync): SqlBackend;

/** The storage effect in table `beamwasm_kv` of the same database. */
export function nodeSqliteStorage(db: DatabaseSync): StorageEffect;

/** A database (a file, or ':memory:') for a program: `effects` to pass to instantiateNode. */
export function nodeSqlite(path?: string): {
  db: DatabaseSync;
  effects: { host: HostOps; afterRun: AfterRunHook[]; storage: StorageEffect };
  close(): void;
};
