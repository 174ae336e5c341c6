//! `beamwasm run --allow-net=HOST[:PORT],...` applies to TLS connections as to TCP ones,
//! on both engines alike: `ssl:connect/3` to an address outside the list is
//! `{error, eacces}` before any packet is sent; without the flag the connection is tried
//! (here to a port nothing listens on: `econnrefused`). The switch is beamwasm's, so this
//! cannot be a differential conformance program.

mod common;

const PROGRAM: &str = r#"-module(allow_net_tls).
-export([main/0]).
main() ->
    {ok, L} = gen_tcp:listen(0, [{ip, {127, 0, 0, 1}}]),
    {ok, Port} = inet:port(L),
    ok = gen_tcp:close(L),
    R = ssl:connect({127, 0, 0, 1}, Port, [{verify, verify_none}], 5000),
    io:format("~p~n", [R]).
"#;

fn run(engine: &str, allow: Option<&str>) -> Result<String, String> {
    let flags: Vec<String> = allow.map(|a| format!("--allow-net={a}")).into_iter().collect();
    common::run_erl("allow_net_tls", PROGRAM, engine, &flags)
}

fn check(engine: &str) -> Result<(), String> {
    // The listen to find a free port is allowed (any port of 127.0.0.1 with port 0 given).
    assert_eq!(run(engine, Some("127.0.0.1:0"))?, "{error,eacces}\n", "{engine}: a TLS connect outside the list");
    assert_eq!(run(engine, None)?, "{error,econnrefused}\n", "{engine}: every address without the flag");
    Ok(())
}

#[test]
fn allow_net_refuses_tls_connections_on_wasmtime() -> Result<(), String> {
    check("wasmtime")
}

#[test]
fn allow_net_refuses_tls_connections_on_node() -> Result<(), String> {
    if !common::have_node() {
        eprintln!("skipped: no pinned Node (scripts/bootstrap.sh installs it)");
        return Ok(());
    }
    check("node")
}
