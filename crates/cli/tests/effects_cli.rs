//! Effects a host does not provide raise `{unwired_host_effect, Name}` in the program, on
//! both engines alike: the command line has no storage, so `beamwasm:storage_*` (the
//! storage a Durable Object gives on workerd) is unwired there. The real VM has no
//! `beamwasm` module, so this cannot be a differential conformance program.

mod common;

use std::path::Path;
use std::process::Command;

const PROGRAM: &str = r#"-module(unwired_storage).
-export([main/0]).
main() ->
    R = try beamwasm:storage_get(<<"k">>) catch error:E -> {caught, E} end,
    io:format("~p~n", [R]),
    beamwasm:storage_put(<<"k">>, <<"v">>).
"#;

fn run(engine: &str) -> Result<(String, String, Option<i32>), String> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("effects-{engine}"));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let src = dir.join("unwired_storage.erl");
    std::fs::write(&src, PROGRAM).map_err(|e| e.to_string())?;
    let out = Command::new(env!("CARGO_BIN_EXE_beamwasm"))
        .args(["run", "--no-cache", "--engine", engine, "--entry", "unwired_storage.main"])
        .arg(&src)
        .output()
        .map_err(|e| e.to_string())?;
    Ok((String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code()))
}

fn check(engine: &str) -> Result<(), String> {
    let (stdout, stderr, code) = run(engine)?;
    assert_eq!(stdout, "{caught,{unwired_host_effect,storage_get}}\n", "{engine}: stderr: {stderr}");
    assert_eq!(code, Some(1), "{engine}: an uncaught unwired effect ends the program with status 1");
    assert!(stderr.contains("unwired_host_effect, :storage_put"), "{engine}: the report names the effect: {stderr}");
    Ok(())
}

#[test]
fn unwired_storage_raises_on_wasmtime() -> Result<(), String> {
    check("wasmtime")
}

#[test]
fn unwired_storage_raises_on_node() -> Result<(), String> {
    if !common::have_node() {
        eprintln!("skipped: no pinned Node (scripts/bootstrap.sh installs it)");
        return Ok(());
    }
    check("node")
}
