# round/trunc/ceil/floor and Float.round/ceil/floor with precision, including halves.
defmodule FloatRoundingFunctions do
  def main do
    fs = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.675, 1.005, 123.456789, -123.456789, 0.0, 1.0e20, -7.999999]
    for f <- fs do
      IO.puts("#{f}: round=#{round(f)} trunc=#{trunc(f)} ceil=#{ceil(f)} floor=#{floor(f)}")
      IO.puts("  Float.round/2=#{Float.round(f, 2)} Float.ceil/1=#{Float.ceil(f, 1)} Float.floor/3=#{Float.floor(f, 3)} Float.round=#{Float.round(f)}")
    end
    IO.inspect(Float.ratio(0.75))
    IO.inspect(Float.ratio(0.1))
  end
end
