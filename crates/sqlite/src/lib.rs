//! SQL for programs on the command line (docs/SQL.md): the host channel's `sql_*` effects
//! over one connection to a real SQLite file, and the `storage` effect kept in the same
//! database (table `beamwasm_kv`, as the JS host keeps it in a Durable Object).
//!
//! The requests come from `Beamwasm.SQL` (crates/runtime/erl): `sql_query` `{Pid, Sql,
//! Params}`, `sql_execute` `{Pid, Sql}`, `sql_begin`/`sql_commit`/`sql_rollback` `{Pid}`.
//! A transaction belongs to the process that began it; another process's request is
//! answered `busy`, and that process gets `{beamwasm_sql, free}` when the transaction ends.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use beam::Term;
use beamwasm_host_wasmtime::channel::terms;
use beamwasm_host_wasmtime::{Answer, HostEffect, Outbox, Storage};
use rusqlite::types::{Value, ValueRef};
use rusqlite::Connection;

/// The connection and the state of its transaction, shared by the SQL effect and storage.
struct Db {
    conn: Connection,
    /// The process whose transaction is open.
    owner: Option<Term>,
    /// Processes answered `busy` while it is open.
    waiters: Vec<Term>,
}

/// The `sql_*` effects.
pub struct Sql {
    db: Rc<RefCell<Db>>,
}

/// The `storage` effect in the same database.
pub struct KvStorage {
    db: Rc<RefCell<Db>>,
}

/// Opens (creating it if needed) the database at `path`: its SQL effect and its storage.
pub fn open(path: &Path) -> Result<(Sql, KvStorage), String> {
    let conn = Connection::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    conn.execute_batch("CREATE TABLE IF NOT EXISTS beamwasm_kv (key BLOB PRIMARY KEY, value BLOB NOT NULL)")
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let db = Rc::new(RefCell::new(Db { conn, owner: None, waiters: Vec::new() }));
    Ok((Sql { db: db.clone() }, KvStorage { db }))
}

impl HostEffect for Sql {
    fn call(&mut self, op: &str, args: Term, outbox: &mut Outbox) -> Answer {
        let Term::Tuple(args) = args else { return Answer::Unwired };
        let mut db = self.db.borrow_mut();
        let Some(pid) = args.first().cloned() else { return Answer::Reply(bad("no process")) };
        let reply = match op {
            "sql_query" | "sql_execute" | "sql_begin" if db.owner.as_ref().is_some_and(|o| *o != pid) => {
                db.waiters.push(pid);
                Term::atom("busy")
            }
            "sql_query" => match (args.get(1), args.get(2)) {
                (Some(Term::Binary(sql)), Some(params)) => query(&db.conn, sql, params),
                _ => bad("sql_query takes {Pid, Sql, Params}"),
            },
            "sql_execute" => match args.get(1) {
                Some(Term::Binary(sql)) => match db.conn.execute_batch(&String::from_utf8_lossy(sql)) {
                    Ok(()) => terms::ok(),
                    Err(e) => terms::error(terms::text(&message(&e))),
                },
                _ => bad("sql_execute takes {Pid, Sql}"),
            },
            "sql_begin" => match db.conn.execute_batch("BEGIN") {
                Ok(()) => {
                    db.owner = Some(pid);
                    terms::ok()
                }
                Err(e) => terms::error(terms::text(&message(&e))),
            },
            "sql_commit" | "sql_rollback" => {
                if db.owner.as_ref() != Some(&pid) {
                    terms::error(terms::text("this process has no open transaction"))
                } else {
                    let r = db.conn.execute_batch(if op == "sql_commit" { "COMMIT" } else { "ROLLBACK" });
                    // A commit that fails leaves the transaction open: roll it back.
                    if r.is_err() {
                        let _ = db.conn.execute_batch("ROLLBACK");
                    }
                    db.owner = None;
                    for w in std::mem::take(&mut db.waiters) {
                        outbox.send(w, Term::tuple(vec![Term::atom("beamwasm_sql"), Term::atom("free")]));
                    }
                    match r {
                        Ok(()) => terms::ok(),
                        Err(e) => terms::error(terms::text(&message(&e))),
                    }
                }
            }
            _ => return Answer::Unwired,
        };
        Answer::Reply(reply)
    }
}

fn bad(why: &str) -> Term {
    terms::error(terms::text(why))
}

