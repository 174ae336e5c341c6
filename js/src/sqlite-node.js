// sqlite-node.js — Beamwasm.SQL and the storage effect on Node, over node:sqlite (Node 24+;
// no package to install): a database file, or ':memory:'.
//
//   import { nodeSqlite } from '@beamwasm/host/sqlite-node';
//   const db = nodeSqlite('app.db');
//   const program = await instantiateNode(wasm, db.effects);

import { DatabaseSync } from 'node:sqlite';
import { sqlEffects } from './sql.js';

/** The SQL backend over an open DatabaseSync. */
export function nodeSqlBackend(db) {
  return {
    query(sql, params) {
      const stmt = db.prepare(sql);
      stmt.setReadBigInts(true);
      stmt.setReturnArrays(true);
      const columns = stmt.columns().map((c) => c.name);
      if (columns.length > 0) {
        const rows = stmt.all(...params);
        return { columns, rows, changes: 0, lastInsertId: 0 };
      }
      const { changes, lastInsertRowid } = stmt.run(...params);
      return { columns, rows: [], changes: Number(changes), lastInsertId: lastInsertRowid };
    },
    execute: (sql) => db.exec(sql),
    begin: () => db.exec('BEGIN'),
    commit: () => db.exec('COMMIT'),
    rollback: () => db.exec('ROLLBACK'),
  };
}

/** The storage effect (key-value) in table `beamwasm_kv` of the same database. */
export function nodeSqliteStorage(db) {
  db.exec('CREATE TABLE IF NOT EXISTS beamwasm_kv (key BLOB PRIMARY KEY, value BLOB NOT NULL)');
  const get = db.prepare('SELECT value FROM beamwasm_kv WHERE key = ?');
  const put = db.prepare('INSERT INTO beamwasm_kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const del = db.prepare('DELETE FROM beamwasm_kv WHERE key = ?');
  return {
    get: (k) => {
      const row = get.get(k);
      return row ? new Uint8Array(row.value) : undefined;
    },
    put: (k, v) => void put.run(k, v),
    delete: (k) => del.run(k).changes > 0,
  };
}

/**
 * A database for a program on Node: `effects` to pass to `instantiateNode` (SQL and
 * storage), and `close()`.
 */
export function nodeSqlite(path = ':memory:') {
  const db = new DatabaseSync(path);
  const sql = sqlEffects(nodeSqlBackend(db));
  return {
    db,
    effects: { host: sql.ops, afterRun: [sql.afterRun], storage: nodeSqliteStorage(db) },
    close: () => db.close(),
  };
}
