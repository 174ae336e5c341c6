//! Compiles modules with the host's engine settings and prints how long each took:
//! `cargo run --release -p beamwasm-host-wasmtime --example compile_time -- A.wasm [B.wasm...]`.
//! `BEAMWASM_COMPILE_THREADS=1` compiles on one thread (CPU time then equals wall time,
//! which makes two modules comparable on a busy machine).

fn main() {
    let engine = match beamwasm_host_wasmtime::engine() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for path in std::env::args().skip(1) {
        let wasm = match std::fs::read(&path) {
            Ok(w) => w,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        };
        let t = std::time::Instant::now();
        if let Err(e) = beamwasm_host_wasmtime::compile(&engine, &wasm) {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
        println!("{path}: {} bytes, compiled in {:.3} s", wasm.len(), t.elapsed().as_secs_f64());
    }
}
