//! Compiles modules with the host's engine settings and prints how long each took:
//! `cargo run --release -p beamwasm-host-wasmtime --example compile_time -- A.wasm [B.wasm...]`.
//! `BEAMWASM_COMPILE_THREADS=1` compiles on one thread (CPU time then equals wall time,
//! which makes two modules comparable on a busy machine). `--functions N` also prints the
//! N functions Cranelift spent most time on (from its own timing, with the time spent
//! translating wasm to CLIF), so that pathological shapes show. `--tsv FILE` writes
//! every function's times beside its body's shape (bytes, locals, blocks, `br_table`
//! targets, casts, calls; docs/ARCHITECTURE.md, *Host (wasmtime)*, has the profile this gave),
//! and prints what is not per function: before the first function (parsing, module
//! translation), after the last (linking), and serialising for the module cache.

use std::sync::Mutex;
use std::time::Duration;

/// Per function: (translate to CLIF, compile), from wasmtime's debug log.
static TIMES: Mutex<Vec<(String, Duration, Duration)>> = Mutex::new(Vec::new());
/// When the first and the last of those messages came.
static SPAN: Mutex<Option<(std::time::Instant, std::time::Instant)>> = Mutex::new(None);

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
        if let Ok(mut span) = SPAN.lock() {
            let now = std::time::Instant::now();
            *span = Some(span.map_or((now, now), |(a, _)| (a, now)));
        }
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
    let mut tsv: Option<String> = None;
    if let Some(i) = args.iter().position(|a| a == "--tsv") {
        tsv = args.get(i + 1).cloned();
        args.drain(i..(i + 2).min(args.len()));
        top = top.max(1);
    }
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
        if let Ok(mut span) = SPAN.lock() {
            *span = None;
        }
        let t = std::time::Instant::now();
        let module = match beamwasm_host_wasmtime::compile(&engine, &wasm) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        };
        let end = std::time::Instant::now();
        println!("{path}: {} bytes, compiled in {:.3} s", wasm.len(), (end - t).as_secs_f64());
        if let Ok(Some((first, last))) = SPAN.lock().map(|s| *s) {
            let ser = std::time::Instant::now();
            let bytes = module.serialize().map(|b| b.len()).unwrap_or(0);
            println!(
                "  before the first function {:.3} s, functions {:.3} s, after the last {:.3} s; serialising ({bytes} bytes) {:.3} s",
                (first - t).as_secs_f64(),
                (last - first).as_secs_f64(),
                (end - last).as_secs_f64(),
                ser.elapsed().as_secs_f64()
            );
        }
        if let Some(out) = &tsv {
            let v = TIMES.lock().map(|v| v.clone()).unwrap_or_default();
            if let Err(e) = std::fs::write(out, shapes_tsv(&wasm, &v)) {
                eprintln!("{out}: {e}");
                std::process::exit(1);
            }
        }
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

/// One line per defined function: its index, name, times (ms) and body shape.
fn shapes_tsv(wasm: &[u8], times: &[(String, Duration, Duration)]) -> String {
    use std::collections::HashMap;
    use wasmparser::{Name, Operator, Parser, Payload};
    // "wasm[0]::function[N]..." and "wasm[0]::array_to_wasm_trampoline[N]" by N.
    let mut by_index: HashMap<u32, (f64, f64, f64)> = HashMap::new();
    for (sym, tr, co) in times {
        let idx = |tag: &str| sym.split_once(tag).and_then(|(_, r)| r.split(']').next()).and_then(|n| n.parse::<u32>().ok());
        if let Some(n) = idx("::function[") {
            let e = by_index.entry(n).or_default();
            e.0 += tr.as_secs_f64() * 1e3;
            e.1 += co.as_secs_f64() * 1e3;
        } else if let Some(n) = idx("::array_to_wasm_trampoline[") {
            by_index.entry(n).or_default().2 += (*tr + *co).as_secs_f64() * 1e3;
        }
    }
    let mut names: HashMap<u32, String> = HashMap::new();
    let mut imported = 0u32;
    let mut bodies = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload {
            Ok(Payload::ImportSection(r)) => {
                for imp in r.into_imports().flatten() {
                    if matches!(imp.ty, wasmparser::TypeRef::Func(_) | wasmparser::TypeRef::FuncExact(_)) {
                        imported += 1;
                    }
                }
            }
            Ok(Payload::CodeSectionEntry(body)) => bodies.push(body),
            Ok(Payload::CustomSection(c)) => {
                if let wasmparser::KnownCustom::Name(r) = c.as_known() {
                    for n in r.into_iter().flatten() {
                        if let Name::Function(m) = n {
                            for nm in m.into_iter().flatten() {
                                names.insert(nm.index, nm.name.to_string());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = String::from("index\tname\tbytes\tlocals\tblocks\tbr_tables\tbr_table_targets\tcasts\tcalls\tops\ttranslate_ms\tcompile_ms\ttrampoline_ms\n");
    for (i, body) in bodies.iter().enumerate() {
        let index = imported + i as u32;
        let bytes = body.range().len();
        let mut locals = 0u32;
        if let Ok(r) = body.get_locals_reader() {
            for (n, _) in r.into_iter().flatten() {
                locals += n;
            }
        }
        let (mut blocks, mut tables, mut targets, mut casts, mut calls, mut ops) = (0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
        if let Ok(mut r) = body.get_operators_reader() {
            while !r.eof() {
                let Ok(op) = r.read() else { break };
                ops += 1;
                match op {
                    Operator::Block { .. } | Operator::Loop { .. } | Operator::If { .. } | Operator::TryTable { .. } => blocks += 1,
                    Operator::BrTable { targets: t } => {
                        tables += 1;
                        targets += t.len() + 1;
                    }
                    Operator::RefCastNonNull { .. }
                    | Operator::RefCastNullable { .. }
                    | Operator::RefTestNonNull { .. }
                    | Operator::RefTestNullable { .. }
                    | Operator::BrOnCast { .. }
                    | Operator::BrOnCastFail { .. } => casts += 1,
                    Operator::Call { .. } | Operator::ReturnCall { .. } | Operator::CallRef { .. } | Operator::ReturnCallRef { .. } => calls += 1,
                    _ => {}
                }
            }
        }
        let (tr, co, tramp) = by_index.get(&index).copied().unwrap_or_default();
        let name = names.get(&index).map_or(String::new(), |n| n.replace('\t', " "));
        out.push_str(&format!("{index}\t{name}\t{bytes}\t{locals}\t{blocks}\t{tables}\t{targets}\t{casts}\t{calls}\t{ops}\t{tr:.3}\t{co:.3}\t{tramp:.3}\n"));
    }
    out
}
