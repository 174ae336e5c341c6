//! The code `beamwasm build` emits for one small Erlang module: the module validates, the
//! function under test matches its snapshot (`tests/expected/snap_add_2.wat`, rewritten
//! with `BLESS=1`), its frame's slow paths call helpers emitted once per shape, and its
//! stack trace names the right function and line when run.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::golden;

fn build(out: &Path) -> Result<(), String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs/snap.erl");
    let o = Command::new(env!("CARGO_BIN_EXE_beamwasm"))
        .args(["build", "--names", "--entry", "snap.main", "-o"])
        .arg(out)
        .arg(&src)
        .output()
        .map_err(|e| e.to_string())?;
    if !o.status.success() {
        return Err(format!("build failed: {}", String::from_utf8_lossy(&o.stderr)));
    }
    Ok(())
}

/// The text of one function, as wasmprinter prints it, from `(func $name` to the next
/// function, with the numbers that move whenever the runtime or the standard library
/// grows (function and type indices, the frame word holding the function's frame id above
/// its arity, atom ids and literal-pool indices) replaced by placeholders.
fn function_text(wat: &str, name: &str, arity: u32) -> Option<String> {
    let start = wat.find(&format!("(func ${name} "))?;
    let rest = &wat[start..];
    let end = rest[1..].find("\n  (func ").map_or(rest.len(), |e| e + 1);
    let self_ref = format!("ref.func ${name}");
    let mut out = String::new();
    let mut table: Option<&str> = None;
    for (i, line) in rest[..end].trim_end().lines().enumerate() {
        let mut line = line.to_string();
        if let (Some(name), Some(at)) = (table.take(), line.find("i32.const ")) {
            let value = line[at + "i32.const ".len()..].trim().parse::<u32>().ok();
            let is_word = value.is_some_and(|w| w & 0xff == arity && w >> 8 != 0);
            if name != "FRAME_WORD" || is_word {
                line.replace_range(at + "i32.const ".len().., name);
            }
        }
        table = match line.trim() {
            "global.get $atom_tab" => Some("ATOM"),
            "global.get $literals" => Some("LITERAL"),
            l if l == self_ref => Some("FRAME_WORD"),
            _ => None,
        };
        let header: &[(&str, &str)] = if i == 0 { &[("(;", ";)"), ("(type ", ")")] } else { &[] };
        for &(open, close) in header {
            if let Some(a) = line.find(open) {
                if let Some(b) = line[a..].find(close) {
                    line.replace_range(a + open.len()..a + b, "N");
                }
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    Some(out)
}

#[test]
fn a_small_functions_code_matches_its_snapshot_and_the_module_validates() -> Result<(), String> {
    let out: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join("snap.wasm");
    build(&out)?;
    let wasm = std::fs::read(&out).map_err(|e| e.to_string())?;
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
        .validate_all(&wasm)
        .map_err(|e| format!("invalid module: {e}"))?;
    let wat = wasmprinter::print_bytes(&wasm).map_err(|e| e.to_string())?;
    let actual = function_text(&wat, "snap:add/2", 2).ok_or("no function snap:add/2 in the module")?;
    golden("snap_add_2.wat", &actual)
}

#[test]
fn a_caught_errors_stack_trace_names_the_failing_function_and_line() -> Result<(), String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs/snap.erl");
    let o = Command::new(env!("CARGO_BIN_EXE_beamwasm"))
        .args(["run", "--no-cache", "--entry", "snap.main"])
        .arg(&src)
        .output()
        .map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&o.stdout);
    // As the VM prints it for a module compiled from this path (erlang:display ends lines
    // with \r\n there too); the frames below main/0 are the launcher's and differ.
    let expected = "4\r\n{not_an_integer,a}\r\n{badarith,[{erlang,'+',[2,b],[{error_info,#{module=>erl_erts_errors}}]},\
{snap,add,2,[{file,\"tests/programs/snap.erl\"},{line,5}]},{snap,main,0,[{file,\"tests/programs/snap.erl\"},{line,13}]}";
    if !stdout.starts_with(expected) {
        return Err(format!("stdout:\n{stdout}\nexpected it to start with:\n{expected}"));
    }
    Ok(())
}

#[test]
fn the_frames_slow_paths_are_one_shared_helper_per_shape() -> Result<(), String> {
    let out: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join("snap_helpers.wasm");
    build(&out)?;
    let wasm = std::fs::read(&out).map_err(|e| e.to_string())?;
    let wat = wasmprinter::print_bytes(&wasm).map_err(|e| e.to_string())?;
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    for line in wat.lines() {
        let Some(rest) = line.trim_start().strip_prefix("(func $") else { continue };
        let name = rest.split(' ').next().unwrap_or_default();
        if ["yield:", "resume:y", "unwind:y"].iter().any(|p| name.starts_with(p)) {
            *seen.entry(name).or_default() += 1;
        }
    }
    for kind in ["yield:2", "resume:y1", "unwind:y"] {
        if !seen.keys().any(|n| n.starts_with(kind)) {
            return Err(format!("no {kind} helper among {seen:?}"));
        }
    }
    match seen.iter().find(|(_, n)| **n > 1) {
        Some((name, n)) => Err(format!("{name} is emitted {n} times")),
        None => Ok(()),
    }
}
