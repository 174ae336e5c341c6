//! `beamwasm run --mix DIR` against `mix run`: the example project in `examples/mix`
//! (a supervised GenServer, compile-time and runtime configuration, a `path:` dependency
//! with its own application environment) is copied, built with the real `mix compile`,
//! and run both ways; standard output and the exit status must be the same.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh copy of `examples/mix`, compiled; returns the `counter` project's directory.
fn project(name: &str) -> Result<PathBuf, String> {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("mix-{name}"));
    let _ = std::fs::remove_dir_all(&root);
    for p in ["counter", "greeter"] {
        copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/mix").join(p), &root.join(p))?;
    }
    let counter = root.join("counter");
    let out = Command::new("mix").arg("compile").current_dir(&counter).output().map_err(|e| format!("mix: {e}"))?;
    if !out.status.success() {
        return Err(format!("mix compile failed: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)));
    }
    Ok(counter)
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let Some(name) = path.file_name() else { continue };
        if name == "_build" || name == "deps" {
            continue;
        }
        if path.is_dir() {
            copy(&path, &to.join(name))?;
        } else {
            std::fs::copy(&path, to.join(name)).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

fn output(cmd: &mut Command) -> Result<(String, Option<i32>, String), String> {
    let out = cmd.output().map_err(|e| e.to_string())?;
    Ok((String::from_utf8_lossy(&out.stdout).into_owned(), out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned()))
}

/// `mix run MIX_ARGS` and `beamwasm run --engine ENGINE --mix . BW_ARGS` in `dir`, with
/// the environment `env`.
fn compare(dir: &Path, engine: &str, env: &[(&str, &str)], mix_args: &[&str], bw_args: &[&str]) -> Result<(), String> {
    let (expected, vm_status, vm_err) = output(Command::new("mix").arg("run").args(mix_args).current_dir(dir).envs(env.iter().copied()))?;
    let (actual, status, stderr) = output(
        Command::new(env!("CARGO_BIN_EXE_beamwasm"))
            .args(["run", "--no-cache", "--engine", engine, "--mix", "."])
            .args(bw_args)
            .current_dir(dir)
            .envs(env.iter().copied()),
    )?;
    if expected != actual || vm_status != status {
        return Err(format!(
            "our result differs from the VM's ({engine}, {bw_args:?}; status {status:?}, VM {vm_status:?}):\n--- VM\n{expected}\n--- VM stderr\n{vm_err}\n--- beamwasm\n{actual}\n--- beamwasm stderr\n{stderr}"
        ));
    }
    Ok(())
}

#[test]
fn mix_project_runs_as_mix_run_on_wasmtime() -> Result<(), String> {
    let dir = project("wasmtime")?;
    compare(&dir, "wasmtime", &[], &["-e", "Counter.report()", "--", "x", "y"], &["-e", "Counter.report()", "--", "x", "y"])
}

#[test]
fn mix_project_with_runtime_config_runs_as_mix_run_on_node() -> Result<(), String> {
    if !common::have_node() {
        eprintln!("skipped: no pinned Node (scripts/bootstrap.sh installs it)");
        return Ok(());
    }
    let dir = project("node")?;
    // config/runtime.exs reads COUNTER_STEP (at build time, for beamwasm); --entry names
    // the function -e would call.
    compare(&dir, "node", &[("COUNTER_STEP", "5")], &["-e", "Counter.report()"], &["--entry", "Counter.report"])
}

#[test]
fn no_halt_keeps_the_project_running_until_it_halts() -> Result<(), String> {
    let dir = project("no-halt")?;
    let code = "spawn(fn -> Process.sleep(50); IO.puts(Counter.Server.bump()); System.halt(4) end)";
    compare(&dir, "wasmtime", &[], &["--no-halt", "-e", code], &["--no-halt", "-e", code])
}
