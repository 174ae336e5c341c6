//! A module built with several entries (`beamwasm build --entry A --entry B`) validates,
//! names its entries, and runs the one `beamwasm run MODULE.wasm --entry` chooses, on
//! wasmtime (compiled once, through `--cache-dir`) and on Node; the choice is invisible to
//! the program (its arguments are its own, as built alone), and a wrong or missing choice
//! is a clear error.

use std::path::{Path, PathBuf};
use std::process::Command;

const FIRST: &str = "-module(first).\n-export([main/0]).\nmain() -> io:format(\"first~n\").\n";
const SECOND: &str =
    "-module(second).\n-export([main/1]).\nmain(Args) -> io:format(\"second ~p~n\", [Args]), erlang:halt(3).\n";

fn beamwasm(dir: &Path, args: &[&str]) -> Result<(i32, String, String), String> {
    let out = Command::new(env!("CARGO_BIN_EXE_beamwasm")).args(args).current_dir(dir).output().map_err(|e| e.to_string())?;
    Ok((
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

/// Builds the two-entry module in a scratch directory `name` of its own (tests run in parallel).
fn built(name: &str) -> Result<PathBuf, String> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("first.erl"), FIRST).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("second.erl"), SECOND).map_err(|e| e.to_string())?;
    let (code, _, err) =
        beamwasm(&dir, &["build", "--entry", "first.main", "--entry", "second.main", "first.erl", "second.erl", "-o", "both.wasm"])?;
    if code != 0 {
        return Err(format!("build failed: {err}"));
    }
    Ok(dir)
}

#[test]
fn a_module_with_two_entries_runs_the_chosen_one_on_both_engines() -> Result<(), String> {
    let dir = built("multi_entry_runs")?;
    let wasm = std::fs::read(dir.join("both.wasm")).map_err(|e| e.to_string())?;
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
        .validate_all(&wasm)
        .map_err(|e| format!("invalid module: {e}"))?;
    let entries = beamwasm_compiler::module_entries(&wasm).ok_or("no beamwasm.entries section")?;
    assert_eq!(entries, [("first".to_string(), "main".to_string(), 0), ("second".to_string(), "main".to_string(), 1)]);
    let cache = dir.join("cache");
    let cache = cache.to_str().ok_or("path")?;
    for engine in ["wasmtime", "node"] {
        let run = |entry: &str, args: &[&str]| {
            let mut a = vec!["run", "--engine", engine, "both.wasm", "--entry", entry];
            if engine == "wasmtime" {
                a.extend(["--cache-dir", cache]);
            }
            a.push("--");
            a.extend(args);
            beamwasm(&dir, &a)
        };
        let (code, out, err) = run("second.main", &["x", "y"])?;
        assert_eq!((code, out.as_str()), (3, "second [<<\"x\">>,<<\"y\">>]\n"), "{engine}: {err}");
        let (code, out, err) = run("first.main", &["z"])?;
        assert_eq!((code, out.as_str()), (0, "first\n"), "{engine}: {err}");
    }
    Ok(())
}

#[test]
fn a_module_with_two_entries_refuses_a_missing_or_unknown_entry() -> Result<(), String> {
    let dir = built("multi_entry_refuses")?;
    let (code, _, err) = beamwasm(&dir, &["run", "--no-cache", "both.wasm"])?;
    assert_ne!(code, 0);
    assert!(err.contains("holds 2 entries") && err.contains("second:main/1"), "{err}");
    let (code, _, err) = beamwasm(&dir, &["run", "--no-cache", "both.wasm", "--entry", "third.main"])?;
    assert_ne!(code, 0);
    assert!(err.contains("no such entry"), "{err}");
    Ok(())
}
