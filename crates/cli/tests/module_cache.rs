//! The same program always builds to the same bytes, and `beamwasm run` keeps wasmtime's
//! compiled module in its cache: a second run loads it instead of compiling, and an entry
//! that cannot be loaded is compiled afresh and replaced, with the same output.

use std::path::{Path, PathBuf};
use std::process::Command;

const PROGRAM: &str = "-module(cached).\n-export([main/0]).\nmain() -> io:format(\"~p~n\", [lists:seq(1, 3)]).\n";

fn scratch(name: &str) -> Result<PathBuf, String> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("cached.erl"), PROGRAM).map_err(|e| e.to_string())?;
    Ok(dir)
}

fn beamwasm(dir: &Path, args: &[&str]) -> Result<(String, String), String> {
    let out = Command::new(env!("CARGO_BIN_EXE_beamwasm"))
        .args(args)
        .current_dir(dir)
        .env("BEAMWASM_CACHE_DIR", dir.join("cache"))
        .env_remove("BEAMWASM_CACHE")
        .output()
        .map_err(|e| e.to_string())?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() {
        return Err(format!("beamwasm {args:?} failed: {stderr}"));
    }
    Ok((String::from_utf8_lossy(&out.stdout).into_owned(), stderr))
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir.join("cache"))
        .map(|r| r.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn the_same_program_builds_to_the_same_bytes() -> Result<(), String> {
    let dir = scratch("reproducible")?;
    beamwasm(&dir, &["build", "--entry", "cached.main", "-o", "a.wasm", "cached.erl"])?;
    beamwasm(&dir, &["build", "--entry", "cached.main", "-o", "b.wasm", "cached.erl"])?;
    let a = std::fs::read(dir.join("a.wasm")).map_err(|e| e.to_string())?;
    let b = std::fs::read(dir.join("b.wasm")).map_err(|e| e.to_string())?;
    assert!(a == b, "two builds of one program differ ({} and {} bytes)", a.len(), b.len());
    Ok(())
}

#[test]
fn a_second_run_loads_the_compiled_module_from_the_cache() -> Result<(), String> {
    let dir = scratch("cache-hit")?;
    let run = ["run", "--verbose", "--entry", "cached.main", "cached.erl"];
    let (out1, err1) = beamwasm(&dir, &run)?;
    assert_eq!(out1, "[1,2,3]\n");
    assert!(err1.contains("(not in the cache)"), "first run: {err1}");
    assert_eq!(entries(&dir).len(), 1, "one entry stored");

    let (out2, err2) = beamwasm(&dir, &run)?;
    assert_eq!(out2, out1);
    assert!(err2.contains("(loaded from the cache)"), "second run: {err2}");

    // A damaged entry is compiled afresh and replaced.
    let entry = entries(&dir).remove(0);
    std::fs::write(&entry, b"not a compiled module").map_err(|e| e.to_string())?;
    let (out3, err3) = beamwasm(&dir, &run)?;
    assert_eq!(out3, out1);
    assert!(err3.contains("(not in the cache)"), "damaged entry: {err3}");
    let (_, err4) = beamwasm(&dir, &run)?;
    assert!(err4.contains("(loaded from the cache)"), "after the replacement: {err4}");

    // --no-cache neither reads nor writes it.
    let (out5, err5) = beamwasm(&dir, &["run", "--verbose", "--no-cache", "--entry", "cached.main", "cached.erl"])?;
    assert_eq!(out5, out1);
    assert!(!err5.contains("cache)"), "--no-cache: {err5}");
    assert_eq!(entries(&dir).len(), 1);
    Ok(())
}
