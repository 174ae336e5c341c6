-module(public_key_cacerts_get).
-export([main/0]).
-include_lib("public_key/include/public_key.hrl").

%% public_key:cacerts_get/0 reads the operating system's trust store (on Linux the
%% first of pubkey_os_cacerts' bundle paths that exists, /etc/ssl/certs/ca-certificates.crt
%% on Debian) through file:read_file/1 and decodes every certificate with
%% pkix_decode_cert(Der, otp). Printed: properties that hold for any Debian store, never
%% the certificates or their number. cacerts_load/1 of missing files gives {error,
%% enoent}; cacerts_clear/0 forgets the store.

shape(#cert{der = Der, otp = #'OTPCertificate'{tbsCertificate = Tbs}}) when is_binary(Der) ->
    {cert, binary, 'OTPCertificate', element(1, Tbs)};
shape(Other) ->
    {other, element(1, Other)}.

main() ->
    Certs = public_key:cacerts_get(),
    io:format("~w ~w~n", [is_list(Certs), length(Certs) > 0]),
    io:format("~w~n", [lists:usort([shape(C) || C <- Certs])]),
    io:format("all self-issued roots: ~w~n",
              [lists:all(fun(#cert{otp = O}) -> public_key:pkix_is_self_signed(O) end, Certs)]),
    io:format("some der round trip: ~w~n",
              [lists:any(fun(#cert{der = D, otp = O}) -> public_key:pkix_encode('OTPCertificate', O, otp) =:= D end, Certs)]),
    io:format("cached: ~w~n", [public_key:cacerts_get() =:= Certs]),
    io:format("clear: ~w~n", [public_key:cacerts_clear()]),
    io:format("clear again: ~w~n", [public_key:cacerts_clear()]),
    io:format("load missing: ~w~n", [public_key:cacerts_load(["/nonexistent/ca.pem", <<"/nonexistent/b.pem">>])]),
    io:format("load: ~w~n", [public_key:cacerts_load()]),
    io:format("reloaded: ~w~n", [length(public_key:cacerts_get()) =:= length(Certs)]),
    io:format("load file: ~w~n", [public_key:cacerts_load("/etc/ssl/certs/ca-certificates.crt")]).
