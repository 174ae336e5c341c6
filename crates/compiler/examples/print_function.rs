//! Prints functions of a module (built with `beamwasm build --names`) as WAT:
//! `cargo run --release -p beamwasm-compiler --example print_function -- FILE.wasm NAME...`,
//! each NAME a function's name or a prefix ending in `*`. A density-work aid.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((file, names)) = args.split_first() else {
        eprintln!("usage: print_function FILE.wasm NAME...");
        std::process::exit(2);
    };
    let text = std::fs::read(file).map_err(|e| e.to_string()).and_then(|w| wasmprinter::print_bytes(w).map_err(|e| e.to_string()));
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(1);
        }
    };
    let mut printing = false;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("  (func $") {
            let name = rest.split(' ').next().unwrap_or("");
            printing = names.iter().any(|n| match n.strip_suffix('*') {
                Some(prefix) => name.starts_with(prefix),
                None => name == n,
            });
        } else if line.starts_with("  (") {
            printing = false;
        }
        if printing {
            println!("{line}");
        }
    }
}
