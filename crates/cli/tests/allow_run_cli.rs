//! `beamwasm run --allow-run=PROGRAM,...` limits the programs a program may run as OS
//! processes, on both engines alike: a program outside the list is `eacces` from
//! `open_port/2`, one in it runs; without the flag every program runs, as under `elixir`.
//! The switch is beamwasm's, so this cannot be a differential conformance program.

mod common;

const PROGRAM: &str = r#"-module(allow_run).
-export([main/0]).
main() ->
    Sh = try open_port({spawn, "true"}, []) of P when is_port(P) -> opened catch error:E -> E end,
    Echo = open_port({spawn_executable, "/bin/echo"}, [{args, ["ran"]}, exit_status]),
    Out = receive {Echo, {data, D}} -> D after 5000 -> timeout end,
    io:format("~p ~p~n", [Sh, Out]).
"#;

fn run(engine: &str, allow: Option<&str>) -> Result<String, String> {
    let flags: Vec<String> = allow.map(|a| format!("--allow-run={a}")).into_iter().collect();
    common::run_erl("allow_run", PROGRAM, engine, &flags)
}

fn check(engine: &str) -> Result<(), String> {
    assert_eq!(run(engine, Some("/bin/echo"))?, "eacces \"ran\\n\"\n", "{engine}: only /bin/echo may run");
    assert_eq!(run(engine, Some("echo,sh"))?, "opened \"ran\\n\"\n", "{engine}: file names stand for any directory");
    assert_eq!(run(engine, None)?, "opened \"ran\\n\"\n", "{engine}: every program runs without the flag");
    Ok(())
}

#[test]
fn allow_run_limits_subprocesses_on_wasmtime() -> Result<(), String> {
    check("wasmtime")
}

#[test]
fn allow_run_limits_subprocesses_on_node() -> Result<(), String> {
    if !common::have_node() {
        eprintln!("skipped: no pinned Node (scripts/bootstrap.sh installs it)");
        return Ok(());
    }
    check("node")
}