/// The database's message for an error (rusqlite adds nothing of its own to SQLite's).
fn message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(f, Some(m)) => {
            let _ = f;
            m.clone()
        }
        other => other.to_string(),
    }
}

/// One statement: `{ok, Columns, Rows, NumRows, LastInsertId}` or `{error, Message}`.
fn query(conn: &Connection, sql: &[u8], params: &Term) -> Term {
    let sql = String::from_utf8_lossy(sql);
    let Some(params) = params.as_proper_list() else { return bad("parameters are a list") };
    let mut values = Vec::with_capacity(params.len());
    for p in params {
        match param(p) {
            Some(v) => values.push(v),
            None => return bad(&format!("unsupported SQL parameter {p}")),
        }
    }
    let mut stmt = match conn.prepare(&sql) {
        Ok(s) => s,
        Err(e) => return terms::error(terms::text(&message(&e))),
    };
    let columns: Vec<Term> = stmt.column_names().iter().map(|c| terms::text(c)).collect();
    let ncols = columns.len();
    let mut rows = Vec::new();
    let result = (|| -> rusqlite::Result<usize> {
        let mut cursor = stmt.query(rusqlite::params_from_iter(values.iter()))?;
        while let Some(row) = cursor.next()? {
            let mut cells = Vec::with_capacity(ncols);
            for i in 0..ncols {
                cells.push(value(row.get_ref(i)?));
            }
            rows.push(Term::list(cells));
        }
        Ok(rows.len())
    })();
    match result {
        Err(e) => terms::error(terms::text(&message(&e))),
        Ok(n) => {
            let num_rows = if ncols > 0 { n as i64 } else { conn.changes() as i64 };
            Term::tuple(vec![
                terms::ok(),
                Term::list(columns),
                Term::list(rows),
                Term::Int(num_rows),
                Term::Int(conn.last_insert_rowid()),
            ])
        }
    }
}

/// A parameter as Beamwasm.SQL sends it: an integer, {float, F}, a binary (TEXT), {blob, B}, nil.
fn param(t: &Term) -> Option<Value> {
    Some(match t {
        Term::Int(n) => Value::Integer(*n),
        Term::Float(f) => Value::Real(*f),
        Term::Binary(b) => match String::from_utf8(b.clone()) {
            Ok(s) => Value::Text(s),
            Err(_) => Value::Blob(b.clone()),
        },
        Term::Atom(a) if a == "nil" => Value::Null,
        Term::Tuple(p) => match p.as_slice() {
            [Term::Atom(tag), Term::Binary(b)] if tag == "blob" => Value::Blob(b.clone()),
            [Term::Atom(tag), Term::Float(f)] if tag == "float" => Value::Real(*f),
            _ => return None,
        },
        _ => return None,
    })
}

fn value(v: ValueRef<'_>) -> Term {
    match v {
        ValueRef::Null => Term::atom("nil"),
        ValueRef::Integer(n) => Term::Int(n),
        ValueRef::Real(f) => Term::Float(f),
        ValueRef::Text(t) | ValueRef::Blob(t) => Term::Binary(t.to_vec()),
    }
}

impl Storage for KvStorage {
    fn get(&mut self, key: &[u8]) -> Result<Option<Vec<u8>>, String> {
        let db = self.db.borrow();
        let mut stmt = db.conn.prepare_cached("SELECT value FROM beamwasm_kv WHERE key = ?1").map_err(|_| "eio".to_string())?;
        let mut rows = stmt.query([key]).map_err(|_| "eio".to_string())?;
        match rows.next().map_err(|_| "eio".to_string())? {
            Some(row) => row.get::<_, Vec<u8>>(0).map(Some).map_err(|_| "eio".to_string()),
            None => Ok(None),
        }
    }

    fn put(&mut self, key: &[u8], value: &[u8]) -> Result<(), String> {
        let db = self.db.borrow();
        db.conn
            .execute("INSERT INTO beamwasm_kv (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))
            .map(|_| ())
            .map_err(|_| "eio".to_string())
    }

    fn delete(&mut self, key: &[u8]) -> Result<bool, String> {
        let db = self.db.borrow();
        db.conn.execute("DELETE FROM beamwasm_kv WHERE key = ?1", [key]).map(|n| n > 0).map_err(|_| "eio".to_string())
    }
}
