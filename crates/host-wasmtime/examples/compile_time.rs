//! Compiles modules with the host's engine settings and prints how long each took:
//! `cargo run --release -p beamwasm-host-wasmtime --example compile_time -- A.wasm [B.wasm...]`.
//! `BEAMWASM_COMPILE_THREADS=1` compiles on one thread (CPU time then equals wall time,
//! which makes two modules comparable on a busy machine). `--functions N` also prints the
//! N functions Cranelift spent most time on (from its own timing, with the time spent
//! translating wasm to CLIF), so that pathological shapes show.

use std::sync::Mutex;
use std::time::Duration;

/// Per function: (translate to CLIF, compile), from wasmtime's debug log.
static TIMES: Mutex<Vec<(String, Duration, Duration)>> = Mutex::new(Vec::new());

struct Collect;

impl log::Log for Collect {
    fn enabled(&self, m: &log::Metadata) -> bool {
        m.level() <= log::Level::Debug && m.target().contains("cranelift")
    }

    fn log(&self, r: &log::Record) {
        if !self.enabled(r.metadata()) {
            return;
        }
        let msg = r.args().to_string();
        let (which, rest) = if let Some((sym, t)) = msg.split_once("` translated to CLIF in ") {
            (0, Some((sym, t)))
        } else if let Some((sym, t)) = msg.split_once("` compiled in ") {
            (1, Some((sym, t)))
        } else {
            (2, None)
        };
        let Some((sym, t)) = rest else { return };
        let sym = sym.trim_start_matches('`').to_string();
        let d = parse_duration(t);
        if let Ok(mut v) = TIMES.lock() {
            match v.iter_mut().find(|e| e.0 == sym) {
                Some(e) if which == 0 => e.1 += d,
                Some(e) => e.2 += d,
                None if which == 0 => v.push((sym, d, Duration::ZERO)),
                None => v.push((sym, Duration::ZERO, d)),
            }
        }
    }

    fn flush(&self) {}
}

/// Parses Debug-printed durations such as `1.234ms`, `56.7µs`, `2.1s`, `800ns`.
fn parse_duration(t: &str) -> Duration {
    let t = t.trim();
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let v: f64 = num.parse().unwrap_or(0.0);
    let secs = match unit {
        "s" => v,
        "ms" => v / 1e3,
        "µs" | "us" => v / 1e6,
        "ns" => v / 1e9,
        _ => 0.0,
    };
    Duration::from_secs_f64(secs)
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut top = 0usize;
    if let Some(i) = args.iter().position(|a| a == "--functions") {
        top = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(20);
        args.drain(i..(i + 2).min(args.len()));
    }
    if top > 0 {
        let _ = log::set_logger(&Collect);
        log::set_max_level(log::LevelFilter::Debug);
    }
    let engine = match beamwasm_host_wasmtime::engine() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for path in args {
        let wasm = match std::fs::read(&path) {
            Ok(w) => w,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        };
        if let Ok(mut v) = TIMES.lock() {
            v.clear();
        }
        let t = std::time::Instant::now();
        if let Err(e) = beamwasm_host_wasmtime::compile(&engine, &wasm) {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
        println!("{path}: {} bytes, compiled in {:.3} s", wasm.len(), t.elapsed().as_secs_f64());
        if top > 0 {
            let mut v = TIMES.lock().map(|v| v.clone()).unwrap_or_default();
            let (tr, co): (Duration, Duration) = v.iter().fold((Duration::ZERO, Duration::ZERO), |a, e| (a.0 + e.1, a.1 + e.2));
            println!("  {} functions: translating {:.3} s, compiling {:.3} s (summed over threads)", v.len(), tr.as_secs_f64(), co.as_secs_f64());
            v.sort_by(|a, b| (b.1 + b.2).cmp(&(a.1 + a.2)));
            for (sym, tr, co) in v.iter().take(top) {
                println!("  {:>9.3} ms  (translate {:>8.3})  {sym}", (*tr + *co).as_secs_f64() * 1e3, tr.as_secs_f64() * 1e3);
            }
        }
    }
}
