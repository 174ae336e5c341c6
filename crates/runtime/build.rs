//! Assembles the runtime: the WAT files under `wat/`, in the order of `wat/ORDER`, become
//! one module (`$OUT_DIR/runtime.wasm`) that the compiler extends with generated code; the
//! native layer (the VM's C libraries, `crates/native`) is merged into it.
//! The well-known atoms of `wat/atoms.txt` become globals `$atom.NAME` and the table
//! `WELL_KNOWN_ATOMS` that the compiler numbers its own atoms after.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let out = PathBuf::from(env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let wat_dir = dir.join("wat");
    println!("cargo:rerun-if-changed={}", wat_dir.display());

    let atoms = read(&wat_dir.join("atoms.txt"))?;
    let atoms: Vec<&str> = atoms.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let mut atoms_wat = String::from(";; generated from atoms.txt: the well-known atoms, ids 0..\n");
    let mut atoms_rs = String::from("&[\n");
    let mut register = String::from("(func $atoms_register_well_known\n");
    for (i, a) in atoms.iter().enumerate() {
        writeln!(atoms_wat, "(global $atom.{a} (ref $atom) (struct.new $atom (i32.const {i})))").map_err(|e| e.to_string())?;
        writeln!(register, "  (call $atom_register (global.get $atom.{a}))").map_err(|e| e.to_string())?;
        writeln!(atoms_rs, "    {a:?},").map_err(|e| e.to_string())?;
    }
    register.push_str(")\n");
    atoms_wat.push_str(&register);
    // The atom-name segment for a runtime on its own; the compiler replaces it with the
    // names of every atom of the program (the well-known ones first).
    let names = atom_names_segment(&atoms);
    atoms_wat.push_str("(data $atom_names \"");
    for b in names {
        write!(atoms_wat, "\\{b:02x}").map_err(|e| e.to_string())?;
    }
    atoms_wat.push_str("\")\n");
    atoms_rs.push(']');
    fs::write(out.join("atoms.rs"), atoms_rs).map_err(|e| e.to_string())?;

    // Concatenate the files, remembering where each starts so that errors point into them.
    let order = read(&wat_dir.join("ORDER"))?;
    let mut text = String::from("(module $runtime\n");
    let mut spans: Vec<(usize, String)> = Vec::new();
    let mut files_rs = String::from("&[\n");
    for name in order.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let body = if name == "atoms.txt" { atoms_wat.clone() } else { read(&wat_dir.join(name))? };
        spans.push((text.lines().count() + 1, name.to_string()));
        for f in function_names(&body) {
            writeln!(files_rs, "    ({f:?}, {name:?}),").map_err(|e| e.to_string())?;
        }
        text.push_str(&body);
        text.push('\n');
    }
    text.push_str(")\n");
    // The C functions the merge appends (and the placeholders it fills) are named by their
    // library, so the size report splits the native layer's code (`C PCRE`, `C zlib`, ...).
    for (kind, name, library, _) in beamwasm_native::LIBRARIES {
        if *kind == "func" {
            writeln!(files_rs, "    (\"native:{name}\", \"C {library}\"),").map_err(|e| e.to_string())?;
        }
    }
    files_rs.push(']');
    let mut native_data = String::from("&[\n");
    for (kind, name, library, bytes) in beamwasm_native::LIBRARIES {
        if *kind == "data" {
            writeln!(native_data, "    ({library:?}, {name:?}, {bytes}),").map_err(|e| e.to_string())?;
        }
    }
    native_data.push(']');
    fs::write(out.join("native_data.rs"), native_data).map_err(|e| e.to_string())?;
    fs::write(out.join("function_files.rs"), files_rs).map_err(|e| e.to_string())?;
    fs::write(out.join("runtime.wat"), &text).map_err(|e| e.to_string())?;

    compile_overlay(&dir.join("erl"), &out)?;

    let wasm = wat::parse_str(&text).map_err(|e| locate(&e, &spans))?;
    let mut validator = wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all());
    validator.validate_all(&wasm).map_err(|e| format!("runtime does not validate: {e}"))?;
    // The VM's C libraries (crates/native) become part of the runtime: native.wat's
    // placeholders get their bodies, the rest of the C code is appended.
    let wasm = beamwasm_native::merge::merge(&wasm, beamwasm_native::NATIVE_WASM)?;
    let mut validator = wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all());
    validator.validate_all(&wasm).map_err(|e| format!("runtime with the native layer does not validate: {e}"))?;
    fs::write(out.join("runtime.wasm"), wasm).map_err(|e| e.to_string())?;
    Ok(())
}

