//! OS processes for programs on the command line: the host channel's `spawn_*` effects
//! (docs/ABI.md §6, "The host channel: subprocesses") over `std::process`. The emulation of
//! the VM's spawn driver above them is Erlang (the runtime's `beamwasm_spawn`).
//!
//! Requests answer at once. Each child has a reader thread (its standard output, and its
//! standard error too with `stderr_to_stdout`: both write ends of one pipe), a waiter
//! thread (its exit status) and a writer thread (its standard input, so a child that does
//! not read never blocks the program). Their events go through one channel and become
//! messages `{'$spawn', Id, Event}` to the port's driver when the host polls, which it
//! does when the scheduler has nothing to run (`HostEffect::poll`), as for sockets.
//!
//! Naming: `Id` is the host's number for a child, `owner` the process its events go to.

use std::collections::HashMap;
use std::io::{ErrorKind, Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use beam::Term;
use beamwasm_host_wasmtime::channel::terms::{error, ok, ok_with};
use beamwasm_host_wasmtime::{Answer, HostEffect, Outbox};

/// Which programs a program may run (`beamwasm run --allow-run[=PROGRAM,...]`).
#[derive(Clone, Debug, Default)]
pub enum Allow {
    /// Any program (the default, as `elixir`).
    #[default]
    All,
    /// Only these: a path, or a file name that stands for that name in any directory.
    /// `os:cmd/1` and `open_port({spawn, Cmd}, ...)` run `/bin/sh`.
    Only(Vec<String>),
}

impl Allow {
    /// Parses `PROGRAM,...`.
    pub fn parse(spec: &str) -> Allow {
        Allow::Only(spec.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect())
    }

    fn permits(&self, program: &str) -> bool {
        match self {
            Allow::All => true,
            Allow::Only(list) => {
                let name = Path::new(program).file_name().and_then(|n| n.to_str()).unwrap_or(program);
                list.iter().any(|p| p == program || (!p.contains('/') && p == name))
            }
        }
    }
}

enum Event {
    Data(Vec<u8>),
    Eof,
    Status(i64),
}

struct Child {
    owner: Term,
    /// The writer thread's queue; dropping it closes the child's standard input.
    stdin: Option<Sender<Vec<u8>>>,
    /// Events still to come: the end of the output (when read) and the exit status.
    sources: usize,
}

/// The subprocess effect: every child of one program.
pub struct Subprocesses {
    allow: Allow,
    children: HashMap<i64, Child>,
    next: i64,
    tx: Sender<(i64, Event)>,
    rx: Receiver<(i64, Event)>,
}

impl Subprocesses {
    /// A subprocess effect that runs what `allow` permits.
    pub fn new(allow: Allow) -> Subprocesses {
        let (tx, rx) = channel();
        Subprocesses { allow, children: HashMap::new(), next: 1, tx, rx }
    }

    fn open(&mut self, args: Term) -> Option<Term> {
        let Term::Tuple(v) = args else { return None };
        let [owner, exec, argv, arg0, env, cd, stderr, input, output]: [Term; 9] = v.try_into().ok()?;
        let exec = text(&exec)?;
        let argv: Vec<String> = argv.as_proper_list()?.iter().map(text).collect::<Option<_>>()?;
        let arg0 = text(&arg0)?;
        let env: Vec<(String, String)> = env
            .as_proper_list()?
            .iter()
            .map(|p| match p {
                Term::Tuple(kv) => match kv.as_slice() {
                    [k, v] => Some((text(k)?, text(v)?)),
                    _ => None,
                },
                _ => None,
            })
            .collect::<Option<_>>()?;
        let (stderr, input, output) = (flag(&stderr)?, flag(&input)?, flag(&output)?);
        if !self.allow.permits(&exec) {
            return Some(error(Term::atom("eacces")));
        }
        // A name without a slash is a file in the working directory, as execve takes it
        // (Command would search PATH).
        let path = if exec.contains('/') { exec.clone() } else { format!("./{exec}") };
        let mut cmd = Command::new(&path);
        cmd.arg0(&arg0).args(&argv).env_clear().envs(env);
        if let Some(dir) = text(&cd) {
            cmd.current_dir(dir);
        }
        cmd.stdin(if output { Stdio::piped() } else { Stdio::null() });
        let reader = if input {
            let (r, w) = match std::io::pipe() {
                Ok(p) => p,
                Err(e) => return Some(error(Term::atom(posix(&e)))),
            };
            if stderr {
                match w.try_clone() {
                    Ok(w2) => {
                        cmd.stderr(w2);
                    }
                    Err(e) => return Some(error(Term::atom(posix(&e)))),
                }
            }
            cmd.stdout(w);
            Some(r)
        } else {
            None
        };
        // As the VM's open_port: a file that is missing or not executable is an error now;
        // one that execve refuses later (a directory, a file of no known format) gives a
        // port whose child exits at once with the error number as its status.
        if let Err(e) = executable(&path) {
            return Some(error(Term::atom(e)));
        }
        let spawned = cmd.spawn();
        // The pipe's write ends held by `cmd` must close, or the reader never sees the end.
        drop(cmd);
        let id = self.next;
        self.next += 1;
        let mut child = match spawned {
            Ok(c) => c,
            Err(e) => {
                let errno = i64::from(e.raw_os_error().unwrap_or(1));
                if input {
                    let _ = self.tx.send((id, Event::Eof));
                }
                let _ = self.tx.send((id, Event::Status(errno)));
                self.children.insert(id, Child { owner, stdin: None, sources: 1 + usize::from(input) });
                return Some(ok_with(Term::tuple(vec![Term::Int(id), Term::Int(0)])));
            }
        };
        let os_pid = i64::from(child.id());
        let mut sources = 1;
        if let Some(mut r) = reader {
            sources += 1;
            let tx = self.tx.clone();
            std::thread::spawn(move || {
                let mut buf = vec![0u8; 65536];
                loop {
                    match r.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => {
                            if tx.send((id, Event::Data(buf.get(..n).unwrap_or_default().to_vec()))).is_err() {
                                return;
                            }
                        }
                        Err(e) if e.kind() == ErrorKind::Interrupted => {}
                        Err(_) => break,
                    }
                }
                let _ = tx.send((id, Event::Eof));
            });
        }
        let stdin = match child.stdin.take() {
            Some(mut w) => {
                let (qtx, qrx) = channel::<Vec<u8>>();
                std::thread::spawn(move || {
                    for chunk in qrx {
                        if w.write_all(&chunk).and_then(|()| w.flush()).is_err() {
                            return;
                        }
                    }
                });
                Some(qtx)
            }
            None => None,
        };
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let status = match child.wait() {
                // Killed by a signal: 128 + its number, as the VM's erl_child_setup reports.
                Ok(s) => s.code().map_or_else(|| 128 + i64::from(s.signal().unwrap_or(0)), i64::from),
                Err(_) => 255,
            };
            let _ = tx.send((id, Event::Status(status)));
        });
        self.children.insert(id, Child { owner, stdin, sources });
        Some(ok_with(Term::tuple(vec![Term::Int(id), Term::Int(os_pid)])))
    }

    fn request(&mut self, op: &str, args: Term) -> Option<Term> {
        Some(match op {
            "spawn_open" => return self.open(args),
            "spawn_write" => {
                let Term::Tuple(v) = args else { return None };
                let [id, data]: [Term; 2] = v.try_into().ok()?;
                let (Term::Int(id), Term::Binary(bytes)) = (id, data) else { return None };
                if let Some(q) = self.children.get(&id).and_then(|c| c.stdin.as_ref()) {
                    let _ = q.send(bytes);
                }
                ok()
            }
            "spawn_close" => {
                let Term::Int(id) = args else { return None };
                // The child's pipes close and no event of it is delivered any more; the
                // child itself goes on, as the VM's port leaves it.
                self.children.remove(&id);
                ok()
            }
            _ => return None,
        })
    }

    fn deliver(&mut self, id: i64, event: Event, outbox: &mut Outbox) {
        let Some(c) = self.children.get_mut(&id) else { return };
        let event = match event {
            Event::Data(bytes) => Term::tuple(vec![Term::atom("data"), Term::Binary(bytes)]),
            Event::Eof => {
                c.sources = c.sources.saturating_sub(1);
                Term::atom("eof")
            }
            Event::Status(n) => {
                c.sources = c.sources.saturating_sub(1);
                Term::tuple(vec![Term::atom("exit_status"), Term::Int(n)])
            }
        };
        outbox.send(c.owner.clone(), Term::tuple(vec![Term::atom("$spawn"), Term::Int(id), event]));
    }
}

