// sql.test.mjs — Beamwasm.SQL: the same program (js/test/programs/sql_app.ex) on the
// command line (`beamwasm run --sqlite FILE`), on Node (node:sqlite) and in a Durable Object
// on workerd (ctx.storage.sql) prints the same lines, and they say what the API promises:
// typed rows, parameters, errors as exceptions, commit, rollback, nested transactions,
// another process waiting for an open transaction, storage in the same database. Then a
// transaction that waits for a timer: it commits where the host can hold it open, and is
// rolled back, with the reason, in a Durable Object. Skipped when beamwasm or workerd is
// missing.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { repoRoot, here, capture } from './helpers.js';
import { runNode } from '../src/node.js';
import { nodeSqlite } from '../src/sqlite-node.js';
import { workerdBin } from '../../examples/workerd/test/workerd-process.mjs';
import { build, start } from './workerd-programs.mjs';

const beamwasm = path.join(repoRoot, 'target/release/beamwasm');
const skip = !fs.existsSync(beamwasm) ? 'target/release/beamwasm is not built' : !fs.existsSync(workerdBin) ? 'workerd is not installed' : false;

function onCli(src, entry) {
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bw-sql-')), 'app.db');
  const stdout = execFileSync(beamwasm, ['run', '--sqlite', db, '--entry', entry, path.join(here, 'programs', src)], { encoding: 'utf8' });
  const tables = execFileSync(beamwasm, ['run', '--sqlite', db, '--entry', 'SqlTables.main', path.join(here, 'programs/sql_tables.ex')], { encoding: 'utf8' });
  return { stdout, tables };
}

async function onNode(wasm) {
  const db = nodeSqlite(':memory:');
  const out = capture();
  const r = await runNode(fs.readFileSync(path.join(here, 'workerd/build', wasm)), [], { ...db.effects, write: out.write });
  assert.equal(r.exitCode, 0, out.text(2));
  return out.text(1);
}

async function onWorkerd(wd, name, program) {
  const res = await fetch(`${wd.url}/sql/${name}?program=${program}`, { signal: AbortSignal.timeout(20000) });
  assert.equal(res.status, 200, await res.clone().text());
  const r = await res.json();
  assert.equal(r.exitCode, 0, r.stderr);
  return r.stdout;
}

test('the same SQL program on the command line, Node and a Durable Object', { skip, timeout: 300000 }, async (t) => {
  build();
  const cli = onCli('sql_app.ex', 'SqlApp.main');
  assert.match(cli.tables, /users/, 'the database is a real SQLite file, with the tables the program made');
  const node = await onNode('sql_app.wasm');
  const wd = await start(t);
  const object = await onWorkerd(wd, 'one', 'app');
  assert.equal(node, cli.stdout, 'Node and the command line');
  assert.equal(object, cli.stdout, 'a Durable Object and the command line');
  const expect = [
    'insert: {1, 1}',
    'row: [1, "ada", 2.5, <<0, 1, 255>>, "real"]',
    'row: [2, "grace", nil, nil, "null"]',
    'types: [["integer", "real", "text", "integer", 1099511627777]]',
    'unique: {Beamwasm.SQL.Error, true, "INSERT INTO users (name) VALUES (\'ada\')"}',
    'raised: no such table: nowhe',
    'commit: {:ok, [[3.5]]}',
    'rollback: {:error, :nope}',
    'after rollback: 3',
    'raised out of a transaction: inside',
    'after raise: 3',
    'nested: {:error, :rollback}',
    'after nested: 3',
    'other process saw: [["in-tx"]]',
    'storage: {:ok, "v"}',
  ];
  for (const line of expect) assert.ok(cli.stdout.split('\n').includes(line), `missing: ${line}\n${cli.stdout}`);
});

test('a transaction that waits for a timer commits on the command line and Node, and is rolled back in a Durable Object', { skip, timeout: 300000 }, async (t) => {
  build();
  const cli = onCli('sql_wait.ex', 'SqlWait.main').stdout;
  assert.equal(cli, 'committed\nrows: [[1], [2]]\nafterwards: [[1]]\n');
  assert.equal(await onNode('sql_wait.wasm'), cli);
  const wd = await start(t);
  const object = await onWorkerd(wd, 'wait', 'wait');
  // The insert after the wait fails, and so does the commit: the transaction's result.
  assert.match(object, /^transaction failed: the transaction was rolled back: it cannot wait for messages or timers while open on this host\n    statement: COMMIT\n/);
  assert.match(object, /\nrows: \[\]\nafterwards: \[\[1\]\]\n$/, 'nothing of it was kept, and the database works afterwards');
});
