//! The embedded host: runs a beamwasm module on wasmtime, inside the `beamwasm` binary.
//!
//! It fills the module's imports (`bw.write`, `bw.clock`, ...; docs/ABI.md §6), starts the
//! program with its arguments, and drives the scheduler (`bw_run`) until the program halts,
//! sleeping when every process waits for a timer.

use std::io::Write;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use wasmtime::{Caller, Config, Engine, Extern, Linker, Memory, Module, Store};

/// Why a program could not run to its end.
#[derive(Debug)]
pub enum HostError {
    /// The module could not be compiled or instantiated.
    Load(String),
    /// The module trapped: a bug in beamwasm, reported with the engine's message.
    Trap(String),
    /// Every process waits for a message that can never come; the VM would hang here.
    Deadlock,
}

impl std::fmt::Display for HostError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HostError::Load(m) => write!(f, "cannot load the module: {m}"),
            HostError::Trap(m) => write!(f, "internal error, the module trapped: {m}"),
            HostError::Deadlock => write!(f, "every process is waiting for a message that can never arrive"),
        }
    }
}

pub mod cache;
pub mod channel;
mod effects;
pub mod fncache;
pub mod service;

pub use channel::{Answer, Effects, HostEffect, Outbox, Storage};
pub use service::{Reply, Service, Step};

struct State {
    stdout: std::io::BufWriter<std::io::Stdout>,
    start: Instant,
    /// The program's open files, by handle (`bw.file_open`).
    files: effects::Files,
    /// The embedder's effects: the host channel and storage.
    effects: Effects,
    /// Answers to calls made with `bw_call`, not yet taken.
    replies: Vec<Reply>,
}

/// The engine configuration every beamwasm module needs.
pub fn engine() -> Result<Engine, HostError> {
    let mut cfg = Config::new();
    cfg.wasm_gc(true).wasm_function_references(true).wasm_tail_call(true).wasm_exceptions(true);
    cfg.collector(wasmtime::Collector::Auto);
    // Cranelift's optimiser runs an alias analysis whose cost grows with the number of
    // alias regions a function touches times its trapping instructions; WasmGC code spills
    // every live reference to its own stack slot (a region each), so on compiled Erlang it
    // is quadratic: 66 s against 3.3 s for a hello world. See docs/ARCHITECTURE.md.
    cfg.cranelift_opt_level(wasmtime::OptLevel::None);
    // BEAMWASM_REGALLOC=single_pass uses cranelift's single-pass register allocator: a
    // measuring aid (docs/ARCHITECTURE.md, *Host*, has the numbers).
    if std::env::var("BEAMWASM_REGALLOC").is_ok_and(|v| v == "single_pass") {
        cfg.cranelift_regalloc_algorithm(wasmtime::RegallocAlgorithm::SinglePass);
    }
    // BEAMWASM_COMPILE_THREADS=1 compiles on one thread: a measuring aid (CPU time then
    // equals wall time, so modules compare on a busy machine).
    if std::env::var("BEAMWASM_COMPILE_THREADS").is_ok_and(|v| v == "1") {
        cfg.parallel_compilation(false);
    }
    // BEAMWASM_WATCHDOG=SECS interrupts a run that takes longer, with a wasm backtrace:
    // a debugging aid for hangs.
    if std::env::var_os("BEAMWASM_WATCHDOG").is_some() {
        cfg.epoch_interruption(true);
    }
    // BEAMWASM_PERFMAP=1 writes /tmp/perf-PID.map so `perf record` names compiled
    // functions: a profiling aid.
    if std::env::var_os("BEAMWASM_PERFMAP").is_some() {
        cfg.profiler(wasmtime::ProfilingStrategy::PerfMap);
    }
    // BEAMWASM_GC_HEAP_MB=N sets the GC heap's initial size: a tuning aid.
    let heap_mb = std::env::var("BEAMWASM_GC_HEAP_MB").ok().and_then(|v| v.parse::<u64>().ok()).unwrap_or(256);
    cfg.gc_heap_initial_size(heap_mb << 20);
    cfg.max_wasm_stack(64 << 20);
    cfg.async_stack_size(80 << 20);
    if let Some(fns) = function_cache() {
        cfg.enable_incremental_compilation(fns).map_err(|e| HostError::Load(e.to_string()))?;
    }
    Engine::new(&cfg).map_err(|e| HostError::Load(e.to_string()))
}

/// The process's function cache ([`fncache`]), opened the first time an engine is made,
/// in the cache directory, when `BEAMWASM_FN_CACHE=on` (and the cache is not off). It is
/// off by default: measured, a second program finds 60% of its functions there but its
/// first run is no faster, since a function found still costs its translation, its key's
/// hash and its decoding (docs/ARCHITECTURE.md, *Host*).
pub fn function_cache() -> Option<std::sync::Arc<fncache::FnCache>> {
    static CACHE: std::sync::OnceLock<Option<std::sync::Arc<fncache::FnCache>>> = std::sync::OnceLock::new();
    CACHE
        .get_or_init(|| {
            if !std::env::var_os("BEAMWASM_FN_CACHE").is_some_and(|v| v == "on" || v == "1") {
                return None;
            }
            cache::dir().map(|d| std::sync::Arc::new(fncache::FnCache::open(&d)))
        })
        .clone()
}

/// Compiles a module for `engine`.
pub fn compile(engine: &Engine, wasm: &[u8]) -> Result<Module, HostError> {
    let module = Module::new(engine, wasm).map_err(|e| HostError::Load(format!("{e:#}")));
    if let Some(fns) = function_cache() {
        fns.flush();
    }
    module
}

