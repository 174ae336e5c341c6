//! A running program that the host drives step by step and talks to: the scheduler
//! (`bw_run`), calls and messages into registered processes (`bw_call`, `bw_send`),
//! messages to a process (`bw_deliver`) and the replies that come back (`bw.reply`).
//! `run` drives one to its end; `beamwasm serve` keeps one running between requests.

use std::io::Write;
use std::time::Instant;

use wasmtime::{Engine, Instance, Linker, Memory, Module, Store, TypedFunc};

use crate::channel::Effects;
use crate::{effects, HostError, State};

/// What one `bw_run` ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The program halted with this exit status.
    Halted(i32),
    /// Every process waits; the earliest timer is due in this many milliseconds.
    Timer(u64),
    /// Every process waits for a message and no timer is pending.
    Waiting,
}

/// An answer to a call made with [`Service::call`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The id `call` returned.
    pub id: u32,
    /// 0: the reply; 1: the process exited first, with this reason; 2: the term could not
    /// be encoded (`bytes` is `reply` or `exit`).
    pub status: i32,
    /// The external term format of the reply or the reason.
    pub bytes: Vec<u8>,
}

/// One instance of a program.
pub struct Service {
    store: Store<State>,
    memory: Memory,
    run: TypedFunc<(), i32>,
    exit_code: TypedFunc<(), i32>,
    wait_ms: TypedFunc<(), i64>,
    call: Option<TypedFunc<(i32, i32, i32, i32), i32>>,
    send: Option<TypedFunc<(i32, i32, i32, i32), i32>>,
    deliver: Option<TypedFunc<(i32, i32), i32>>,
}

/// The linker with every `bw.*` import this host provides.
pub(crate) fn linker(engine: &Engine) -> Result<Linker<State>, HostError> {
    let mut linker: Linker<State> = Linker::new(engine);
    let load = |e: wasmtime::Error| HostError::Load(format!("{e:#}"));
    crate::link_basics(&mut linker).map_err(load)?;
    effects::link(&mut linker).map_err(load)?;
    Ok(linker)
}

impl Service {
    /// Instantiates `module` with `effects` and starts it with `args` (the boot process is
    /// created; nothing runs until [`Service::step`]).
    pub fn start(engine: &Engine, module: &Module, args: &[String], effects: Effects) -> Result<Service, HostError> {
        Service::start_entry(engine, module, args, effects, 0)
    }

    /// [`Service::start`] running the module's entry `entry` (docs/ABI.md, *Entries*): the
    /// host chooses it with `bw_entry` before `bw_start`. Entry 0, the first, needs no choice.
    pub fn start_entry(engine: &Engine, module: &Module, args: &[String], effects: Effects, entry: u32) -> Result<Service, HostError> {
        let load = |e: wasmtime::Error| HostError::Load(format!("{e:#}"));
        let linker = linker(engine)?;
        let state = State {
            stdout: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
            start: Instant::now(),
            files: effects::Files::default(),
            effects,
            replies: Vec::new(),
        };
        let mut store = Store::new(engine, state);
        crate::watchdog(engine, &mut store);
        let instance: Instance = linker.instantiate(&mut store, module).map_err(load)?;
        let memory = instance.get_memory(&mut store, "memory").ok_or_else(|| HostError::Load("no memory export".into()))?;
        let mut blob = Vec::new();
        for a in args {
            blob.extend_from_slice(a.as_bytes());
            blob.push(0);
        }
        if blob.len() > memory.data_size(&store) {
            return Err(HostError::Load("the arguments do not fit the staging area".into()));
        }
        memory.write(&mut store, 0, &blob).map_err(|e| HostError::Load(e.to_string()))?;
        let start = instance.get_typed_func::<(i32, i32), ()>(&mut store, "bw_start").map_err(load)?;
        let run = instance.get_typed_func::<(), i32>(&mut store, "bw_run").map_err(load)?;
        let exit_code = instance.get_typed_func::<(), i32>(&mut store, "bw_exit_code").map_err(load)?;
        let wait_ms = instance.get_typed_func::<(), i64>(&mut store, "bw_wait_ms").map_err(load)?;
        let call = instance.get_typed_func(&mut store, "bw_call").ok();
        let send = instance.get_typed_func(&mut store, "bw_send").ok();
        let deliver = instance.get_typed_func(&mut store, "bw_deliver").ok();
        if entry != 0 {
            let choose = instance
                .get_typed_func::<i32, i32>(&mut store, "bw_entry")
                .map_err(|_| HostError::Load("the module has one entry (no bw_entry export)".into()))?;
            let i = i32::try_from(entry).map_err(|_| HostError::Load(format!("no entry {entry}")))?;
            if choose.call(&mut store, i).map_err(trap)? != 0 {
                return Err(HostError::Load(format!("the module has no entry {entry}")));
            }
        }
        start.call(&mut store, (0, args.len() as i32)).map_err(trap)?;
        Ok(Service { store, memory, run, exit_code, wait_ms, call, send, deliver })
    }

