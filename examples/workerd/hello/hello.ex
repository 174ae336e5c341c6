# hello.ex — the program behind the hello Worker: greets each argument and prints a
# little computed data. Run on the VM: elixirc hello.ex && elixir -e 'Hello.main()' Ada Grace
defmodule Hello do
  def main do
    names =
      case System.argv() do
        [] -> ["world"]
        names -> names
      end

    for name <- names, do: IO.puts("Hello, #{name}!")
    squares = Enum.map(1..10, &(&1 * &1))
    IO.puts("squares: #{inspect(squares)}, sum #{Enum.sum(squares)}")
  end
end
