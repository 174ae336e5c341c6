# inspect of big nested structures wraps at the default width of 80 columns.
defmodule InspectNestedPretty do
  def main do
    nested = %{
      users: for(i <- 1..4, do: %{id: i, name: "user#{i}", roles: [:read, :write], meta: {i, i * 1.5}}),
      settings: [theme: "dark", fonts: ["Fira Code", "JetBrains Mono"], size: 14],
      matrix: for(i <- 1..3, do: Enum.to_list(i..(i + 10)))
    }
    IO.inspect(nested)
    IO.puts(inspect(nested, pretty: true, width: 50))
    IO.puts(inspect({:a, [b: [c: [d: [e: [f: :g]]]]]}, pretty: true, width: 10))
    IO.inspect(List.duplicate("word", 30))
  end
end
