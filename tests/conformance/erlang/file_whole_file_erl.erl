%% file: whole-file operations from Erlang: names as binaries, strings, deep lists and
%% atoms; bad names (a NUL byte included) and bad data are {error, badarg}; read_file_info's
%% record fields.
-module(file_whole_file_erl).
-export([main/0]).

main() ->
    Dir = filename:join("/tmp", "bw_conf_erl_" ++ integer_to_list(binary:decode_unsigned(crypto:strong_rand_bytes(6)))),
    ok = file:make_dir(Dir),
    F = filename:join(Dir, "f.txt"),
    io:format("~p~n", [file:write_file(F, [<<"abc">>, $d, [$e, <<"f">>]])]),
    io:format("~p~n", [file:read_file(F)]),
    io:format("~p~n", [file:read_file(list_to_binary(F))]),
    io:format("~p~n", [file:read_file([Dir, "/", 'f.txt'])]),
    io:format("~p~n", [file:read_file([list_to_binary(Dir), "/f.txt"])]),
    io:format("~p~n", [file:read_file(123)]),
    io:format("~p~n", [file:read_file([-1])]),
    io:format("~p~n", [file:read_file(<<"a", 0, "b">>)]),
    io:format("~p~n", [file:list_dir([$/, 0])]),
    io:format("~p~n", [file:read_file("")]),
    io:format("~p~n", [file:write_file(F, [1, 2 | 3])]),
    io:format("~p~n", [file:write_file(F, <<1:3>>)]),
    io:format("~p~n", [file:write_file(F, <<"more">>, [append])]),
    io:format("~p~n", [file:read_file(F)]),
    {ok, Info} = file:read_file_info(F),
    io:format("~p~n", [{element(1, Info), element(2, Info), element(3, Info), element(4, Info)}]),
    {ok, Info2} = file:read_file_info(F, [{time, posix}]),
    io:format("~p~n", [is_integer(element(6, Info2))]),
    {ok, Info3} = file:read_file_info(F, [{time, universal}]),
    {{Y, _, _}, {_, _, _}} = element(6, Info3),
    io:format("~p~n", [Y >= 2024]),
    io:format("~p~n", [file:read_file_info(filename:join(Dir, "nope"))]),
    io:format("~p~n", [file:list_dir(Dir)]),
    io:format("~p~n", [file:list_dir("/nonexistent/dir")]),
    io:format("~p~n", [file:make_dir("/nonexistent/a/b")]),
    io:format("~p~n", [file:delete(F)]),
    io:format("~p~n", [file:delete(F)]),
    io:format("~p~n", [file:del_dir(Dir)]),
    {ok, Cwd} = file:get_cwd(),
    io:format("~p~n", [io_lib:printable_unicode_list(Cwd) andalso hd(Cwd) =:= $/]).