/// Compiles the runtime's Erlang modules (`erl/*.erl`) with the installed `erlc` and writes
/// `overlay.rs`, the table of their `.beam` bytes.
fn compile_overlay(src: &Path, out: &Path) -> Result<(), String> {
    println!("cargo:rerun-if-changed={}", src.display());
    let ebin = out.join("overlay");
    fs::create_dir_all(&ebin).map_err(|e| e.to_string())?;
    let mut names: Vec<String> = fs::read_dir(src)
        .map_err(|e| format!("{}: {e}", src.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".erl")).map(String::from))
        .collect();
    names.sort();
    let files: Vec<PathBuf> = names.iter().map(|n| src.join(format!("{n}.erl"))).collect();
    let status = std::process::Command::new("erlc")
        .arg("-o")
        .arg(&ebin)
        .args(&files)
        .status()
        .map_err(|e| format!("cannot run erlc ({e}): install Erlang/OTP with scripts/bootstrap.sh"))?;
    if !status.success() {
        return Err("erlc failed on the runtime's Erlang modules".into());
    }
    let mut table = String::from("&[\n");
    for n in &names {
        let beam = ebin.join(format!("{n}.beam"));
        writeln!(table, "    ({n:?}, include_bytes!({:?}).as_slice()),", beam.display().to_string()).map_err(|e| e.to_string())?;
    }
    table.push(']');
    fs::write(out.join("overlay.rs"), table).map_err(|e| e.to_string())?;
    Ok(())
}

/// The layout of the `$atom_names` segment (atom.wat): u32 total length, u32 count, then
/// per atom a LEB128 length and the UTF-8 name.
fn atom_names_segment(atoms: &[&str]) -> Vec<u8> {
    let mut body = Vec::new();
    for a in atoms {
        let mut n = a.len();
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                body.push(byte);
                break;
            }
            body.push(byte | 0x80);
        }
        body.extend_from_slice(a.as_bytes());
    }
    let mut seg = Vec::new();
    seg.extend_from_slice(&((body.len() + 8) as u32).to_le_bytes());
    seg.extend_from_slice(&(atoms.len() as u32).to_le_bytes());
    seg.extend_from_slice(&body);
    seg
}

/// The names of the functions a WAT file defines or imports: every `(func $NAME`.
fn function_names(wat: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = wat;
    while let Some(at) = rest.find("(func") {
        rest = &rest[at + 5..];
        let trimmed = rest.trim_start();
        if let Some(name) = trimmed.strip_prefix('$').filter(|_| rest.len() != trimmed.len()) {
            let end = name.find(|c: char| c.is_whitespace() || c == '(' || c == ')').unwrap_or(name.len());
            out.push(&name[..end]);
        }
    }
    out
}

fn read(p: &Path) -> Result<String, String> {
    fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
}

/// Rewrites the `--> <anon>:LINE:COL` of a wat error into `wat/FILE:LINE`.
fn locate(e: &wat::Error, spans: &[(usize, String)]) -> String {
    let msg = e.to_string();
    let line = msg
        .split_once("--> ")
        .and_then(|(_, rest)| rest.split(':').nth(1))
        .and_then(|l| l.trim().parse::<usize>().ok());
    match line.and_then(|l| spans.iter().rev().find(|(start, _)| *start <= l).map(|(s, f)| (f, l - s + 1))) {
        Some((file, l)) => format!("wat/{file}:{l}: {msg}"),
        None => msg,
    }
}
