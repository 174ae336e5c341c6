//! `ssl:connect` without `verify` verifies the server against the host's trust store, on
//! both engines: the system's store on wasmtime (`rustls-native-certs`, which reads
//! `SSL_CERT_FILE` when set), node:tls's default CAs on Node (plus `NODE_EXTRA_CA_CERTS`).
//! OTP 25 defaults to `verify_none` (OTP 26 verifies), so this divergence is beamwasm's
//! (docs/ARCHITECTURE.md, "TLS") and cannot be a differential conformance program.
//!
//! A TLS server in the program presents a certificate for `localhost` and 127.0.0.1 from a
//! CA made here with `openssl`. Without that CA in the host's store a default connect is
//! refused as OTP 26 refuses it, `{tls_alert, {unknown_ca, _}}`; with the CA in the store
//! (the variable each engine honours) it is accepted, by name and by address, and a name
//! the certificate does not carry fails the hostname check (`handshake_failure`).
//! `{verify, verify_none}` stays explicit and accepts the unknown CA.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const PROGRAM: &str = r#"-module(tls_default_verify).
-export([main/0]).
main() ->
    ok = logger:set_primary_config(level, error),
    Dir = os:getenv("TLS_DIR"),
    ok = ssl:start(),
    {ok, L} = ssl:listen(0, [binary, {active, false}, {reuseaddr, true}, {ip, {127, 0, 0, 1}},
                             {certfile, filename:join(Dir, "server.pem")},
                             {keyfile, filename:join(Dir, "server.key")}]),
    {ok, {_, Port}} = ssl:sockname(L),
    spawn_link(fun() -> accept(L) end),
    try_connect("default name", "localhost", Port, []),
    try_connect("default address", {127, 0, 0, 1}, Port, []),
    try_connect("wrong name", "localhost", Port, [{server_name_indication, "example.com"}]),
    try_connect("sni disable", "localhost", Port, [{server_name_indication, disable}]),
    try_connect("verify_none", "localhost", Port, [{verify, verify_none}]).

try_connect(What, Host, Port, Opts) ->
    case ssl:connect(Host, Port, [binary, {active, false} | Opts], 5000) of
        {ok, S} ->
            ok = ssl:send(S, <<"ping">>),
            io:format("~s: ~p~n", [What, ssl:recv(S, 0, 5000)]),
            ssl:close(S);
        {error, {tls_alert, {Alert, _}}} ->
            io:format("~s: tls_alert ~p~n", [What, Alert]);
        Other ->
            io:format("~s: ~p~n", [What, Other])
    end.

accept(L) ->
    {ok, T} = ssl:transport_accept(L),
    case ssl:handshake(T, 5000) of
        {ok, S} ->
            case ssl:recv(S, 0, 5000) of
                {ok, D} -> ssl:send(S, D);
                _ -> ok
            end;
        _ -> ok
    end,
    accept(L).
"#;

/// A test CA and a server certificate for localhost and 127.0.0.1 it signed (P-256), made
/// with the openssl command in a fresh directory.
fn make_certs(engine: &str) -> Result<PathBuf, String> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("tls-default-verify-{engine}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let openssl = |args: &[&str]| -> Result<(), String> {
        let out = Command::new("openssl").args(args).current_dir(&dir).output().map_err(|e| format!("openssl: {e}"))?;
        if !out.status.success() {
            return Err(format!("openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr)));
        }
        Ok(())
    };
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
    openssl(&[&["req", "-x509"][..], &ec, &["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=beamwasm test CA"]].concat())?;
    openssl(&[&["req"][..], &ec, &["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"]].concat())?;
    std::fs::write(dir.join("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n").map_err(|e| e.to_string())?;
    openssl(&[
        "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile",
        "san.ext", "-out", "server.pem",
    ])?;
    Ok(dir)
}

fn run(engine: &str, dir: &Path, trusted: bool) -> Result<String, String> {
    let src_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("tls_default_verify-{engine}-{trusted}"));
    std::fs::create_dir_all(&src_dir).map_err(|e| e.to_string())?;
    let src = src_dir.join("tls_default_verify.erl");
    std::fs::write(&src, PROGRAM).map_err(|e| e.to_string())?;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_beamwasm"));
    cmd.args(["run", "--no-cache", "--engine", engine, "--entry", "tls_default_verify.main"]).arg(&src).env("TLS_DIR", dir);
    // The host's store without the test CA (the system's), or with it: each engine's way.
    for var in ["SSL_CERT_FILE", "SSL_CERT_DIR", "NODE_EXTRA_CA_CERTS", "NODE_USE_SYSTEM_CA"] {
        cmd.env_remove(var);
    }
    if trusted {
        cmd.env(if engine == "node" { "NODE_EXTRA_CA_CERTS" } else { "SSL_CERT_FILE" }, dir.join("ca.pem"));
    }
    let out = cmd.output().map_err(|e| e.to_string())?;
    if out.status.code() != Some(0) {
        return Err(format!("{engine}: status {:?}: {}", out.status.code(), String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn check(engine: &str) -> Result<(), String> {
    let dir = make_certs(engine)?;
    assert_eq!(
        run(engine, &dir, false)?,
        "default name: tls_alert unknown_ca\n\
         default address: tls_alert unknown_ca\n\
         wrong name: tls_alert unknown_ca\n\
         sni disable: tls_alert unknown_ca\n\
         verify_none: {ok,<<\"ping\">>}\n",
        "{engine}: the test CA is not in the host's store"
    );
    assert_eq!(
        run(engine, &dir, true)?,
        "default name: {ok,<<\"ping\">>}\n\
         default address: {ok,<<\"ping\">>}\n\
         wrong name: tls_alert handshake_failure\n\
         sni disable: {ok,<<\"ping\">>}\n\
         verify_none: {ok,<<\"ping\">>}\n",
        "{engine}: the test CA is in the host's store"
    );
    Ok(())
}

#[test]
fn a_default_ssl_connect_verifies_against_the_host_store_on_wasmtime() -> Result<(), String> {
    check("wasmtime")
}

#[test]
fn a_default_ssl_connect_verifies_against_the_host_store_on_node() -> Result<(), String> {
    if !common::have_node() {
        eprintln!("skipped: no pinned Node (scripts/bootstrap.sh installs it)");
        return Ok(());
    }
    check("node")
}
