# div/rem truncate toward zero; Integer.floor_div/mod floor; signs of every combination.
defmodule IntegerDivisionNegative do
  def main do
    pairs = [{7, 2}, {-7, 2}, {7, -2}, {-7, -2}, {0, 5}, {6, 3}, {-6, 3}, {1, 1_000_000_000_000},
             {-123_456_789_012_345_678_901, 97}, {123_456_789_012_345_678_901, -97}]
    for {a, b} <- pairs do
      IO.puts("#{a} #{b}: div=#{div(a, b)} rem=#{rem(a, b)} floor_div=#{Integer.floor_div(a, b)} mod=#{Integer.mod(a, b)}")
    end
    IO.inspect(7 / 2)
    IO.inspect(-7 / 2)
  end
end
