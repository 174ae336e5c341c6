%% known: file:read_file_info/1,2 of an open file (an io-server pid or a raw file descriptor) is {error, badarg}: the runtime answers read_file_info for names only
%% file:read_file_info/2 and read_link_info/2 of open files, as the VM answers them through
%% the file io server (read_handle_info) or the raw descriptor's module.
-module(file_info_of_open_file_erl).
-export([main/0]).

main() ->
    F = filename:join("/tmp", "bw_conf_info_" ++ integer_to_list(binary:decode_unsigned(crypto:strong_rand_bytes(6)))),
    ok = file:write_file(F, <<"12345">>),
    {ok, D} = file:open(F, [read]),
    {ok, I} = file:read_file_info(D),
    io:format("~p~n", [{element(2, I), element(3, I)}]),
    ok = file:close(D),
    {ok, R} = file:open(F, [read, raw]),
    {ok, I2} = file:read_file_info(R, [{time, posix}]),
    io:format("~p~n", [{element(2, I2), element(3, I2), is_integer(element(6, I2))}]),
    ok = file:close(R),
    ok = file:delete(F).
