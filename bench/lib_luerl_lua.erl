%% Benchmark: luerl (Debian's erlang-luerl, Lua 5.3 in Erlang) running a Lua program: naive
%% recursive fib, a table filled, sorted and summed, and strings built with `..`, string.format
%% and table.concat. The chunk is compiled once; the timed part runs it.
%% Prints a checksum, then `elapsed_us=N` as the last line.
-module(lib_luerl_lua).
-export([main/0]).

lua() ->
    <<"local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end\n"
      "local t = {}\n"
      "local x = 7\n"
      "for i = 1, 3000 do x = (x * 1103 + 12345) % 65536 t[i] = x end\n"
      "table.sort(t)\n"
      "local sum = 0\n"
      "for i, v in ipairs(t) do sum = sum + v * i end\n"
      "local parts = {}\n"
      "for i = 1, 1500 do parts[#parts + 1] = string.format('%d:%s', i, string.rep('ab', i % 5)) end\n"
      "local s = table.concat(parts, ',')\n"
      "local _, words = string.gsub(s, 'ab', 'x')\n"
      "local acc = ''\n"
      "for i = 1, 300 do acc = acc .. tostring(i % 10) end\n"
      "return fib(16), sum, #s, words, string.upper(string.sub(acc, 1, 20))\n">>.

main() ->
    St0 = luerl:init(),
    {ok, Chunk, St} = luerl:load(lua(), St0),
    T0 = erlang:monotonic_time(microsecond),
    Results = [begin {Rs, _} = luerl:call_chunk(Chunk, [], St), Rs end || _ <- lists:seq(1, 1)],
    T1 = erlang:monotonic_time(microsecond),
    io:format("results=~p~n", [hd(Results)]),
    io:format("checksum=~p~n", [erlang:phash2(Results)]),
    io:format("elapsed_us=~p~n", [T1 - T0]).
