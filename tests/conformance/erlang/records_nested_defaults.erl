%% Record defaults that are expressions and other records, and the _ = default-all syntax.
-module(records_nested_defaults).
-export([main/0]).

-record(config, {name = <<"default">>, retries = 3, tags = [], opts = #{timeout => 5000}}).
-record(wrapper, {config = #config{}, items = lists:seq(1, 3)}).

main() ->
    io:format("~p~n", [#wrapper{}]),
    io:format("~p~n", [#config{_ = undefined}]),
    io:format("~p~n", [#config{name = <<"x">>, _ = 0}]),
    W = #wrapper{},
    C = W#wrapper.config,
    io:format("~p~n", [(C#config.opts)]),
    W2 = W#wrapper{config = C#config{retries = C#config.retries + 1}},
    io:format("~p~n", [(W2#wrapper.config)#config.retries]).
