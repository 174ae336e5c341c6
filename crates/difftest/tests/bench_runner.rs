//! End-to-end checks of the bench runner with stand-in `beamwasm` scripts: a matching run
//! gives each engine (wasmtime and Node by default) a ratio and a geometric mean, a wrong
//! checksum and a missing binary are reported as engine-side failures while the BEAM column
//! is still printed, and `--engine` narrows the run to one engine.
//!
//! Needs `elixir` on PATH (scripts/bootstrap.sh installs it).

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const WORKLOAD: &str = "defmodule TinyWork do\n  def main do\n    t0 = :erlang.monotonic_time(:microsecond)\n    \
    sum = Enum.sum(1..100_000)\n    IO.puts(\"checksum=#{sum}\")\n    \
    IO.puts(\"elapsed_us=#{:erlang.monotonic_time(:microsecond) - t0}\")\n  end\nend\n";

fn setup(tag: &str, fake_body: &str) -> Result<PathBuf, std::io::Error> {
    let dir = std::env::temp_dir().join(format!("difftest-bench-{tag}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("bench"))?;
    fs::write(dir.join("bench/tiny_work.ex"), WORKLOAD)?;
    let fake = dir.join("fake-beamwasm");
    fs::write(&fake, format!("#!/bin/sh\nentry=\"$5\"; dir=\"$6\"; mod=\"${{entry%.main}}\"\n{fake_body}\n"))?;
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o755))?;
    Ok(dir)
}

fn bench(dir: &Path, beamwasm: &Path, extra: &[&str]) -> Result<(i32, String), std::io::Error> {
    let out = Command::new(env!("CARGO_BIN_EXE_bench"))
        .arg("--programs")
        .arg(dir.join("bench"))
        .arg("--work")
        .arg(dir.join("work"))
        .arg("--beamwasm")
        .arg(beamwasm)
        .args(["--runs", "2", "--timeout", "30"])
        .args(extra)
        .output()?;
    Ok((out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned()))
}

#[test]
fn matching_checksums_give_a_ratio_and_a_geometric_mean() -> TestResult {
    let dir = setup("match", "exec elixir -pa \"$dir\" -e \"$mod.main()\"")?;
    let (code, out) = bench(&dir, &dir.join("fake-beamwasm"), &[])?;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("tiny_work"), "{out}");
    assert!(out.contains("checksum checksum=5000050000"), "{out}");
    assert!(out.contains("geometric mean of ratios (wasmtime / BEAM):"), "{out}");
    assert!(out.contains("geometric mean of ratios (node / BEAM):"), "{out}");
    let (code, out) = bench(&dir, &dir.join("fake-beamwasm"), &["--engine", "node"])?;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("geometric mean of ratios (node / BEAM):"), "{out}");
    assert!(!out.contains("wasmtime"), "{out}");
    let _ = fs::remove_dir_all(&dir);
    Ok(())
}

#[test]
fn a_wrong_checksum_is_a_beamwasm_failure() -> TestResult {
    let dir = setup("wrong", "printf 'checksum=1\\nelapsed_us=5\\n'")?;
    let (code, out) = bench(&dir, &dir.join("fake-beamwasm"), &[])?;
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("wasmtime failed: checksum differs"), "{out}");
    assert!(out.contains("node failed: checksum differs"), "{out}");
    assert!(out.contains("geometric mean of ratios (wasmtime / BEAM): n/a"), "{out}");
    let _ = fs::remove_dir_all(&dir);
    Ok(())
}

#[test]
fn a_missing_beamwasm_still_prints_the_beam_side() -> TestResult {
    let dir = setup("missing", "exit 1")?;
    let (code, out) = bench(&dir, &dir.join("no-such-beamwasm"), &[])?;
    assert_eq!(code, 1, "{out}");
    let row = out.lines().find(|l| l.starts_with("tiny_work")).unwrap_or_default();
    assert!(row.contains("wasmtime failed") && row.contains("node failed"), "{out}");
    assert!(!row.contains("BEAM side failed"), "{out}");
    let _ = fs::remove_dir_all(&dir);
    Ok(())
}
