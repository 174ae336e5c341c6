%% erlware_commons (Debian's erlang-erlware-commons): semantic versions parsed, compared
%% and formatted (ec_semver), list search (ec_lists), and the ec_dictionary interface
%% over its implementation modules (ec_dict, ec_gb_trees, ec_assoc_list), which are
%% chosen at run time and called through the module in the dictionary's record.
-module(lib_erlware_commons).
-export([main/0]).

main() ->
    V = fun(S) -> ec_semver:parse(S) end,
    io:format("~p~n", [V(<<"1.2.3-alpha.1+build.5">>)]),
    io:format("~s~n", [ec_semver:format(V("2.0.0-rc.1"))]),
    io:format("~p~n", [[ec_semver:gt(V("1.10.0"), V("1.9.0")), ec_semver:lt(V("1.0.0-alpha"), V("1.0.0")),
                        ec_semver:eql(V("1.0"), V("1.0.0")), ec_semver:between(V("1.0"), V("2.0"), V("1.5"))]]),
    io:format("~p~n", [[ec_semver:pes(V("2.6.5"), V("2.6")), ec_semver:pes(V("3.0"), V("2.6"))]]),
    io:format("~p~n", [ec_lists:find(fun(X) -> X > 2 end, [1, 2, 3, 4])]),
    io:format("~p~n", [ec_lists:search(fun(X) when X > 2 -> {ok, X * 10}; (_) -> not_found end, [1, 5, 3])]),
    lists:foreach(fun(Impl) ->
        D0 = ec_dictionary:new(Impl),
        D1 = ec_dictionary:add(b, 2, ec_dictionary:add(a, 1, D0)),
        D2 = ec_dictionary:remove(a, ec_dictionary:add(c, 3, D1)),
        io:format("~p: ~p ~p ~p ~p~n", [Impl, lists:sort(ec_dictionary:to_list(D2)), ec_dictionary:size(D2),
                                       ec_dictionary:has_key(a, D2), ec_dictionary:get(c, D2)])
    end, [ec_dict, ec_gb_trees, ec_assoc_list, ec_orddict]).
