%% luerl: metatables: __index (table and function), __newindex, __add, __eq, __lt,
%% __tostring, __call, __len, rawget, and a class with methods and inheritance.
-module(lib_luerl_metatables).
-export([main/0]).

run(St, Code) ->
    {ok, R} = luerl:eval(Code, St),
    io:format("~p~n", [R]).

main() ->
    St = luerl:init(),
    run(St, <<"local V = {} V.__index = V "
              "V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end "
              "V.__eq = function(a, b) return a.x == b.x end "
              "V.__lt = function(a, b) return a.x < b.x end "
              "V.__tostring = function(v) return 'V(' .. v.x .. ')' end "
              "function V.new(x) return setmetatable({x = x}, V) end "
              "function V:double() return V.new(self.x * 2) end "
              "local a, b = V.new(1), V.new(2) "
              "return tostring(a + b), a == V.new(1), a < b, tostring(b:double())">>),
    run(St, <<"local log, store = {}, {} local t = setmetatable({}, {__newindex = function(t, k, v) "
              "log[#log + 1] = k store[k] = v * 10 end, __index = store}) "
              "t.a = 1 t.b = 2 return t.a, t.b, table.concat(log, ',')">>),
    run(St, <<"local d = setmetatable({}, {__index = function(t, k) return k .. '?' end}) "
              "return d.foo, rawget(d, 'foo')">>),
    run(St, <<"local f = setmetatable({}, {__call = function(self, a, b) return a + b end, "
              "__len = function() return 99 end}) return f(3, 4), #f">>),
    run(St, <<"local Animal = {} Animal.__index = Animal "
              "function Animal.new(name) return setmetatable({name = name}, Animal) end "
              "function Animal:speak() return self.name .. ' makes a sound' end "
              "local Dog = setmetatable({}, {__index = Animal}) Dog.__index = Dog "
              "function Dog.new(name) return setmetatable(Animal.new(name), Dog) end "
              "function Dog:speak() return self.name .. ' barks' end "
              "return Animal.new('cat'):speak(), Dog.new('rex'):speak(), getmetatable(Dog.new('x')) == Dog">>).
