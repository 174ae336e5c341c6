# Enum.group_by, frequencies, frequencies_by, split_with, uniq_by, dedup_by.
defmodule EnumGroupByFrequencies do
  def main do
    words = ~w(apple avocado banana blueberry cherry apple banana apple)
    IO.inspect(Enum.group_by(words, &String.first/1))
    IO.inspect(Enum.group_by(words, &String.length/1, &String.upcase/1))
    IO.inspect(Enum.frequencies(words))
    IO.inspect(Enum.frequencies_by(words, &String.length/1))
    IO.inspect(Enum.split_with(1..10, &(rem(&1, 2) == 0)))
    IO.inspect(Enum.uniq_by(words, &String.first/1))
    IO.inspect(Enum.dedup_by([1, 2, 12, 13, 5, 25], &rem(&1, 10)))
    IO.inspect(Enum.frequencies(Enum.map(1..100, &rem(&1 * &1, 7))))
  end
end
