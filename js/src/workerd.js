// workerd.js — the workerd (Cloudflare Workers) adapter. The `.wasm` is shipped as a module
// (workerd refuses to compile bytes at run time), so this takes a `WebAssembly.Module`.
// Output goes to callbacks (default: collected per stream), files to an in-memory file
// system, digests to workerd's `node:crypto`, and a Durable Object's SQLite storage backs
// the `storage` effect.

import { instantiateModule } from './host.js';
import { webEffects, objectEnv } from './common.js';
import { textSink } from './output.js';
import { memoryFs } from './memfs.js';
import { nodeDigest } from './digest.js';
import { httpEffects, fetchEffects } from './http.js';
import { sqlEffects } from './sql.js';

// TCP clients over `connect()` from cloudflare:sockets (cfsockets.js), when the
// configuration embeds that module: it imports cloudflare:sockets, which only workerd has,
// so it is loaded here rather than imported (a configuration without it, and Node, get no
// TCP: tcp_connect stays unwired).
const cfsockets = await import('./cfsockets.js').catch(() => null);

/**
 * workerd effects. Options: `onStdout(text)`, `onStderr(text)` (default: console.log and
 * console.error), `env` (an object: the Worker's `env` or any other; its string, number
 * and boolean values become the environment, bindings are skipped), `files` (the seed of
 * the in-memory file system), and any effect by name, which replaces the default: `write`,
 * `env` (an effect `{ get, list }`), `fs`, `storage`, `digest`, `randomFill`,
 * `monotonicNs`, `systemNs`, `setTimer`, `yieldNow`; and `allowNet`, the hosts
 * Beamwasm.Fetch and gen_tcp may reach (default: every host the Worker's outbound network
 * allows), and
 * `fetch` (default: the global `fetch`; a Worker may pass a service binding's).
 */
export function workerdEffects(options = {}) {
  const { onStdout, onStderr, env = {}, files = {}, allowNet = null, fetch, ...effects } = options;
  const out = onStdout ?? ((t) => console.log(t));
  const err = onStderr ?? ((t) => console.error(t));
  return {
    ...webEffects(),
    write: textSink((fd, text) => (fd === 1 ? out(text) : err(text))),
    env: typeof env.get === 'function' && typeof env.list === 'function' ? env : objectEnv(plainVars(env)),
    fs: memoryFs(files),
    digest: nodeDigest(),
    ...effects,
    host: {
      ...httpEffects(),
      ...fetchEffects({ allow: allowNet, ...(fetch ? { fetch } : {}) }),
      ...(cfsockets ? cfsockets.cfSocketEffects({ allow: allowNet }) : {}),
      ...effects.host,
    },
  };
}

/** The entries of `env` that are variables (strings, numbers, booleans), not bindings. */
function plainVars(env) {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v)));
}

/** Instantiates a compiled module with workerd's effects (synchronous). */
export function instantiateWorkerd(module, options = {}) {
  return instantiateModule(module, { effects: workerdEffects(options), hostName: 'workerd' });
}

/** Runs a program to its end and returns its output: `{ exitCode, status, stdout, stderr }`. */
export async function runCollect(module, args = [], options = {}) {
  let stdout = '';
  let stderr = '';
  const program = instantiateWorkerd(module, { ...options, onStdout: (t) => (stdout += t), onStderr: (t) => (stderr += t) });
  const result = await program.run(args);
  return { ...result, stdout, stderr };
}

/**
 * The `storage` effect over a Durable Object's SQLite storage (`ctx.storage.sql`, which
 * needs `enableSql = true` / a `new_sqlite_classes` migration). Synchronous, as the import
 * requires. Keys and values are byte strings; writes inside one request are committed
 * together by the Durable Object's implicit transaction.
 */
