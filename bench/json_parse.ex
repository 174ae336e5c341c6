# Benchmark: a JSON tokenizer and recursive-descent parser written in plain Elixir over binaries,
# run on a generated ~1 MB document, then a walk of the parsed tree.
# Prints a checksum, then `elapsed_us=N` as the last line.
defmodule JsonParse do
  # --- generator ---------------------------------------------------------------------------
  def gen_doc(n) do
    items = for i <- 1..n, do: gen_item(i)
    IO.iodata_to_binary(["[", Enum.intersperse(items, ",\n"), "]"])
  end

  defp gen_item(i) do
    [~s({"id": ), Integer.to_string(i), ~s(, "name": "item \\"#{i}\\" \\u00e9"), ~s(, "price": ),
     Float.to_string(i * 1.25), ~s(, "tags": ["a", "b#{rem(i, 7)}", "c"], "active": ),
     if(rem(i, 3) == 0, do: "true", else: "false"), ~s(, "meta": {"depth": {"level": ), Integer.to_string(rem(i, 5)),
     ~s(}, "nothing": null, "neg": -), Integer.to_string(i * 3), "e2}}"]
  end

  # --- parser ------------------------------------------------------------------------------
  def parse(bin) do
    {value, rest} = value(skip_ws(bin))
    "" = skip_ws(rest)
    value
  end

  defp skip_ws(<<c, rest::binary>>) when c in ~c" \n\r\t", do: skip_ws(rest)
  defp skip_ws(bin), do: bin

  defp value(<<"{", rest::binary>>), do: object(skip_ws(rest), %{})
  defp value(<<"[", rest::binary>>), do: array(skip_ws(rest), [])
  defp value(<<"\"", rest::binary>>), do: string(rest, [])
  defp value(<<"true", rest::binary>>), do: {true, rest}
  defp value(<<"false", rest::binary>>), do: {false, rest}
  defp value(<<"null", rest::binary>>), do: {nil, rest}
  defp value(bin), do: number(bin)

  defp object(<<"}", rest::binary>>, acc), do: {acc, rest}
  defp object(<<"\"", rest::binary>>, acc) do
    {key, rest} = string(rest, [])
    <<":", rest::binary>> = skip_ws(rest)
    {val, rest} = value(skip_ws(rest))
    acc = Map.put(acc, key, val)
    case skip_ws(rest) do
      <<",", rest::binary>> -> object(skip_ws(rest), acc)
      <<"}", rest::binary>> -> {acc, rest}
    end
  end

  defp array(<<"]", rest::binary>>, acc), do: {Enum.reverse(acc), rest}
  defp array(bin, acc) do
    {val, rest} = value(bin)
    case skip_ws(rest) do
      <<",", rest::binary>> -> array(skip_ws(rest), [val | acc])
      <<"]", rest::binary>> -> {Enum.reverse([val | acc]), rest}
    end
  end

  defp string(<<"\"", rest::binary>>, acc), do: {IO.iodata_to_binary(Enum.reverse(acc)), rest}
  defp string(<<"\\u", hex::binary-size(4), rest::binary>>, acc), do: string(rest, [<<String.to_integer(hex, 16)::utf8>> | acc])
  defp string(<<"\\", c, rest::binary>>, acc), do: string(rest, [escape(c) | acc])
  defp string(bin, acc) do
    len = plain_len(bin, 0)
    <<chunk::binary-size(len), rest::binary>> = bin
    string(rest, [chunk | acc])
  end

  defp plain_len(<<c, _::binary>>, n) when c == ?" or c == ?\\, do: n
  defp plain_len(<<_, rest::binary>>, n), do: plain_len(rest, n + 1)

  defp escape(?n), do: "\n"
  defp escape(?t), do: "\t"
  defp escape(c), do: <<c>>

  defp number(bin) do
    len = num_len(bin, 0)
    <<text::binary-size(len), rest::binary>> = bin
    n =
      case Integer.parse(text) do
        {i, ""} -> i
        _ -> elem(Float.parse(text), 0)
      end
    {n, rest}
  end

  defp num_len(<<c, rest::binary>>, n) when c in ~c"+-0123456789.eE", do: num_len(rest, n + 1)
  defp num_len(_, n), do: n

  # --- walk --------------------------------------------------------------------------------
  def walk(m) when is_map(m), do: Enum.reduce(m, 1, fn {k, v}, acc -> acc + byte_size(k) + walk(v) end)
  def walk(l) when is_list(l), do: Enum.reduce(l, 1, &(walk(&1) + &2))
  def walk(b) when is_binary(b), do: byte_size(b)
  def walk(n) when is_integer(n), do: rem(abs(n), 97)
  def walk(f) when is_float(f), do: trunc(f) |> rem(89)
  def walk(_), do: 1

  def main do
    doc = gen_doc(8_000)
    t0 = :erlang.monotonic_time(:microsecond)
    results = for _ <- 1..4, do: doc |> parse() |> walk()
    t1 = :erlang.monotonic_time(:microsecond)
    IO.puts("bytes=#{byte_size(doc)} checksum=#{inspect(results)}")
    IO.puts("elapsed_us=#{t1 - t0}")
  end
end
