//! `beamwasm disasm` end to end: golden outputs beside this file (`tests/expected/`,
//! rewritten with `BLESS=1`), and a bad file reported on stderr with exit status 1.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::golden;

fn tmp(name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

fn beamwasm(args: &[&str]) -> Result<Output, String> {
    Command::new(env!("CARGO_BIN_EXE_beamwasm")).args(args).output().map_err(|e| e.to_string())
}

#[test]
fn listing_and_eterm_of_a_small_module_match_their_golden_files() -> Result<(), String> {
    let path = tmp("minimal.beam", &beam::testing::minimal_module())?;
    let path = path.to_str().ok_or("non-UTF-8 temp path")?;
    for (format, golden_name) in [("listing", "minimal.listing"), ("eterm", "minimal.eterm")] {
        let out = beamwasm(&["disasm", "--format", format, path])?;
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        golden(golden_name, &String::from_utf8_lossy(&out.stdout))?;
    }
    let default = beamwasm(&["disasm", path])?;
    golden("minimal.listing", &String::from_utf8_lossy(&default.stdout))
}

#[test]
fn a_bad_file_is_one_line_on_stderr_and_exit_status_1() -> Result<(), String> {
    let path = tmp("not-a-module.beam", b"this is not a BEAM file at all")?;
    let out = beamwasm(&["disasm", path.to_str().ok_or("non-UTF-8 temp path")?])?;
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("beamwasm: {}: at byte 0: not a BEAM file: it does not start with FOR1\n", path.display())
    );
    let mut truncated = beam::testing::minimal_module();
    truncated.truncate(40);
    let path = tmp("truncated.beam", &truncated)?;
    let out = beamwasm(&["disasm", "--format", "eterm", path.to_str().ok_or("non-UTF-8 temp path")?])?;
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with(&format!("beamwasm: {}: at byte 4: file is truncated", path.display())), "{stderr}");
    assert!(!stderr.contains("panicked"));
    Ok(())
}

#[test]
fn a_missing_file_is_reported_not_panicked() -> Result<(), String> {
    let out = beamwasm(&["disasm", "/nonexistent/x.beam"])?;
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "beamwasm: /nonexistent/x.beam: No such file or directory (os error 2)\n");
    Ok(())
}
