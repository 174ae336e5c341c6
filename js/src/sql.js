// sql.js — the effects of Beamwasm.SQL (docs/SQL.md) over a synchronous SQLite backend:
// node:sqlite on Node (sqlite-node.js), a Durable Object's `ctx.storage.sql` on workerd
// (workerd.js). The requests (crates/runtime/erl/Elixir.Beamwasm.SQL.erl):
//
//   sql_query    {Pid, Sql, Params}  {ok, Columns, Rows, NumRows, LastInsertId} | {error, Message}
//   sql_execute  {Pid, Sql}          ok | {error, Message}            (several statements)
//   sql_begin    {Pid}               ok | wait | busy | {error, Message}
//   sql_commit   {Pid}               ok | wait | {error, Message}
//   sql_rollback {Pid}               ok | wait | {error, Message}
//
// Parameters arrive as integers, {float, F}, binaries (TEXT; BLOB when not UTF-8), {blob, B}
// and nil. A
// transaction belongs to the process that began it: another process's request is answered
// `busy`, and that process is sent {beamwasm_sql, free} when the transaction ends.
//
// A backend: { query(sql, params) -> { columns, rows, changes, lastInsertId }, execute(sql) }
// where params and row values are bigint (INTEGER), number (REAL), string (TEXT),
// Uint8Array (BLOB) or null; and for transactions either begin()/commit()/rollback(), or
// transactionSync(fn) (workerd, which refuses BEGIN: the transaction is one synchronous
// call). With transactionSync, `begin` answers `wait`; after the scheduler returns, the host
// runs the scheduler inside transactionSync until the owner commits or rolls back, and
// answers {beamwasm_sql, done}. If every process waits on something else meanwhile (a timer,
// another object) the transaction cannot be held open: it is rolled back and the owner's
// further statements fail until it ends the transaction.

import { atom, tuple, float, Tuple, Atom, Opaque, text } from './etf.js';
import { HALTED, YIELDED } from './host.js';

const SQL = atom('beamwasm_sql');

/** The host-channel ops of Beamwasm.SQL over `backend`, and its `afterRun` hook. */
export function sqlEffects(backend) {
  const st = { owner: null, waiters: [], pendingBegin: null, end: null, aborted: null };
  const isOwner = (pid) => st.owner !== null && samePid(st.owner, pid);
  const busy = (pid) => {
    if (st.owner === null || samePid(st.owner, pid)) return false;
    st.waiters.push(pid);
    return true;
  };
  const failed = (e) => tuple(atom('error'), messageOf(e));
  const release = (program) => {
    st.owner = null;
    for (const w of st.waiters.splice(0)) program.post(w, tuple(SQL, atom('free')));
  };
  const abortedBy = (pid) => st.aborted !== null && samePid(st.aborted, pid);
  const ABORTED = 'the transaction was rolled back: it cannot wait for messages or timers while open on this host';

  const ops = {
    sql_query([pid, sql, params], program) {
      if (busy(pid)) return atom('busy');
      if (abortedBy(pid)) return tuple(atom('error'), ABORTED);
      try {
        const r = backend.query(text(sql), params.map(bindValue));
        const numRows = r.columns.length > 0 ? r.rows.length : r.changes;
        return tuple(atom('ok'), r.columns, r.rows.map((row) => row.map(termValue)), numRows, r.lastInsertId ?? 0);
      } catch (e) {
        return failed(e);
      }
    },
    sql_execute([pid, sql]) {
      if (busy(pid)) return atom('busy');
      if (abortedBy(pid)) return tuple(atom('error'), ABORTED);
      try {
        backend.execute(text(sql));
        return atom('ok');
      } catch (e) {
        return failed(e);
      }
    },
    sql_begin([pid]) {
      if (busy(pid)) return atom('busy');
      if (backend.transactionSync) {
        st.pendingBegin = pid;
        st.owner = pid;
        return atom('wait');
      }
      try {
        backend.begin();
      } catch (e) {
        return failed(e);
      }
      st.owner = pid;
      return atom('ok');
    },
    sql_commit: (args, program) => end('commit', args, program),
    sql_rollback: (args, program) => end('rollback', args, program),
  };

  function end(how, [pid], program) {
    if (abortedBy(pid)) {
      st.aborted = null;
      return how === 'rollback' ? atom('ok') : tuple(atom('error'), ABORTED);
    }
    if (!isOwner(pid)) return tuple(atom('error'), 'this process has no open transaction');
    if (backend.transactionSync) {
      st.end = how;
      return atom('wait');
    }
    let result = atom('ok');
    try {
      if (how === 'commit') backend.commit();
      else backend.rollback();
    } catch (e) {
      result = failed(e);
      try {
        backend.rollback();
      } catch {
        // it was not open any more
      }
    }
    release(program);
    return result;
  }

  // workerd: the transaction runs inside transactionSync, between two scheduler runs.
  function afterRun(program, r) {
    if (st.pendingBegin === null) return undefined;
    const pid = st.pendingBegin;
    st.pendingBegin = null;
    st.end = null;
    const ROLLBACK = {};
    const ABORT = {};
    let answer = atom('done');
    let last = r;
    try {
      backend.transactionSync(() => {
        program.post(pid, tuple(SQL, atom('done')));
        for (;;) {
          last = program._run();
          if (st.end === 'commit') return;
          if (st.end === 'rollback') throw ROLLBACK;
          if (last === YIELDED) continue;
          throw ABORT;
        }
      });
    } catch (e) {
      if (e === ABORT) {
        st.aborted = last === HALTED ? null : pid;
        answer = null;
      } else if (e !== ROLLBACK) {
        answer = tuple(atom('error'), messageOf(e));
      }
    }
    const ended = st.end !== null;
    st.end = null;
    release(program);
    // The owner waits for its commit or rollback's answer; after an abort it waits for
    // something else, and finds out at its next statement.
    if (ended && answer !== null) program.post(pid, tuple(SQL, answer));
    return last === HALTED ? HALTED : program._run();
  }

  return { ops, afterRun };
}

function samePid(a, b) {
  if (!(a instanceof Opaque) || !(b instanceof Opaque) || a.bytes.length !== b.bytes.length) return false;
  return a.bytes.every((x, i) => x === b.bytes[i]);
}

function messageOf(e) {
  return String(e?.message ?? e);
}

/** A parameter as Beamwasm.SQL sends it, as the backend binds it. */
function bindValue(p) {
  if (typeof p === 'number') return BigInt(p);
  if (typeof p === 'bigint') return p;
  if (p instanceof Uint8Array) {
    // TEXT, as Exqlite binds binaries; bytes that are not UTF-8 can only be a BLOB.
    try {
      return text(p);
    } catch {
      return p;
    }
  }
  if (p instanceof Atom && p.name === 'nil') return null;
  if (p instanceof Tuple && p[0] instanceof Atom) {
    if (p[0].name === 'float') return Number(p[1]);
    if (p[0].name === 'blob') return p[1];
  }
  throw new TypeError(`beamwasm host: an SQL parameter of an unknown kind`);
}

/** A value from the backend as a term: INTEGER (bigint) an integer, REAL a float. */
function termValue(v) {
  if (v === null || v === undefined) return atom('nil');
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return float(v);
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  throw new TypeError(`beamwasm host: an SQL value of an unknown kind (${typeof v})`);
}
