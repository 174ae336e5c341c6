//! What an embedder adds to the host: effects on the host channel (`bw.host_call`: a term
//! `{Op, Args}` in, a term out; docs/ABI.md §6) and the key-value `storage` effect. The
//! command line gives none by default; `beamwasm serve` adds HTTP, `--sqlite` adds SQL and
//! storage (crates `beamwasm-serve`, `beamwasm-sqlite`).

use beam::Term;

/// A handler's answer to one request on the host channel.
#[derive(Debug)]
pub enum Answer {
    /// The reply term.
    Reply(Term),
    /// This handler has no such effect (the next one is asked; if none has it, the program
    /// raises `{unwired_host_effect, Op}`).
    Unwired,
}

/// Effects on the host channel, by operation name (`sql_query`, `http_chunk`, ...).
pub trait HostEffect {
    /// Answers `{op, args}`. Messages to processes (an asynchronous effect's result, a
    /// notice to processes that wait) go in `outbox`; they are delivered when the
    /// scheduler next returns.
    fn call(&mut self, op: &str, args: Term, outbox: &mut Outbox) -> Answer;

    /// Whether this effect may still produce messages on its own (an open socket): then a
    /// scheduler with nothing to run waits in [`HostEffect::poll`] instead of reporting a
    /// deadlock.
    fn pending(&self) -> bool {
        false
    }

    /// Waits at most `timeout` (`None`: until something happens) for the effect's events
    /// and queues their messages in `outbox`.
    fn poll(&mut self, timeout: Option<std::time::Duration>, outbox: &mut Outbox) {
        let _ = (timeout, outbox);
    }
}

/// Messages for processes, from the host's effects.
#[derive(Default, Debug)]
pub struct Outbox {
    messages: Vec<(Term, Term)>,
}

impl Outbox {
    /// Sends `message` to the process `pid` (a pid term the program gave the host).
    pub fn send(&mut self, pid: Term, message: Term) {
        self.messages.push((pid, message));
    }

    /// Takes the messages queued so far.
    pub fn take(&mut self) -> Vec<(Term, Term)> {
        std::mem::take(&mut self.messages)
    }

    /// Whether no message is queued.
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }
}

/// Key-value storage that outlives the program (`beamwasm:storage_get/put/delete`). An
/// error is the name of the atom the program raises.
pub trait Storage {
    /// The value under `key`, if any.
    fn get(&mut self, key: &[u8]) -> Result<Option<Vec<u8>>, String>;
    /// Sets `key` to `value`.
    fn put(&mut self, key: &[u8], value: &[u8]) -> Result<(), String>;
    /// Removes `key`; whether it was there.
    fn delete(&mut self, key: &[u8]) -> Result<bool, String>;
}

/// The embedder's effects for one program.
#[derive(Default)]
pub struct Effects {
    /// Asked in order; the first that does not answer [`Answer::Unwired`] answers.
    pub channel: Vec<Box<dyn HostEffect>>,
    /// Backs the `storage_*` imports; unwired without it.
    pub storage: Option<Box<dyn Storage>>,
    /// Messages the effects send to processes.
    pub outbox: Outbox,
}

impl Effects {
    /// No effects beyond the built-in ones (standard I/O, clocks, files, ...).
    pub fn none() -> Effects {
        Effects::default()
    }

    /// Adds a handler on the host channel.
    pub fn with(mut self, effect: impl HostEffect + 'static) -> Effects {
        self.channel.push(Box::new(effect));
        self
    }

    /// Sets the storage.
    pub fn with_storage(mut self, storage: impl Storage + 'static) -> Effects {
        self.storage = Some(Box::new(storage));
        self
    }

    /// Whether an effect may still produce messages on its own ([`HostEffect::pending`]).
    pub fn pending(&self) -> bool {
        self.channel.iter().any(|e| e.pending())
    }

    /// Waits for the pending effects' events, at most `timeout` (`None`: until one comes).
    /// One pending effect waits in its own poll; several (sockets and subprocesses) are
    /// polled in turn, each for at most 2 ms, until one has queued a message or the time
    /// is up, since no one of them can wake on another's events.
    pub fn poll(&mut self, timeout: Option<std::time::Duration>) {
        let pending = self.channel.iter().filter(|e| e.pending()).count();
        if pending <= 1 {
            for e in &mut self.channel {
                if e.pending() {
                    e.poll(timeout, &mut self.outbox);
                }
            }
            return;
        }
        let slice = std::time::Duration::from_millis(2);
        let start = std::time::Instant::now();
        loop {
            for e in &mut self.channel {
                if e.pending() {
                    let left = timeout.map(|t| t.saturating_sub(start.elapsed()));
                    e.poll(Some(left.map_or(slice, |l| l.min(slice))), &mut self.outbox);
                }
            }
            if !self.outbox.is_empty() || timeout.is_some_and(|t| start.elapsed() >= t) || !self.pending() {
                return;
            }
        }
    }

    pub(crate) fn call(&mut self, op: &str, args: &Term) -> Answer {
        for e in &mut self.channel {
            if let Answer::Reply(t) = e.call(op, args.clone(), &mut self.outbox) {
                return Answer::Reply(t);
            }
        }
        Answer::Unwired
    }
}

/// Builds terms for replies: `ok`, `{error, Reason}`, binaries from text.
pub mod terms {
    use beam::Term;

    /// The atom `ok`.
    pub fn ok() -> Term {
        Term::atom("ok")
    }
    /// `{ok, T}`.
    pub fn ok_with(t: Term) -> Term {
        Term::tuple(vec![ok(), t])
    }
    /// `{error, T}`.
    pub fn error(t: Term) -> Term {
        Term::tuple(vec![Term::atom("error"), t])
    }
    /// A binary holding `s`'s UTF-8.
    pub fn text(s: &str) -> Term {
        Term::Binary(s.as_bytes().to_vec())
    }
}
