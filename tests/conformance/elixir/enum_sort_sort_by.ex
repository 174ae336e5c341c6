# Enum.sort (asc/desc/custom/stable), sort_by with keys and tuples, min_by/max_by.
defmodule EnumSortSortBy do
  def main do
    people = [{"bob", 25}, {"al", 30}, {"cy", 25}, {"di", 19}, {"ed", 30}]
    IO.inspect(Enum.sort([5, 3, 9, 1, 3]))
    IO.inspect(Enum.sort([5, 3, 9, 1, 3], :desc))
    IO.inspect(Enum.sort([5, 3, 9, 1, 3], &>=/2))
    IO.inspect(Enum.sort_by(people, &elem(&1, 1)))
    IO.inspect(Enum.sort_by(people, &elem(&1, 1), :desc))
    IO.inspect(Enum.sort_by(people, fn {n, a} -> {-a, n} end))
    IO.inspect(Enum.sort_by(["bb", "a", "ccc", "dd"], &String.length/1))
    IO.inspect(Enum.min_by(people, &elem(&1, 1)))
    IO.inspect(Enum.max_by(people, &elem(&1, 1)))
    IO.inspect(Enum.sort([:b, "a", 1, 2.0, {1}, [1], %{}, nil]))
    IO.inspect(Enum.sort(["b", "B", "a", "é", "A"]))
    IO.inspect(Enum.sort_by([3.0, 1, 2, 1.0], & &1))
  end
end
