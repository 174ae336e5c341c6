%% Makes the TLS fixtures of the conformance programs that use ssl (tls_fixture.rs), on the
%% VM at test time: a test CA with a server certificate for localhost and 127.0.0.1, and an
%% unrelated CA (RSA 2048 keys, SHA-256 signatures: rustls and OpenSSL refuse SHA-1's,
%% pkix_test_data's default). Writes into Dir:
%%   tls.config   {server, Opts}, {client, Opts}, {other_client, Opts}: ssl options with
%%                cert, key and cacerts as DER, as public_key:pkix_test_data/1 gives them
%%                (client trusts the server's CA, other_client an unrelated one);
%%   ca.pem, other_ca.pem, server_cert.pem, server_key.pem: the same as PEM files.
-module(tls_test_certs).
-export([main/1]).
-include_lib("public_key/include/public_key.hrl").

main(Dir) ->
    SAN = #'Extension'{extnID = ?'id-ce-subjectAltName', critical = false,
                       extnValue = [{dNSName, "localhost"}, {iPAddress, <<127, 0, 0, 1>>}]},
    Chain = fun(Peer) -> #{root => [{key, {rsa, 2048, 65537}}, {digest, sha256}], intermediates => [],
                           peer => [{key, {rsa, 2048, 65537}}, {digest, sha256} | Peer]} end,
    #{server_config := Server, client_config := Client} =
        public_key:pkix_test_data(#{server_chain => Chain([{extensions, [SAN]}]),
                                    client_chain => Chain([])}),
    #{client_config := Other} =
        public_key:pkix_test_data(#{server_chain => Chain([]), client_chain => Chain([])}),
    ok = filelib:ensure_dir(filename:join(Dir, "x")),
    Config = [io_lib:format("~p.~n", [T]) ||
                 T <- [{server, Server}, {client, Client}, {other_client, Other}]],
    ok = file:write_file(filename:join(Dir, "tls.config"), Config),
    Pem = fun(Name, Entries) ->
                  ok = file:write_file(filename:join(Dir, Name), public_key:pem_encode(Entries))
          end,
    Pem("ca.pem", [{'Certificate', C, not_encrypted} || C <- proplists:get_value(cacerts, Client)]),
    Pem("other_ca.pem", [{'Certificate', C, not_encrypted} || C <- proplists:get_value(cacerts, Other)]),
    Pem("server_cert.pem", [{'Certificate', proplists:get_value(cert, Server), not_encrypted}]),
    {KeyType, KeyDer} = proplists:get_value(key, Server),
    Pem("server_key.pem", [{KeyType, KeyDer, not_encrypted}]),
    ok.
