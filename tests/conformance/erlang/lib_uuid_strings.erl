%% uuid (Debian's erlang-uuid): name-based UUIDs (v3 over MD5, v5 over SHA-1) made from
%% namespaces and names, formatted, parsed back, and checked.
-module(lib_uuid_strings).
-export([main/0]).

main() ->
    U3 = uuid:uuid3(dns, "example.com"),
    U5 = uuid:uuid5(url, "https://example.com/a"),
    io:format("~s~n~s~n", [uuid:to_string(U3), uuid:to_string(U5)]),
    io:format("~s~n", [uuid:to_string(pretty, uuid:uuid5(oid, "1.3.6.1"))]),
    io:format("~p~n", [[uuid:version(U3), uuid:version(U5), uuid:variant(U5)]]),
    io:format("~p~n", [uuid:to_binary(uuid:to_string(U3)) =:= U3]),
    io:format("~s~n", [uuid:to_uuid_urn(U3)]),
    io:format("~p~n", [[uuid:is_v3(U3), uuid:is_v5(U3), uuid:is_valid(<<0:128>>)]]).