impl HostEffect for Subprocesses {
    fn call(&mut self, op: &str, args: Term, _outbox: &mut Outbox) -> Answer {
        if !op.starts_with("spawn_") {
            return Answer::Unwired;
        }
        match self.request(op, args) {
            Some(t) => Answer::Reply(t),
            None => Answer::Reply(error(Term::atom("badarg"))),
        }
    }

    fn pending(&self) -> bool {
        self.children.values().any(|c| c.sources > 0)
    }

    fn poll(&mut self, timeout: Option<Duration>, outbox: &mut Outbox) {
        let first = match timeout {
            None => self.rx.recv().ok(),
            Some(t) => match self.rx.recv_timeout(t) {
                Ok(e) => Some(e),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => None,
            },
        };
        let Some(mut next) = first else { return };
        // What one child writes in several pieces in quick succession is one message, as
        // the VM's driver reads what the pipe holds when it gets to it: events that follow
        // within half a millisecond (up to 5 ms in all) are taken together.
        let start = std::time::Instant::now();
        loop {
            let after = if start.elapsed() < Duration::from_millis(5) {
                self.rx.recv_timeout(Duration::from_micros(500)).ok()
            } else {
                self.rx.try_recv().ok()
            };
            match (next, after) {
                ((id, Event::Data(mut a)), Some((id2, Event::Data(b)))) if id == id2 => {
                    a.extend_from_slice(&b);
                    next = (id, Event::Data(a));
                }
                ((id, event), Some(after)) => {
                    self.deliver(id, event, outbox);
                    next = after;
                }
                ((id, event), None) => {
                    self.deliver(id, event, outbox);
                    return;
                }
            }
        }
    }
}

