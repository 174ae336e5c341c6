# A script: modules first and in between, top-level code, aliases, System.argv.
defmodule Script.Greeter do
  @greeting "Hello"
  def hello(name), do: "#{@greeting}, #{name}!"
end

alias Script.Greeter
IO.puts(Greeter.hello("script"))
IO.inspect(System.argv(), label: "argv")
total = Enum.sum(1..10)

defmodule Script.Later do
  import Enum, only: [map: 2]
  def double(list), do: map(list, &(&1 * 2))
end

IO.inspect({total, Script.Later.double([1, 2, 3])})
IO.puts(Path.basename(__ENV__.file))
if System.argv() == ["fail"], do: System.halt(3)
