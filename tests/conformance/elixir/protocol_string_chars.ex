# A String.Chars implementation used by to_string, interpolation and IO.puts.
defmodule ProtocolStringChars.Temp do
  defstruct [:degrees]
end

defimpl String.Chars, for: ProtocolStringChars.Temp do
  def to_string(%{degrees: d}), do: "#{d}°C"
end

defmodule ProtocolStringChars do
  alias ProtocolStringChars.Temp

  def main do
    t = %Temp{degrees: 21.5}
    IO.puts(t)
    IO.puts("It is #{t} today")
    IO.inspect(to_string(t))
    IO.inspect(Enum.join([t, %Temp{degrees: -3}], ", "))
    IO.inspect(to_string([?a, "b"]))
    IO.inspect(to_string(nil))
    try do
      to_string(%{a: 1})
    rescue
      e -> IO.puts(Exception.message(e) |> String.split("\n") |> hd())
    end
  end
end
