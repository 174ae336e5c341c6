# :math from Elixir: trig, logs, powers; float printing of the results via inspect.
defmodule MathModuleFunctions do
  def main do
    for x <- [0.25, 1.0, 3.0, 100.0] do
      IO.inspect({x, :math.sin(x), :math.cos(x), :math.log(x), :math.log2(x), :math.exp(x / 10), :math.sqrt(x)})
    end
    IO.inspect(:math.pi())
    IO.inspect(:math.pow(2, 0.5))
    IO.inspect(:math.atan2(-1, -1))
    IO.inspect(:math.fmod(7.5, 2))
    IO.inspect(Float.pow(1.5, 3))
    IO.inspect(Integer.pow(3, 4) / :math.pow(3, 4))
    IO.inspect(:math.log10(1_000_000))
  end
end
