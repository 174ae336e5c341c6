//! The engine and the compiled runtime module that every harness of a test binary shares.
//!
//! Expects: nothing; the first caller compiles `beamwasm_runtime::RUNTIME_WASM`.
//! Guarantees: one Cranelift compile per test binary, with the settings the product uses
//! (`beamwasm_host_wasmtime::engine`): the WasmGC proposals, and cranelift without its
//! optimiser, whose alias analysis is quadratic on WasmGC code (docs/ARCHITECTURE.md,
//! *Host*). With the optimiser each compile of the runtime took tens of CPU seconds, and
//! the harnesses compiled it once per test, which made the runtime's tests most of
//! `cargo test`'s time.
#![allow(dead_code)]

use std::sync::OnceLock;

use wasmtime::{Config, Engine, Module, OptLevel};

/// The shared engine and compiled runtime.
pub fn compiled() -> &'static (Engine, Module) {
    static C: OnceLock<(Engine, Module)> = OnceLock::new();
    C.get_or_init(|| {
        let mut config = Config::new();
        config
            .wasm_gc(true)
            .wasm_function_references(true)
            .wasm_tail_call(true)
            .wasm_exceptions(true)
            .cranelift_opt_level(OptLevel::None)
            .gc_heap_initial_size(256 << 20);
        let engine = Engine::new(&config).unwrap_or_else(|e| panic!("engine: {e}"));
        let module = Module::new(&engine, beamwasm_runtime::RUNTIME_WASM).unwrap_or_else(|e| panic!("module: {e:?}"));
        (engine, module)
    })
}
