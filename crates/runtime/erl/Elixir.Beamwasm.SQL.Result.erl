%% Beamwasm.SQL.Result: the columns and rows of a statement (Beamwasm.SQL.query/2); for a
%% statement that returns no rows, num_rows is the number of rows it changed.
-module('Elixir.Beamwasm.SQL.Result').
-export(['__struct__'/0, '__struct__'/1]).

'__struct__'() ->
    #{'__struct__' => ?MODULE, columns => nil, rows => nil, num_rows => 0, last_insert_id => nil}.

'__struct__'(Fields) ->
    lists:foldl(fun({K, V}, Acc) -> maps:update(K, V, Acc) end, '__struct__'(),
                case Fields of M when is_map(M) -> maps:to_list(M); L -> L end).
