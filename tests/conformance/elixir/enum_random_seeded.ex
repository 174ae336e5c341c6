# :rand with a fixed seed gives the same sequence every run: uniform, shuffle, random, take_random.
defmodule EnumRandomSeeded do
  def main do
    :rand.seed(:exsss, {1, 2, 3})
    IO.inspect(for _ <- 1..5, do: :rand.uniform(100))
    IO.inspect(Enum.shuffle(1..10))
    IO.inspect(Enum.random(1..1000))
    IO.inspect(Enum.take_random(1..100, 4))
    IO.inspect(Float.round(:rand.uniform(), 10))
    s = :rand.seed_s(:exsplus, {7, 8, 9})
    {x, _s} = :rand.uniform_s(1_000_000, s)
    IO.inspect(x)
    :rand.seed(:exro928ss, 42)
    IO.inspect(for _ <- 1..3, do: :rand.uniform(10))
  end
end
