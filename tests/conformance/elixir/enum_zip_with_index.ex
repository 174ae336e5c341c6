# Enum.zip/zip_with/unzip/with_index (offsets and funs), Enum.at/fetch.
defmodule EnumZipWithIndex do
  def main do
    IO.inspect(Enum.zip([1, 2, 3], [:a, :b]))
    IO.inspect(Enum.zip([[1, 2], [3, 4], [5, 6]]))
    IO.inspect(Enum.zip_with([1, 2], [10, 20], &+/2))
    IO.inspect(Enum.unzip([{1, :a}, {2, :b}]))
    IO.inspect(Enum.with_index(~w(a b c)))
    IO.inspect(Enum.with_index(~w(a b c), 1))
    IO.inspect(Enum.with_index(~w(a b c), fn x, i -> "#{i}:#{x}" end))
    IO.inspect(Enum.at([1, 2, 3], -1))
    IO.inspect(Enum.at([1, 2, 3], 5, :none))
    IO.inspect(Enum.fetch([1, 2, 3], 1))
    IO.inspect(Enum.fetch([1, 2, 3], 3))
    IO.inspect(Enum.zip_reduce([1, 2], [3, 4], 0, fn a, b, acc -> acc + a * b end))
  end
end
