%% file:open/2 with `compressed`: a gzip file written and read back through the deflate and
%% inflate layers, and read as plain bytes.
-module(file_compressed_erl).
-export([main/0]).

main() ->
    F = filename:join("/tmp", "bw_conf_gz_" ++ integer_to_list(binary:decode_unsigned(crypto:strong_rand_bytes(6)))),
    {ok, W} = file:open(F, [write, compressed]),
    ok = file:write(W, lists:duplicate(100, "compressed text\n")),
    ok = file:close(W),
    {ok, Gz} = file:read_file(F),
    io:format("~p~n", [byte_size(zlib:gunzip(Gz))]),
    {ok, R} = file:open(F, [read, compressed, binary]),
    {ok, Line} = file:read_line(R),
    io:format("~p~n", [Line]),
    {ok, Rest} = file:read(R, 10000),
    io:format("~p~n", [byte_size(Rest)]),
    ok = file:close(R),
    ok = file:delete(F).
