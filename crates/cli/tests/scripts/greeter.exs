# A script: modules first and in between, top-level code, aliases, System.argv, output of a
# module's body, __MODULE__ and __ENV__ at the top level.
defmodule Script.Greeter do
  @greeting "Hello"
  def hello(name), do: "#{@greeting}, #{name}!"
end

alias Script.Greeter
IO.puts(Greeter.hello("script"))
IO.inspect(System.argv(), label: "argv")
total = Enum.sum(1..10)

defmodule Script.Later do
  # Code in a module's body runs as the module is defined, in the script's order.
  IO.puts("defining Script.Later")
  import Enum, only: [map: 2]
  def double(list), do: map(list, &(&1 * 2))
end

IO.inspect({total, Script.Later.double([1, 2, 3])})
IO.puts(Path.basename(__ENV__.file))
IO.inspect({__MODULE__, __ENV__.module, __ENV__.function})
if System.argv() == ["fail"], do: System.halt(3)
