%% Beamwasm.SQL.Error: a statement that failed (Beamwasm.SQL), as an Elixir exception with
%% the database's message and the statement.
-module('Elixir.Beamwasm.SQL.Error').
-export(['__struct__'/0, '__struct__'/1, exception/1, message/1]).

'__struct__'() ->
    #{'__struct__' => ?MODULE, '__exception__' => true, message => nil, statement => nil}.

'__struct__'(Fields) ->
    lists:foldl(fun({K, V}, Acc) -> maps:update(K, V, Acc) end, '__struct__'(), fields(Fields)).

exception(Msg) when is_binary(Msg) -> '__struct__'([{message, Msg}]);
exception(Fields) -> '__struct__'(Fields).

message(#{message := Message, statement := nil}) -> Message;
message(#{message := Message, statement := Statement}) ->
    <<Message/binary, "\n    statement: ", Statement/binary>>.

fields(M) when is_map(M) -> maps:to_list(M);
fields(L) when is_list(L) -> L.
