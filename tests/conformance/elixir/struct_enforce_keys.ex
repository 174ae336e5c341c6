# @enforce_keys: missing keys raise ArgumentError at struct!/2; update of unknown keys raises KeyError.
defmodule StructEnforceKeys.Point do
  @enforce_keys [:x, :y]
  defstruct [:x, :y, z: 0]
end

defmodule StructEnforceKeys do
  alias StructEnforceKeys.Point

  def main do
    IO.inspect(struct!(Point, x: 1, y: 2))
    try do
      struct!(Point, x: 1)
    rescue
      e -> IO.puts("#{inspect(e.__struct__)}: #{Exception.message(e)}")
    end
    try do
      struct!(Point, x: 1, y: 2, w: 3)
    rescue
      e -> IO.puts("#{inspect(e.__struct__)}: #{Exception.message(e)}")
    end
    p = %Point{x: 1, y: 2}
    try do
      Map.replace!(p, :w, 1)
    rescue
      e -> IO.puts("#{inspect(e.__struct__)}: #{Exception.message(e)}")
    end
  end
end
