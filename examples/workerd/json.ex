# json.ex — a small JSON encoder and decoder for the workerd examples (todos/, chat/).
# Elixir 1.14 and OTP 25 have no JSON module, and Hex packages (Jason) are a dependency to
# add; this covers what an API needs, strictly (RFC 8259): objects, arrays, strings with
# every escape (\uXXXX with surrogate pairs), numbers, true, false, null.
#
#   Example.JSON.encode!(%{id: 1, title: "ü", tags: ["a"]})   # ~s({"id":1,"tags":["a"],"title":"ü"})
#   Example.JSON.decode(~s({"a": [1, 2.5, null]}))            # {:ok, %{"a" => [1, 2.5, nil]}}
#   Example.JSON.decode("{")                                  # {:error, "unexpected end of input at byte 1"}
#
# Encoding: maps (atom or string keys; a keyword list given as {:object, list} keeps its
# order), lists, binaries (UTF-8), integers, floats, true, false, nil. Decoding gives maps
# with string keys, lists, binaries, integers, floats, true, false and nil.
defmodule Example.JSON do
  @doc "The JSON text of `value`, as a binary; raises ArgumentError for what JSON cannot hold."
  def encode!(value), do: IO.iodata_to_binary(enc(value))

  defp enc(nil), do: "null"
  defp enc(true), do: "true"
  defp enc(false), do: "false"
  defp enc(n) when is_integer(n), do: Integer.to_string(n)
  defp enc(f) when is_float(f), do: Float.to_string(f)
  defp enc(s) when is_binary(s), do: [?", escape(s, []), ?"]
  defp enc(a) when is_atom(a), do: enc(Atom.to_string(a))
  defp enc({:object, pairs}) when is_list(pairs), do: object(pairs)
  defp enc(%{} = map), do: object(Enum.sort(Map.to_list(map)))
  defp enc(list) when is_list(list), do: [?[, Enum.intersperse(Enum.map(list, &enc/1), ?,), ?]]
  defp enc(other), do: raise(ArgumentError, "cannot encode #{inspect(other)} as JSON")

  defp object(pairs) do
    [?{, Enum.intersperse(Enum.map(pairs, fn {k, v} -> [enc(key(k)), ?:, enc(v)] end), ?,), ?}]
  end

  defp key(k) when is_binary(k), do: k
  defp key(k) when is_atom(k), do: Atom.to_string(k)
  defp key(k), do: raise(ArgumentError, "a JSON object key must be a string or an atom, not #{inspect(k)}")

  defp escape(<<>>, acc), do: Enum.reverse(acc)
  defp escape(<<?", rest::binary>>, acc), do: escape(rest, ["\\\"" | acc])
  defp escape(<<?\\, rest::binary>>, acc), do: escape(rest, ["\\\\" | acc])
  defp escape(<<?\n, rest::binary>>, acc), do: escape(rest, ["\\n" | acc])
  defp escape(<<?\r, rest::binary>>, acc), do: escape(rest, ["\\r" | acc])
  defp escape(<<?\t, rest::binary>>, acc), do: escape(rest, ["\\t" | acc])
  defp escape(<<c, rest::binary>>, acc) when c < 0x20,
    do: escape(rest, ["\\u" <> String.pad_leading(Integer.to_string(c, 16), 4, "0") | acc])
  defp escape(<<c::utf8, rest::binary>>, acc), do: escape(rest, [<<c::utf8>> | acc])
  defp escape(_, _), do: raise(ArgumentError, "cannot encode a binary that is not UTF-8 as a JSON string")

  @doc "`{:ok, value}` or `{:error, message}` for the JSON text `text`."
  def decode(text) when is_binary(text) do
    {value, rest} = value(skip(text), text)

    case skip(rest) do
      "" -> {:ok, value}
      more -> fail(text, more, "unexpected data after the value")
    end
  catch
    {:json_error, message} -> {:error, message}
  end

  defp value(<<?{, rest::binary>>, all), do: members(skip(rest), all, [])
  defp value(<<?[, rest::binary>>, all), do: elements(skip(rest), all, [])
  defp value(<<?", rest::binary>>, all), do: string(rest, all, [])
  defp value(<<"true", rest::binary>>, _), do: {true, rest}
  defp value(<<"false", rest::binary>>, _), do: {false, rest}
  defp value(<<"null", rest::binary>>, _), do: {nil, rest}
  defp value(<<c, _::binary>> = text, all) when c == ?- or c in ?0..?9, do: number(text, all)
  defp value(rest, all), do: fail(all, rest, "unexpected #{what(rest)}")

  defp members(<<?}, rest::binary>>, _, []), do: {%{}, rest}
  defp members(<<?", rest::binary>>, all, acc) do
    {k, rest} = string(rest, all, [])
    rest = expect(skip(rest), ?:, all)
    {v, rest} = value(skip(rest), all)
    acc = [{k, v} | acc]

    case skip(rest) do
      <<?,, rest::binary>> -> members(skip(rest), all, acc)
      <<?}, rest::binary>> -> {Map.new(Enum.reverse(acc)), rest}
      rest -> fail(all, rest, "expected , or } but found #{what(rest)}")
    end
  end
  defp members(rest, all, _), do: fail(all, rest, "expected a string key but found #{what(rest)}")

  defp elements(<<?], rest::binary>>, _, []), do: {[], rest}
  defp elements(text, all, acc) do
    {v, rest} = value(text, all)

    case skip(rest) do
      <<?,, rest::binary>> -> elements(skip(rest), all, [v | acc])
      <<?], rest::binary>> -> {Enum.reverse([v | acc]), rest}
      rest -> fail(all, rest, "expected , or ] but found #{what(rest)}")
    end
  end

  defp string(<<?", rest::binary>>, _, acc), do: {IO.iodata_to_binary(Enum.reverse(acc)), rest}
  defp string(<<?\\, e, rest::binary>>, all, acc) when e in ~c("\\/bfnrt) do
    string(rest, all, [Map.fetch!(%{?" => ?", ?\\ => ?\\, ?/ => ?/, ?b => ?\b, ?f => ?\f, ?n => ?\n, ?r => ?\r, ?t => ?\t}, e) | acc])
  end
  defp string(<<"\\u", h::binary-4, "\\u", l::binary-4, rest::binary>> = text, all, acc) do
    with {hi, ""} when hi in 0xD800..0xDBFF <- Integer.parse(h, 16),
         {lo, ""} when lo in 0xDC00..0xDFFF <- Integer.parse(l, 16) do
      string(rest, all, [<<0x10000 + (hi - 0xD800) * 0x400 + (lo - 0xDC00)::utf8>> | acc])
    else
      _ -> unicode_escape(text, all, acc)
    end
  end
  defp string(<<"\\u", _::binary>> = text, all, acc), do: unicode_escape(text, all, acc)
  defp string(<<c, _::binary>> = rest, all, _) when c < 0x20 or c == ?\\, do: fail(all, rest, "bad character in a string")
  defp string(<<c::utf8, rest::binary>>, all, acc), do: string(rest, all, [<<c::utf8>> | acc])
  defp string(<<>>, all, _), do: fail(all, "", "unexpected end of input")
  defp string(rest, all, _), do: fail(all, rest, "a string that is not UTF-8")

  defp unicode_escape(<<"\\u", h::binary-4, rest::binary>> = text, all, acc) do
    case Integer.parse(h, 16) do
      {c, ""} when c not in 0xD800..0xDFFF -> string(rest, all, [<<c::utf8>> | acc])
      _ -> fail(all, text, "bad \\u escape")
    end
  end
  defp unicode_escape(text, all, _), do: fail(all, text, "bad \\u escape")

  defp number(text, all) do
    case Regex.run(~r/\A-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/, text) do
      [lit | parts] ->
        rest = binary_part(text, byte_size(lit), byte_size(text) - byte_size(lit))

        if Enum.all?(parts, &(&1 == "")) do
          {String.to_integer(lit), rest}
        else
          # Elixir needs a fraction before an exponent: 1e3 is read as 1.0e3.
          {String.to_float(if(List.first(parts) == "", do: String.replace(lit, ~r/[eE]/, ".0e"), else: lit)), rest}
        end

      nil ->
        fail(all, text, "bad number")
    end
  end

  defp expect(<<c, rest::binary>>, c, _), do: rest
  defp expect(rest, c, all), do: fail(all, rest, "expected #{<<c>>} but found #{what(rest)}")

  defp skip(<<c, rest::binary>>) when c in [?\s, ?\t, ?\n, ?\r], do: skip(rest)
  defp skip(rest), do: rest

  defp what(""), do: "end of input"
  defp what(<<c::utf8, _::binary>>), do: inspect(<<c::utf8>>)
  defp what(<<c, _::binary>>), do: "byte #{c}"

  defp fail(all, rest, message),
    do: throw({:json_error, "#{message} at byte #{byte_size(all) - byte_size(rest)}"})
end
