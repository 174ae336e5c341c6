//! `beamwasm test` against the real VM: the ExUnit files in `tests/exunit/` (a shared
//! helper; passing and failing assertions with their diffs, a skipped test, tags, async
//! modules, setup_all/setup, describe, doctests, capture_io and capture_log) run with
//! `elixir -r test_helper.exs -r CONFIG -r FILE...`, ExUnit configured as `mix test`
//! configures it from the same options, and through `beamwasm test`. Standard output must
//! be the same, but for the line with the timings, and so must the exit status.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const FILES: &[&str] = &["assertions_test.exs", "features_test.exs"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/exunit")
}

/// ExUnit's report without its timings ("Finished in 0.2 seconds (...)").
fn report(stdout: &[u8]) -> String {
    String::from_utf8_lossy(stdout).lines().filter(|l| !l.starts_with("Finished in ")).map(|l| format!("{l}\n")).collect()
}

/// The VM's run, with `config` (ExUnit.configure/1 arguments) applied after the helper.
fn on_vm(name: &str, config: &str) -> Result<(String, Option<i32>), String> {
    let cfg = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("exunit-{name}.exs"));
    std::fs::write(&cfg, format!("ExUnit.configure({config})\n")).map_err(|e| e.to_string())?;
    let mut cmd = Command::new("elixir");
    cmd.current_dir(fixtures()).args(["-r", "test_helper.exs", "-r"]).arg(&cfg);
    for f in FILES {
        cmd.args(["-r", f]);
    }
    let out = cmd.output().map_err(|e| format!("elixir: {e}"))?;
    Ok((report(&out.stdout), out.status.code()))
}

fn on_beamwasm(engine: &str, options: &[&str]) -> Result<(String, String, Option<i32>), String> {
    let out = Command::new(env!("CARGO_BIN_EXE_beamwasm"))
        .current_dir(fixtures())
        .args(["test", "--no-cache", "--engine", engine])
        .args(options)
        .args(FILES)
        .output()
        .map_err(|e| e.to_string())?;
    Ok((report(&out.stdout), String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code()))
}

fn compare(name: &str, engine: &str, config: &str, options: &[&str]) -> Result<(), String> {
    let (expected, vm_status) = on_vm(name, config)?;
    let (actual, stderr, status) = on_beamwasm(engine, options)?;
    if expected != actual || vm_status != status {
        return Err(format!(
            "our result differs from the VM's ({engine}; status {status:?}, VM {vm_status:?}):\n--- VM\n{expected}\n--- beamwasm\n{actual}\n--- beamwasm stderr\n{stderr}"
        ));
    }
    Ok(())
}

#[test]
fn exunit_report_and_status_match_the_vm_on_wasmtime() -> Result<(), String> {
    compare("seed", "wasmtime", "seed: 7", &["--seed", "7"])
}

#[test]
fn exunit_only_tag_matches_the_vm_on_node() -> Result<(), String> {
    if !common::have_node() {
        eprintln!("skipped: no pinned Node (scripts/bootstrap.sh installs it)");
        return Ok(());
    }
    // `mix test --only wasm` includes the tag and excludes every other test, keeping the
    // helper's exclusions.
    compare("only", "node", "seed: 3, include: [:wasm], exclude: [:test, :slow]", &["--seed", "3", "--only", "wasm"])
}
