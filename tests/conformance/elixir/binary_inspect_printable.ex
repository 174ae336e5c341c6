# How inspect chooses between string and <<...>> forms for binaries and bitstrings.
defmodule BinaryInspectPrintable do
  def main do
    for b <- ["abc", <<0>>, <<"a", 0>>, <<127>>, <<"é">>, <<0xE9>>, <<"\n\t">>, <<7>>, <<27>>, <<>>, <<1::1>>, <<"ab", 1::2>>] do
      IO.puts(inspect(b))
    end
    IO.puts(inspect(:binary.copy(<<1>>, 100)))
    IO.puts(inspect(:binary.copy("x", 5000)) |> byte_size())
    IO.puts(inspect(<<1, 2, 3>>, base: :hex))
    IO.puts(inspect("abc", base: :binary, binaries: :as_binaries))
  end
end
