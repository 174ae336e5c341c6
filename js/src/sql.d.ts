// sql.d.ts — types of sql.js: Beamwasm.SQL over a synchronous SQLite backend.

import type { AfterRunHook, HostOps } from './host.js';

/** A value as the backend binds it or gives it back: INTEGER, REAL, TEXT, BLOB, NULL. */
export type SqlValue = bigint | number | string | Uint8Array | null;

export interface SqlQueryResult {
  columns: string[];
  rows: Array<Array<SqlValue | ArrayBuffer>>;
  /** Rows changed, for a statement that returns none. */
  changes: number;
  lastInsertId?: bigint | number;
}

/**
 * A synchronous SQLite connection: `query` and `execute`, and for transactions either
 * begin/commit/rollback or `transactionSync` (workerd, which refuses BEGIN).
 */
export interface SqlBackend {
  query(sql: string, params: SqlValue[]): SqlQueryResult;
  /** Several statements, no parameters. */
  execute(sql: string): void;
  begin?(): void;
  commit?(): void;
  rollback?(): void;
  transactionSync?<T>(fn: () => T): T;
}

/** The host-channel ops of Beamwasm.SQL over `backend`, and its `afterRun` hook. */
export function sqlEffects(backend: SqlBackend): { ops: HostOps; afterRun: AfterRunHook };
