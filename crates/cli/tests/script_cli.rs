//! `beamwasm run script.exs [-- ARGS]` and `beamwasm run -e EXPR` against the real VM's
//! `elixir script.exs ARGS` and `elixir -e EXPR ARGS`: the modules a script defines are
//! compiled, its top-level code runs as the program, `System.argv/0` gives the arguments,
//! and standard output and the exit status are the VM's.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn scripts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts")
}

fn output(cmd: &mut Command) -> Result<(String, Option<i32>, String), String> {
    let out = cmd.current_dir(scripts()).output().map_err(|e| e.to_string())?;
    Ok((
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

/// Runs `elixir VM_ARGS PROGRAM_ARGS` and `beamwasm run --engine ENGINE BW_ARGS -- PROGRAM_ARGS`.
fn compare(engine: &str, vm_args: &[&str], bw_args: &[&str], program_args: &[&str]) -> Result<(), String> {
    let (expected, vm_status, _) = output(Command::new("elixir").args(vm_args).args(program_args))?;
    let (actual, status, stderr) = output(
        Command::new(env!("CARGO_BIN_EXE_beamwasm"))
            .args(["run", "--no-cache", "--engine", engine])
            .args(bw_args)
            .arg("--")
            .args(program_args),
    )?;
    if expected != actual || vm_status != status {
        return Err(format!(
            "our result differs from the VM's ({engine}, {bw_args:?}; status {status:?}, VM {vm_status:?}):\n--- VM\n{expected}\n--- beamwasm\n{actual}\n--- beamwasm stderr\n{stderr}"
        ));
    }
    Ok(())
}

#[test]
fn script_runs_as_elixir_runs_it_on_wasmtime() -> Result<(), String> {
    compare("wasmtime", &["greeter.exs"], &["greeter.exs"], &["one", "two"])?;
    // System.halt/1 in the script's top-level code.
    compare("wasmtime", &["greeter.exs"], &["greeter.exs"], &["fail"])
}

#[test]
fn script_runs_as_elixir_runs_it_on_node() -> Result<(), String> {
    if !common::have_node() {
        eprintln!("skipped: no pinned Node (scripts/bootstrap.sh installs it)");
        return Ok(());
    }
    compare("node", &["greeter.exs"], &["greeter.exs"], &["a"])
}

#[test]
fn eval_runs_as_elixir_e_runs_it() -> Result<(), String> {
    let expr = "defmodule M, do: (def twice(l), do: l ++ l); IO.inspect(M.twice(System.argv()))";
    compare("wasmtime", &["-e", expr], &["-e", expr], &["x", "y"])?;
    // An exception at the top level: the report goes to standard error, the status is 1.
    compare("wasmtime", &["-e", "IO.puts(:before); raise \"boom\""], &["-e", "IO.puts(:before); raise \"boom\""], &[])
}

#[test]
fn a_module_defined_inside_an_expression_is_refused() -> Result<(), String> {
    let (stdout, status, stderr) = output(Command::new(env!("CARGO_BIN_EXE_beamwasm")).args([
        "build",
        "-o",
        "/dev/null",
        "-e",
        "for n <- [:A, :B], do: defmodule(Module.concat(X, n), do: nil)",
    ]))?;
    assert_eq!(status, Some(1), "stdout: {stdout}");
    assert!(stderr.contains("a module defined inside an expression"), "stderr: {stderr}");
    Ok(())
}
