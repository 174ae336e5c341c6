%% A service for the JS host's tests of the runtime side of bw_call/bw_send/bw.reply and
%% storage: a registered process (not the entry process, which waits forever) that adds
%% integers to a count kept in the host's storage, answers calls as gen_server does, exits
%% on request, and prints notes sent to it.
-module(bw_service).
-export([main/0]).

main() ->
    Count = case beamwasm:storage_get(<<"count">>) of
                {ok, Stored} -> binary_to_term(Stored);
                error -> 0
            end,
    register('Elixir.Counter', spawn(fun() -> loop(Count) end)),
    receive never -> ok end.

loop(Count) ->
    receive
        {'$gen_call', _From, crash} ->
            exit(crashed_on_purpose);
        {'$gen_call', From, N} when is_integer(N) ->
            New = Count + N,
            ok = beamwasm:storage_put(<<"count">>, term_to_binary(New)),
            gen:reply(From, New),
            loop(New);
        {'$gen_call', From, self} ->
            gen:reply(From, {pid, self()}),
            loop(Count);
        {'$gen_call', From, {echo, Term}} ->
            gen:reply(From, Term),
            loop(Count);
        {note, Text} ->
            io:format("note: ~ts~n", [Text]),
            loop(Count)
    end.
