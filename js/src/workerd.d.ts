// workerd.d.ts — types of workerd.js, the workerd adapter (`@beamwasm/host/workerd`). The
// storage types are structural, so these need no Workers type package; the objects of
// @cloudflare/workers-types (`ctx.storage`, `ctx.storage.sql`) fit them.

import type { AfterRunHook, Effects, EnvEffect, HostOps, Program, RunResult, StorageEffect } from './host.js';
import type { SqlBackend, SqlValue } from './sql.js';

/**
 * Options of workerd's effects: output callbacks, the environment (the Worker's `env`: its
 * string, number and boolean values become variables, bindings are skipped; or an
 * EnvEffect), the seed of the in-memory file system, and any effect by name, which
 * replaces the default (`host` ops are added to the default ones).
 */
export interface WorkerdOptions extends Partial<Omit<Effects, 'env'>> {
  onStdout?: (text: string) => void;
  onStderr?: (text: string) => void;
  env?: EnvEffect | object;
  files?: Record<string, string | Uint8Array>;
  /**
   * The hosts Beamwasm.Fetch and gen_tcp (over `cloudflare:sockets`) may reach: 'HOST' or
   * 'HOST:PORT' entries; null (the default): every host the platform lets the Worker reach.
   */
  allowNet?: readonly string[] | null;
  /** The `fetch` Beamwasm.Fetch uses (default: the global one; e.g. a service binding's). */
  fetch?: typeof globalThis.fetch;
}

/** workerd's effects. */
export function workerdEffects(options?: WorkerdOptions): Effects;

/** Instantiates a compiled module with workerd's effects (synchronously). */
export function instantiateWorkerd(module: WebAssembly.Module, options?: WorkerdOptions): Program;

/** Runs a program to its end and returns its output. */
export function runCollect(module: WebAssembly.Module, args?: readonly string[], options?: WorkerdOptions): Promise<RunResult & { stdout: string; stderr: string }>;

/** The cursor of `SqlStorage.exec`, as far as the host uses it. */
export interface SqlCursorLike {
  toArray(): Array<Record<string, any>>;
  one(): Record<string, any>;
  raw(): IterableIterator<any[]>;
  readonly columnNames: string[];
  readonly rowsWritten: number;
}

/** A Durable Object's `ctx.storage.sql`, as far as the host uses it. */
export interface SqlStorageLike {
  exec(query: string, ...bindings: any[]): SqlCursorLike;
}

/** A Durable Object's `ctx.storage`, as far as the host uses it. */
export interface DurableStorageLike {
  readonly sql: SqlStorageLike;
  transactionSync<T>(fn: () => T): T;
}

/** The storage effect in table `table` (default `beamwasm_kv`) of a Durable Object's SQLite database. */
export function sqlStorage(sql: SqlStorageLike, table?: string): StorageEffect;

/** Beamwasm.SQL on a Durable Object's database: options for workerdEffects. */
export function durableSql(storage: DurableStorageLike): { host: HostOps; afterRun: AfterRunHook[] };

/** The SQL backend over `ctx.storage.sql` (integers bound through CAST, exact up to 2^53). */
export function durableSqlBackend(storage: DurableStorageLike): SqlBackend;

/** The statement with each integer parameter's placeholder wrapped in CAST(... AS INTEGER), and the parameters as bound. */
export function castIntegers(query: string, params: readonly SqlValue[]): [string, Array<Exclude<SqlValue, bigint> | number>];
