//! End-to-end checks that the harness can fail: a stand-in `beamwasm` (a shell script that
//! runs the real VM and corrupts or hangs on chosen programs) must be caught, known gaps
//! must be counted apart, a known gap that passes must fail the run, and `--oracle-only`
//! must reject nondeterministic programs and compiler warnings.
//!
//! Needs `elixir` on PATH (scripts/bootstrap.sh installs it).

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const FAKE_BEAMWASM: &str = r#"#!/bin/sh
# usage: fake run --engine E [--no-cache] --entry Mod.main DIR
while [ $# -gt 0 ]; do
  case "$1" in
    --entry) entry="$2"; shift 2 ;;
    *) dir="$1"; shift ;;
  esac
done
mod="${entry%.main}"
case "$mod" in
  Hang) sleep 60 ;;
  Differs|KnownFails) elixir -pa "$dir" -e "$mod.main()" | sed 's/o/0/g' ;;
  *) exec elixir -pa "$dir" -e "$mod.main()" ;;
esac
"#;

fn scratch(tag: &str) -> Result<PathBuf, std::io::Error> {
    let dir = std::env::temp_dir().join(format!("difftest-harness-{tag}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("elixir"))?;
    Ok(dir)
}

fn program(dir: &Path, stem: &str, header: &str, module: &str, body: &str) -> Result<(), std::io::Error> {
    let src = format!("{header}defmodule {module} do\n  def main do\n    {body}\n  end\nend\n");
    fs::write(dir.join("elixir").join(format!("{stem}.ex")), src)
}

fn harness(dir: &Path, extra: &[&str]) -> Result<(i32, String), std::io::Error> {
    let out = Command::new(env!("CARGO_BIN_EXE_beamwasm-difftest"))
        .arg("--programs")
        .arg(dir)
        .arg("--work")
        .arg(dir.join("work"))
        .arg("--beamwasm")
        .arg(dir.join("fake-beamwasm"))
        .args(["--timeout", "8"])
        .args(extra)
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    Ok((out.status.code().unwrap_or(-1), text))
}

#[test]
fn compare_mode_catches_differences_hangs_and_stale_known_marks() -> TestResult {
    let dir = scratch("compare")?;
    let fake = dir.join("fake-beamwasm");
    fs::write(&fake, FAKE_BEAMWASM)?;
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o755))?;
    program(&dir, "passes", "", "Passes", "IO.puts(\"ok\")")?;
    program(&dir, "differs", "# Fake beamwasm corrupts this one.\n", "Differs", "IO.puts(\"foo\")")?;
    program(&dir, "known_fails", "# known: corrupted on purpose\n", "KnownFails", "IO.puts(\"foo\")")?;
    program(&dir, "known_passes", "# known: was broken once\n", "KnownPasses", "IO.puts(\"bar\")")?;
    program(&dir, "hang", "", "Hang", "IO.puts(\"quick on the VM\")")?;
    program(&dir, "crashes", "", "Crashes", "IO.puts(\"before\"); raise \"boom\"")?;

    let (code, out) = harness(&dir, &[])?;
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FAIL elixir/differs: stdout differs; exit status: beam 0, beamwasm 0"), "{out}");
    assert!(out.contains("-foo\n") || out.contains("    -foo"), "{out}");
    assert!(out.contains("    +f00"), "{out}");
    assert!(out.contains("rerun: cargo run --release -p beamwasm-difftest -- --only elixir/differs"), "{out}");
    assert!(out.contains("FAIL elixir/hang: stdout differs; exit status: beam 0, beamwasm timed out after 8 s"), "{out}");
    assert!(out.contains("FAIL elixir/known_passes: unexpectedly passing"), "{out}");
    assert!(out.contains("elixir/known_fails — corrupted on purpose"), "{out}");
    assert!(!out.contains("FAIL elixir/crashes"), "an uncaught error on both sides (exit 1) is a pass: {out}");
    assert!(out.ends_with("1 known\n2 passed, 3 failed\n"), "{out}");

    // Rerunning one program alone, now from the oracle cache.
    let (code, out) = harness(&dir, &["--only", "elixir/passes"])?;
    assert_eq!((code, out.as_str()), (0, "1 passed, 0 failed\n"));
    let _ = fs::remove_dir_all(&dir);
    Ok(())
}

#[test]
fn oracle_only_rejects_nondeterminism_warnings_and_silence() -> TestResult {
    let dir = scratch("oracle")?;
    program(&dir, "steady", "", "Steady", "IO.puts(Enum.sum(1..10))")?;
    program(&dir, "clock", "", "Clock", "IO.puts(System.os_time())")?;
    program(&dir, "warns", "", "Warns", "unused = 1\n    IO.puts(\"x\")")?;
    program(&dir, "silent", "", "Silent", ":ok")?;
    let (code, out) = harness(&dir, &["--oracle-only"])?;
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FAIL elixir/clock: not deterministic"), "{out}");
    assert!(out.contains("FAIL elixir/warns: the compiler printed diagnostics"), "{out}");
    assert!(out.contains("FAIL elixir/silent: prints nothing"), "{out}");
    assert!(out.ends_with("1 passed, 3 failed\n"), "{out}");
    let _ = fs::remove_dir_all(&dir);
    Ok(())
}

#[test]
fn a_missing_beamwasm_binary_is_a_clear_error() -> TestResult {
    let dir = scratch("missing")?;
    program(&dir, "passes", "", "Passes", "IO.puts(\"ok\")")?;
    let out = Command::new(env!("CARGO_BIN_EXE_beamwasm-difftest"))
        .arg("--programs")
        .arg(&dir)
        .arg("--work")
        .arg(dir.join("work"))
        .arg("--beamwasm")
        .arg(dir.join("no-such-binary"))
        .output()?;
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cargo build --release"), "{err}");
    let _ = fs::remove_dir_all(&dir);
    Ok(())
}