/// Whether `path` (relative to the working directory, not to the port's `cd`, as the VM
/// checks it) exists and has an execute bit, as the VM checks before it spawns: the POSIX
/// error otherwise.
fn executable(path: &str) -> Result<(), &'static str> {
    use std::os::unix::fs::PermissionsExt;
    match std::fs::metadata(path) {
        Ok(m) if m.permissions().mode() & 0o111 != 0 => Ok(()),
        Ok(_) => Err("eacces"),
        Err(e) => Err(posix(&e)),
    }
}

fn text(t: &Term) -> Option<String> {
    match t {
        Term::Binary(b) => String::from_utf8(b.clone()).ok(),
        _ => None,
    }
}

fn flag(t: &Term) -> Option<bool> {
    match t.as_atom() {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    }
}

/// The POSIX name of a spawn error, as open_port/2 raises it.
fn posix(e: &std::io::Error) -> &'static str {
    match e.kind() {
        ErrorKind::NotFound => "enoent",
        ErrorKind::PermissionDenied => "eacces",
        ErrorKind::OutOfMemory => "enomem",
        _ => match e.raw_os_error() {
            Some(20) => "enotdir",
            Some(7) => "e2big",
            Some(8) => "enoexec",
            Some(24) => "emfile",
            _ => "einval",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bin(s: &str) -> Term {
        Term::Binary(s.as_bytes().to_vec())
    }

    fn open_args(file: &str, args: &[&str]) -> Term {
        Term::tuple(vec![
            Term::atom("owner"),
            bin(file),
            Term::list(args.iter().map(|a| bin(a)).collect()),
            bin(file),
            Term::Nil,
            Term::atom("undefined"),
            Term::atom("true"),
            Term::atom("true"),
            Term::atom("true"),
        ])
    }

    /// Polls until `n` messages have come (or a few seconds have passed).
    fn events(s: &mut Subprocesses, n: usize) -> Vec<Term> {
        let mut outbox = Outbox::default();
        let mut got = Vec::new();
        let start = std::time::Instant::now();
        while got.len() < n && start.elapsed() < Duration::from_secs(5) {
            s.poll(Some(Duration::from_millis(100)), &mut outbox);
            got.extend(outbox.take().into_iter().map(|(_, m)| m));
        }
        got
    }

    #[test]
    fn spawned_child_reports_data_end_and_status() {
        let mut s = Subprocesses::new(Allow::All);
        let mut outbox = Outbox::default();
        let Answer::Reply(Term::Tuple(r)) = s.call("spawn_open", open_args("/bin/sh", &["-c", "cat; echo err >&2; exit 3"]), &mut outbox) else {
            panic!("spawn_open did not answer a tuple");
        };
        assert_eq!(r.first(), Some(&Term::atom("ok")));
        assert!(s.pending());
        let _ = s.call("spawn_write", Term::tuple(vec![Term::Int(1), bin("in\n")]), &mut outbox);
        // Closing the pipe to the child ends its cat.
        if let Some(c) = s.children.get_mut(&1) {
            c.stdin = None;
        }
        let got = events(&mut s, 3);
        let mut data = Vec::new();
        let mut rest = Vec::new();
        for m in got {
            match m {
                Term::Tuple(v) => match v.as_slice() {
                    [_, _, Term::Tuple(e)] if e.first() == Some(&Term::atom("data")) => {
                        if let Some(Term::Binary(b)) = e.get(1) {
                            data.extend_from_slice(b);
                        }
                    }
                    [_, _, e] => rest.push(e.clone()),
                    _ => {}
                },
                _ => {}
            }
        }
        assert_eq!(data, b"in\nerr\n", "standard output and error in one pipe, in order");
        assert!(rest.contains(&Term::atom("eof")));
        assert!(rest.contains(&Term::tuple(vec![Term::atom("exit_status"), Term::Int(3)])));
        assert!(!s.pending(), "no event is to come after the end and the status");
    }

    #[test]
    fn missing_and_refused_programs_are_errors() {
        let mut outbox = Outbox::default();
        let mut s = Subprocesses::new(Allow::All);
        let Answer::Reply(r) = s.call("spawn_open", open_args("/nonexistent/x", &[]), &mut outbox) else { panic!("unanswered") };
        assert_eq!(r, error(Term::atom("enoent")));
        let mut s = Subprocesses::new(Allow::parse("echo"));
        let Answer::Reply(r) = s.call("spawn_open", open_args("/bin/sh", &[]), &mut outbox) else { panic!("unanswered") };
        assert_eq!(r, error(Term::atom("eacces")));
        assert!(matches!(s.call("tcp_connect", Term::Nil, &mut outbox), Answer::Unwired));
    }

    #[test]
    fn allow_list_matches_paths_and_file_names() {
        let a = Allow::parse("/bin/sh, cat");
        assert!(a.permits("/bin/sh"));
        assert!(!a.permits("/usr/bin/sh"));
        assert!(a.permits("/usr/bin/cat"));
        assert!(a.permits("cat"));
        assert!(!a.permits("/bin/echo"));
        assert!(Allow::All.permits("/anything"));
    }
}