    /// Runs the scheduler (`bw_run`) until the program halts or no process can run,
    /// delivering the messages the host's effects sent meanwhile (and running again for
    /// them). Standard output is flushed whenever the program waits.
    pub fn step(&mut self) -> Result<Step, HostError> {
        let mut r = self.run.call(&mut self.store, ()).map_err(trap)?;
        while r != 0 && !self.store.data().effects.outbox.is_empty() {
            for (pid, message) in self.store.data_mut().effects.outbox.take() {
                self.deliver(&beam::etf::encode(&beam::Term::tuple(vec![pid, message])))?;
            }
            r = self.run.call(&mut self.store, ()).map_err(trap)?;
        }
        let step = match r {
            0 => Step::Halted(self.exit_code.call(&mut self.store, ()).map_err(trap)?),
            1 => Step::Timer(u64::try_from(self.wait_ms.call(&mut self.store, ()).map_err(trap)?).unwrap_or(0)),
            2 => Step::Waiting,
            other => return Err(HostError::Trap(format!("bw_run returned {other}"))),
        };
        self.flush();
        Ok(step)
    }

    /// Flushes the program's standard output.
    pub fn flush(&mut self) {
        let _ = self.store.data_mut().stdout.flush();
    }

    /// `gen_server:call(Name, Request)` from the host: `request` is the external term
    /// format of the request. Returns the call's id (its reply comes through
    /// [`Service::take_replies`] after steps), or the error's name (`noproc`, `badarg`).
    pub fn call(&mut self, name: &str, request: &[u8]) -> Result<Result<u32, String>, HostError> {
        let f = self.call.clone().ok_or_else(|| HostError::Load("the module does not export bw_call".into()))?;
        let r = self.staged2(f, name.as_bytes(), request)?;
        if r < 0 {
            return Ok(Err(self.error_name(r)));
        }
        Ok(Ok(r as u32))
    }

    /// Sends `message` (external term format) to the process registered as `name`.
    pub fn send(&mut self, name: &str, message: &[u8]) -> Result<Result<(), String>, HostError> {
        let f = self.send.clone().ok_or_else(|| HostError::Load("the module does not export bw_send".into()))?;
        let r = self.staged2(f, name.as_bytes(), message)?;
        Ok(if r < 0 { Err(self.error_name(r)) } else { Ok(()) })
    }

    /// Delivers `{Pid, Message}` (external term format): false when the process has exited.
    pub fn deliver(&mut self, pid_and_message: &[u8]) -> Result<bool, HostError> {
        let f = self.deliver.clone().ok_or_else(|| HostError::Load("the module does not export bw_deliver".into()))?;
        self.put(0, pid_and_message)?;
        let r = f.call(&mut self.store, (0, pid_and_message.len() as i32)).map_err(trap)?;
        Ok(r >= 0)
    }

    /// The answers to calls that came in since the last time.
    pub fn take_replies(&mut self) -> Vec<Reply> {
        std::mem::take(&mut self.store.data_mut().replies)
    }

    /// The embedder's effects, e.g. to hand them a result.
    pub fn effects(&mut self) -> &mut Effects {
        &mut self.store.data_mut().effects
    }

    fn staged2(&mut self, f: TypedFunc<(i32, i32, i32, i32), i32>, a: &[u8], b: &[u8]) -> Result<i32, HostError> {
        let at = (a.len() + 7) & !7;
        self.put(0, a)?;
        self.put(at, b)?;
        f.call(&mut self.store, (0, a.len() as i32, at as i32, b.len() as i32)).map_err(trap)
    }

    fn put(&mut self, at: usize, bytes: &[u8]) -> Result<(), HostError> {
        let end = at + bytes.len();
        let have = self.memory.data_size(&self.store);
        if end > have {
            self.memory.grow(&mut self.store, (end - have).div_ceil(65536) as u64).map_err(|e| HostError::Trap(e.to_string()))?;
        }
        self.memory.write(&mut self.store, at, bytes).map_err(|e| HostError::Trap(e.to_string()))
    }

    fn error_name(&self, r: i32) -> String {
        let n = r.unsigned_abs() as usize;
        String::from_utf8_lossy(self.memory.data(&self.store).get(..n).unwrap_or_default()).into_owned()
    }
}

fn trap(e: wasmtime::Error) -> HostError {
    HostError::Trap(crate::describe_trap(&e))
}