/// The module for `wasm`, through the compiled-module cache in `cache_dir` when one is
/// given (see [`cache`]); the outcome says whether the cache had it.
pub fn load(engine: &Engine, wasm: &[u8], cache_dir: Option<&std::path::Path>) -> Result<(Module, Option<cache::Outcome>), HostError> {
    match cache_dir {
        Some(dir) => cache::load_or_compile(engine, wasm, dir)
            .map(|(m, o)| (m, Some(o)))
            .map_err(|e| HostError::Load(format!("{e:#}"))),
        None => compile(engine, wasm).map(|m| (m, None)),
    }
}

fn memory(caller: &mut Caller<'_, State>) -> Option<Memory> {
    match caller.get_export("memory") {
        Some(Extern::Memory(m)) => Some(m),
        _ => None,
    }
}

/// Runs a compiled program with its command-line arguments; returns its exit status.
pub fn run(engine: &Engine, module: &Module, args: &[String]) -> Result<i32, HostError> {
    run_with(engine, module, args, Effects::none())
}

/// [`run`] with the embedder's effects (the host channel, storage).
pub fn run_with(engine: &Engine, module: &Module, args: &[String], effects: Effects) -> Result<i32, HostError> {
    run_entry(engine, module, args, effects, 0)
}

/// [`run_with`] running the module's entry `entry` (0 is the first; docs/ABI.md, *Entries*).
pub fn run_entry(engine: &Engine, module: &Module, args: &[String], effects: Effects, entry: u32) -> Result<i32, HostError> {
    let mut program = Service::start_entry(engine, module, args, effects, entry)?;
    loop {
        match program.step()? {
            Step::Halted(code) => return Ok(code),
            // With sockets open, the wait is a poll of them, bounded by the next timer.
            Step::Timer(ms) if program.effects().pending() => program.effects().poll(Some(Duration::from_millis(ms))),
            Step::Timer(ms) => {
                if ms > 0 {
                    std::thread::sleep(Duration::from_millis(ms));
                }
            }
            Step::Waiting if program.effects().pending() => program.effects().poll(None),
            Step::Waiting => return Err(HostError::Deadlock),
        }
    }
}

/// `BEAMWASM_WATCHDOG=SECS` interrupts a run that takes longer, with a wasm backtrace: a
/// debugging aid for hangs.
fn watchdog(engine: &Engine, store: &mut Store<State>) {
    if let Some(secs) = std::env::var("BEAMWASM_WATCHDOG").ok().and_then(|v| v.parse::<u64>().ok()) {
        store.set_epoch_deadline(1);
        let e = engine.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(secs));
            e.increment_epoch();
        });
    }
}

/// The imports every program needs: standard output, the clocks, the backtrace.
fn link_basics(linker: &mut Linker<State>) -> wasmtime::Result<()> {
    linker.func_wrap("bw", "write", |mut caller: Caller<'_, State>, fd: i32, ptr: i32, len: i32| {
        let Some(mem) = memory(&mut caller) else { return };
        let (data, state) = mem.data_and_store_mut(&mut caller);
        let Some(bytes) = data.get(ptr as usize..(ptr as usize).saturating_add(len as usize)) else { return };
        if fd == 2 {
            let _ = state.stdout.flush();
            let _ = std::io::stderr().write_all(bytes);
        } else {
            let _ = state.stdout.write_all(bytes);
        }
    })?;
    linker.func_wrap("bw", "clock", |caller: Caller<'_, State>, which: i32| -> i64 {
        match which {
            0 => caller.data().start.elapsed().as_nanos() as i64,
            2 => local_utc_offset_secs() * 1_000_000_000,
            _ => SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i64),
        }
    })?;
    linker.func_wrap("bw", "backtrace", |mut caller: Caller<'_, State>, max: i32| -> i32 {
        let trace = wasmtime::WasmBacktrace::capture(&caller);
        let Some(mem) = memory(&mut caller) else { return 0 };
        let data = mem.data_mut(&mut caller);
        let mut n = 0usize;
        for frame in trace.frames().iter().take(usize::try_from(max).unwrap_or(0)) {
            let Some(slot) = data.get_mut(n * 8..n * 8 + 8) else { break };
            let offset = frame.module_offset().unwrap_or(0) as u32;
            slot[..4].copy_from_slice(&frame.func_index().to_le_bytes());
            slot[4..].copy_from_slice(&offset.to_le_bytes());
            n += 1;
        }
        n as i32
    })?;
    Ok(())
}

/// A trap's code and the wasm functions on the stack when it happened, innermost first.
fn describe_trap(e: &wasmtime::Error) -> String {
    let mut out = match e.downcast_ref::<wasmtime::Trap>() {
        Some(t) => format!("{t}"),
        None => format!("{e}"),
    };
    if let Some(bt) = e.downcast_ref::<wasmtime::WasmBacktrace>() {
        for f in bt.frames().iter().take(24) {
            let name = f.func_name().unwrap_or("?");
            out.push_str(&format!("\n    at {name} (#{})", f.func_index()));
        }
    }
    out
}

/// The local time zone's offset from UTC now, in seconds (TZ, else /etc/localtime).
fn local_utc_offset_secs() -> i64 {
    use chrono::Offset;
    i64::from(chrono::Local::now().offset().fix().local_minus_utc())
}
