# :binary module: split, match(es), replace, part, copy, first/last, at, (en|de)code_unsigned.
defmodule BinaryModuleFunctions do
  def main do
    b = "one,two;three,four"
    IO.inspect(:binary.split(b, ","))
    IO.inspect(:binary.split(b, [",", ";"], [:global]))
    IO.inspect(:binary.match(b, "two"))
    IO.inspect(:binary.match(b, "zzz"))
    IO.inspect(:binary.matches(b, [",", ";"]))
    IO.inspect(:binary.replace(b, ",", "|", [:global]))
    IO.inspect(:binary.part(b, {4, 3}))
    IO.inspect(:binary.part(b, {byte_size(b), -4}))
    IO.inspect(:binary.copy("ab", 3))
    IO.inspect({:binary.first(b), :binary.last(b), :binary.at(b, 4)})
    IO.inspect(:binary.decode_unsigned(<<1, 0, 0>>))
    IO.inspect(:binary.decode_unsigned(<<1, 0, 0>>, :little))
    IO.inspect(:binary.encode_unsigned(65_536))
    IO.inspect(:binary.encode_unsigned(Integer.pow(2, 70), :little))
    IO.inspect(:binary.bin_to_list("abc"))
    IO.inspect(:binary.list_to_bin([1, [2, "x"]]))
    IO.inspect(:binary.longest_common_prefix(["interstellar", "internet", "interval"]))
    IO.inspect(:binary.longest_common_suffix(["running", "jumping"]))
  end
end
