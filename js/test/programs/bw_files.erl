%% File operations through the compiled runtime, for comparing the in-memory file system
%% of browsers and workerd with the real one: everything happens under the working
%% directory, in `bw_js_files`, which must not exist yet.
-module(bw_files).
-export([main/0]).

main() ->
    D = "bw_js_files",
    p(file:make_dir(D)),
    p(file:make_dir(D)),
    p(file:write_file(D ++ "/a.txt", [<<"hello">>, $\n])),
    p(file:write_file(D ++ "/a.txt", <<"more\n">>, [append])),
    p(file:read_file(D ++ "/a.txt")),
    p(file:read_file(D ++ "/missing")),
    p(file:read_file(D)),
    p(file:make_dir(D ++ "/sub")),
    p(file:write_file(D ++ "/sub", <<"x">>)),
    p(file:write_file(D ++ "/no/such/f", <<"x">>)),
    {ok, Names} = file:list_dir(D),
    p(lists:sort(Names)),
    p(file:list_dir(D ++ "/a.txt")),
    {ok, Info} = file:read_file_info(D ++ "/a.txt"),
    p({element(2, Info), element(3, Info), element(4, Info)}),
    {ok, DirInfo} = file:read_file_info(D ++ "/sub"),
    p(element(3, DirInfo)),
    p(file:read_file_info(D ++ "/nope")),
    p(file:del_dir(D)),
    p(file:delete(D ++ "/sub")),
    p(file:delete(D ++ "/a.txt")),
    p(file:delete(D ++ "/a.txt")),
    p(file:del_dir(D ++ "/sub")),
    p(file:del_dir(D ++ "/sub")),
    p(file:list_dir(D)),
    p(file:del_dir(D)).

p(T) -> io:format("~p~n", [T]).