export function sqlStorage(sql, table = 'beamwasm_kv') {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new Error(`sqlStorage: bad table name ${table}`);
  sql.exec(`CREATE TABLE IF NOT EXISTS ${table} (key BLOB PRIMARY KEY, value BLOB NOT NULL)`);
  return {
    get(key) {
      const rows = sql.exec(`SELECT value FROM ${table} WHERE key = ?`, key).toArray();
      return rows.length ? new Uint8Array(rows[0].value) : undefined;
    },
    put(key, value) {
      sql.exec(`INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value);
    },
    delete(key) {
      return sql.exec(`DELETE FROM ${table} WHERE key = ?`, key).rowsWritten > 0;
    },
  };
}

/**
 * Beamwasm.SQL on a Durable Object's SQLite database (`ctx.storage`): its options for
 * workerdEffects, `{ host, afterRun }`. Transactions run inside `transactionSync`, which
 * workerd requires instead of BEGIN (see sql.js).
 */
export function durableSql(storage) {
  const sql = sqlEffects(durableSqlBackend(storage));
  return { host: sql.ops, afterRun: [sql.afterRun] };
}

/**
 * The SQL backend over `ctx.storage.sql`. workerd binds every number as a REAL and has no
 * integer binding, so each placeholder whose parameter is an integer is written
 * `CAST(? AS INTEGER)` in the statement sent (exact up to 2^53; larger integers are an
 * error); and it gives numbers back without their SQLite type: an integral number comes
 * back as an INTEGER, any other as a REAL (so a REAL column's 2.0 reads as 2;
 * docs/LIMITATIONS.md).
 */
export function durableSqlBackend(storage) {
  const sql = storage.sql;
  const value = (v) => (typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : v);
  return {
    query(q, params) {
      const [text, bound] = castIntegers(q, params);
      const cursor = sql.exec(text, ...bound);
      const columns = cursor.columnNames;
      const rows = [...cursor.raw()].map((row) => row.map(value));
      if (columns.length > 0) return { columns, rows, changes: 0, lastInsertId: 0 };
      const [changes, lastInsertId] = sql.exec('SELECT changes(), last_insert_rowid()').raw().next().value;
      return { columns, rows, changes, lastInsertId: BigInt(lastInsertId) };
    },
    execute(q) {
      sql.exec(q);
    },
    transactionSync: (fn) => storage.transactionSync(fn),
  };
}

/**
 * The statement with each placeholder (`?`, `?NNN`) of an integer parameter wrapped in
 * CAST(... AS INTEGER), and the parameters as workerd binds them. Placeholders inside
 * string literals, quoted names and comments are left alone.
 */
export function castIntegers(q, params) {
  const bound = params.map((v) => {
    if (typeof v !== 'bigint') return v;
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError(`the integer ${v} is beyond 2^53, which workerd's SQL API cannot bind`);
    }
    return Number(v);
  });
  if (!params.some((v) => typeof v === 'bigint')) return [q, bound];
  let out = '';
  let next = 0; // the index of the next plain `?`
  for (let i = 0; i < q.length; ) {
    const c = q[i];
    const quoteEnd = { "'": "'", '"': '"', '`': '`', '[': ']' }[c];
    if (quoteEnd) {
      let j = i + 1;
      while (j < q.length && q[j] !== quoteEnd) j++;
      out += q.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' && q[i + 1] === '-') {
      const j = q.indexOf('\n', i);
      const end = j < 0 ? q.length : j;
      out += q.slice(i, end);
      i = end;
    } else if (c === '/' && q[i + 1] === '*') {
      const j = q.indexOf('*/', i + 2);
      const end = j < 0 ? q.length : j + 2;
      out += q.slice(i, end);
      i = end;
    } else if (c === '?') {
      let j = i + 1;
      while (j < q.length && q[j] >= '0' && q[j] <= '9') j++;
      const token = q.slice(i, j);
      const index = j > i + 1 ? Number(q.slice(i + 1, j)) - 1 : next;
      next = Math.max(next, index + 1);
      out += typeof params[index] === 'bigint' ? `CAST(${token} AS INTEGER)` : token;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return [out, bound];
}
