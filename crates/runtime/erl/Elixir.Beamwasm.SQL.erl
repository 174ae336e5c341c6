%% Beamwasm.SQL: SQL from Elixir (docs/SQL.md) on the host's SQLite database: a Durable
%% Object's own (ctx.storage.sql) on workerd, node:sqlite on Node, a file on the command
%% line (`beamwasm run --sqlite FILE`). Shaped after Exqlite's and Ecto's conventions:
%%
%%     {:ok, %Beamwasm.SQL.Result{columns: ["id", "name"], rows: [[1, "Ada"]], num_rows: 1}} =
%%       Beamwasm.SQL.query("SELECT id, name FROM users WHERE id = ?", [1])
%%     %Beamwasm.SQL.Result{} = Beamwasm.SQL.query!("INSERT INTO users (name) VALUES (?1)", ["Ada"])
%%     {:ok, value} = Beamwasm.SQL.transaction(fn -> ...; value end)   # Beamwasm.SQL.rollback(r) -> {:error, r}
%%     :ok = Beamwasm.SQL.execute("CREATE TABLE ...; CREATE INDEX ...")
%%
%% Parameters: integers, floats, binaries (bound as TEXT), {:blob, binary}, nil, true and
%% false (1 and 0). Values come back as integers, floats, binaries (TEXT and BLOB) and nil.
%% A failed statement is {:error, %Beamwasm.SQL.Error{message, statement}}, raised by the
%% `!` forms.
%%
%% The database has one connection. A transaction belongs to the process that opened it:
%% the statements of other processes wait until it ends (the host answers them `busy` and
%% sends {beamwasm_sql, free} when it ends). Nested transactions are part of the outer one,
%% as in Ecto: a rollback inside rolls the whole of it back.
-module('Elixir.Beamwasm.SQL').
-export([query/1, query/2, 'query!'/1, 'query!'/2, execute/1, 'execute!'/1,
         transaction/1, rollback/1, 'in_transaction?'/0]).

-define(TX, '$beamwasm_sql_transaction').

query(Sql) -> query(Sql, []).

query(Sql, Params) when is_list(Params) ->
    Text = statement(Sql),
    Bound = [param(P) || P <- Params],
    case host(sql_query, {self(), Text, Bound}) of
        {ok, Columns, Rows, NumRows, LastId} ->
            {ok, #{'__struct__' => 'Elixir.Beamwasm.SQL.Result', columns => Columns, rows => Rows,
                   num_rows => NumRows, last_insert_id => LastId}};
        {error, Message} ->
            {error, 'Elixir.Beamwasm.SQL.Error':exception([{message, Message}, {statement, Text}])}
    end.

'query!'(Sql) -> 'query!'(Sql, []).
'query!'(Sql, Params) ->
    case query(Sql, Params) of
        {ok, Result} -> Result;
        {error, E} -> erlang:error(E)
    end.

%% Runs one or more statements separated by semicolons, without parameters (a schema).
execute(Sql) ->
    Text = statement(Sql),
    case host(sql_execute, {self(), Text}) of
        ok -> ok;
        {error, Message} -> {error, 'Elixir.Beamwasm.SQL.Error':exception([{message, Message}, {statement, Text}])}
    end.

'execute!'(Sql) ->
    case execute(Sql) of
        ok -> ok;
        {error, E} -> erlang:error(E)
    end.

'in_transaction?'() -> get(?TX) =/= undefined.

%% Runs Fun in a transaction: {ok, Fun's value} after a commit; {error, Reason} after
%% rollback(Reason) or a failed commit. An exception rolls back and goes on.
transaction(Fun) when is_function(Fun, 0) ->
    case get(?TX) of
        undefined -> outer(Fun);
        _ -> nested(Fun)
    end.

rollback(Value) ->
    case get(?TX) of
        undefined -> erlang:error('Elixir.RuntimeError':exception(<<"cannot call rollback outside of a transaction">>));
        _ -> erlang:throw({?TX, rollback, Value})
    end.

outer(Fun) ->
    case tx_op(sql_begin) of
        ok -> ok;
        {error, Why} -> erlang:error('Elixir.Beamwasm.SQL.Error':exception([{message, Why}, {statement, <<"BEGIN">>}]))
    end,
    Watcher = watch(self()),
    put(?TX, open),
    try Fun() of
        Value ->
            case erase(?TX) of
                rollback_only ->
                    _ = tx_op(sql_rollback),
                    {error, rollback};
                _ ->
                    case tx_op(sql_commit) of
                        ok -> {ok, Value};
                        {error, Message} -> {error, 'Elixir.Beamwasm.SQL.Error':exception([{message, Message}, {statement, <<"COMMIT">>}])}
                    end
            end
    catch
        throw:{?TX, rollback, Reason} ->
            erase(?TX),
            _ = tx_op(sql_rollback),
            {error, Reason};
        Class:Reason:Stack ->
            erase(?TX),
            _ = tx_op(sql_rollback),
            erlang:raise(Class, Reason, Stack)
    after
        Watcher ! {self(), done}
    end.

nested(Fun) ->
    try
        {ok, Fun()}
    catch
        throw:{?TX, rollback, Reason} ->
            put(?TX, rollback_only),
            {error, Reason}
    end.

%% A process that rolls the transaction back if its owner dies inside it (an exit signal
%% skips the owner's own cleanup).
watch(Owner) ->
    spawn(fun() ->
                  Mon = erlang:monitor(process, Owner),
                  receive
                      {Owner, done} -> ok;
                      {'DOWN', Mon, process, Owner, _} -> catch beamwasm_host:call(sql_rollback, {Owner})
                  end
          end).

%% begin, commit and rollback: `ok` at once, or `wait` for the host's answer (workerd runs a
%% transaction inside its own call, between two runs of the scheduler).
tx_op(Op) ->
    case host(Op, {self()}) of
        ok -> ok;
        wait ->
            receive
                {beamwasm_sql, done} -> ok;
                {beamwasm_sql, {error, Message}} -> {error, Message}
            end;
        {error, Message} -> {error, Message}
    end.

%% A request, waiting while another process's transaction is open.
host(Op, Args) ->
    case beamwasm_host:call(Op, Args) of
        busy ->
            receive {beamwasm_sql, free} -> ok end,
            host(Op, Args);
        Reply ->
            Reply
    end.

statement(Sql) ->
    try iolist_to_binary(Sql)
    catch error:badarg -> erlang:error('Elixir.ArgumentError':exception(<<"a statement is a string (iodata)">>))
    end.

param(N) when is_integer(N), N >= -16#8000000000000000, N =< 16#7fffffffffffffff -> N;
%% Floats are tagged: a host whose numbers have one type (JS) must still bind a REAL.
param(F) when is_float(F) -> {float, F};
param(B) when is_binary(B) -> B;
param(nil) -> nil;
param(true) -> 1;
param(false) -> 0;
param({blob, B}) when is_binary(B) -> {blob, B};
param(Other) ->
    erlang:error('Elixir.ArgumentError':exception(
                   iolist_to_binary(io_lib:format("unsupported SQL parameter: ~tp (integers of 64 bits, floats, binaries, {:blob, binary}, nil, true, false)", [Other])))).
