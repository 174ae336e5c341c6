%% file:open/2 and io devices from Erlang: every mode combination (what a write, a read and
%% the file's creation show), raw and io-server files, read_line with CRLF, positions,
%% pread/pwrite, truncate, allocate, operations on a closed file, io:format/get_line/read
%% on a device, file:consult, copy, rename, and write_file_info (permissions and times).
-module(file_io_device_erl).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

modes(Dir, Modes) ->
    F = filename:join(Dir, "m.txt"),
    New = filename:join(Dir, "new.txt"),
    ok = file:write_file(F, <<"hello\n">>),
    _ = file:delete(New),
    W = case file:open(F, Modes) of
            {ok, D} -> {file:write(D, <<"AB">>), file:read(D, 3), file:position(D, cur), file:close(D)};
            E -> E
        end,
    {ok, C} = file:read_file(F),
    Created = case file:open(New, Modes) of
                  {ok, G} -> ok = file:close(G), file:read_file(New);
                  E2 -> E2
              end,
    p({Modes, W, C, Created}).

main() ->
    Dir = filename:join("/tmp", "bw_conf_fio_" ++ integer_to_list(binary:decode_unsigned(crypto:strong_rand_bytes(6)))),
    ok = file:make_dir(Dir),
    try run(Dir) after cleanup(Dir) end.

cleanup(Dir) ->
    {ok, Names} = file:list_dir(Dir),
    [ok = file:delete(filename:join(Dir, N)) || N <- Names],
    ok = file:del_dir(Dir).

run(Dir) ->
    [modes(Dir, M) || M <- [[], [read], [write], [append], [exclusive], [read, write], [read, append],
                            [write, exclusive], [raw, read], [raw, write], [raw, read, write, binary],
                            [binary, write, read], [raw, append]]],
    F = filename:join(Dir, "g.txt"),
    ok = file:write_file(F, <<"hello\nworld\r\nlast">>),
    {ok, R} = file:open(F, [raw, read, binary, read_ahead]),
    p(file:read(R, 0)),
    p([file:read_line(R) || _ <- [1, 2, 3, 4]]),
    p(file:position(R, {eof, -3})),
    p(file:position(R, {bof, -3})),
    p(file:read(R, 10)),
    p(file:position(R, bof)),
    p(file:read(R, 2)),
    p(file:position(R, cur)),
    p(file:position(R, {cur, 4})),
    p(file:read(R, 3)),
    p(file:pread(R, 2, 3)),
    p(file:pread(R, 100, 3)),
    p(file:pread(R, [{0, 2}, {6, 5}, {99, 1}])),
    p(file:close(R)),
    p(file:read(R, 1)),
    p(file:close(R)),
    %% Read and write on one raw file.
    {ok, G} = file:open(F, [read, write, raw, binary]),
    p(file:position(G, 3)),
    p(file:truncate(G)),
    p(file:read_file(F)),
    p(file:pwrite(G, 10, <<"x">>)),
    p(file:read_file(F)),
    p(file:pwrite(G, [{0, <<"H">>}, {1, "E"}])),
    p(file:allocate(G, 0, 16)),
    p(file:read_file(F)),
    p({file:sync(G), file:datasync(G), file:advise(G, 0, 0, normal)}),
    p(file:write(G, [<<"io">>, $l, ["ist"]])),
    p(file:position(G, eof)),
    ok = file:close(G),
    %% An io-server file: list mode, io:format and io:get_line.
    {ok, L} = file:open(F, [write]),
    p(io:format(L, "~p and ~s~n", [{a, 1}, "text"])),
    p(io:put_chars(L, ["more", $\n, <<"bin\n">>])),
    p(file:close(L)),
    {ok, L2} = file:open(F, [read]),
    p([io:get_line(L2, '') || _ <- [1, 2, 3, 4]]),
    p(file:position(L2, 0)),
    p(file:read(L2, 5)),
    p(io:get_chars(L2, '', 3)),
    p(file:read_line(L2)),
    p(file:close(L2)),
    p(file:read(L2, 1)),
    %% Terms: file:consult and io:read.
    T = filename:join(Dir, "t.config"),
    ok = file:write_file(T, <<"{a, 1}.\n[x, \"y\"].\n#{k => v}.\n">>),
    p(file:consult(T)),
    {ok, TD} = file:open(T, [read]),
    p([io:read(TD, '') || _ <- [1, 2, 3, 4]]),
    ok = file:close(TD),
    %% Unicode encoding on an io-server file.
    U = filename:join(Dir, "u.txt"),
    {ok, UD} = file:open(U, [write, {encoding, utf8}]),
    p(io:put_chars(UD, [16#e9, 16#263a, $\n])),
    ok = file:close(UD),
    p(file:read_file(U)),
    {ok, UR} = file:open(U, [read, {encoding, utf8}]),
    p(io:get_line(UR, '')),
    ok = file:close(UR),
    %% copy, rename, write_file_info.
    p(file:copy(F, filename:join(Dir, "copy.txt"))),
    p(file:copy({F, [raw]}, filename:join(Dir, "copy2.txt"), 4)),
    p(file:read_file(filename:join(Dir, "copy2.txt"))),
    p(file:rename(filename:join(Dir, "copy2.txt"), filename:join(Dir, "renamed.txt"))),
    p(file:read_file(filename:join(Dir, "renamed.txt"))),
    p(file:rename(filename:join(Dir, "nonexistent"), filename:join(Dir, "x"))),
    p(file:change_mode(F, 8#600)),
    {ok, I1} = file:read_file_info(F),
    p(element(8, I1) band 8#777),
    p(file:change_time(F, {{2020, 1, 2}, {3, 4, 5}})),
    {ok, I2} = file:read_file_info(F, [{time, universal}]),
    p(element(6, I2)),
    p(file:write_file_info(F, {file_info, undefined, undefined, undefined, undefined,
                               1600000000, undefined, 8#644, undefined, undefined,
                               undefined, undefined, undefined, undefined}, [{time, posix}])),
    {ok, I3} = file:read_file_info(F, [{time, posix}]),
    p({element(6, I3), element(8, I3) band 8#777}),
    %% Errors.
    p(file:open(filename:join(Dir, "none/x"), [write])),
    p(file:open(Dir, [read])),
    p(file:open(filename:join(Dir, "absent"), [read])),
    p(file:open(123, [read])),
    p(try file:open(F, [raw, ram]) catch Class:Reason -> {Class, Reason} end),
    ok.
