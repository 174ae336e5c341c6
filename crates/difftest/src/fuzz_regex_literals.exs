# The regex literals the regex fuzzer runs (crates/difftest/src/fuzz_regex.rs), and subject
# lines to run them on. Run on the VM:
#
#     elixir fuzz_regex_literals.exs ELIXIR_SOURCE_DIR OUT_FILE
#
# OUT_FILE gets one line per literal, `L {Regex}` with the %Regex{} struct as ~w writes it:
#   - every regex literal in the installed Elixir .beam files, as the VM compiled it
#     (the struct is in the module's literal table);
#   - every ~r/~R sigil without interpolation in Elixir's own sources (lib/*/lib and
#     lib/*/test of the `elixir-lang` source package), evaluated, so compiled by this VM;
# and up to 3000 source lines, `S <<Line>>`, taken every so many lines.
[src_dir, out] = System.argv()

defmodule FuzzRegexLiterals do
  def from_beams do
    root = :code.lib_dir(:elixir) |> Path.dirname()

    for file <- Path.wildcard(Path.join(root, "*/ebin/*.beam")),
        regex <- literals(file),
        do: regex
  end

  defp literals(file) do
    case :beam_lib.chunks(String.to_charlist(file), [~c"LitT"]) do
      {:ok, {_, [{~c"LitT", <<_::32, z::binary>>}]}} ->
        <<n::32, rest::binary>> = :zlib.uncompress(z)
        rest |> terms(n) |> Enum.flat_map(&walk/1)

      _ ->
        []
    end
  end

  defp terms(_, 0), do: []
  defp terms(<<len::32, t::binary-size(len), rest::binary>>, n), do: [:erlang.binary_to_term(t) | terms(rest, n - 1)]

  defp walk(%{__struct__: Regex, source: s, opts: _, re_pattern: _} = r) when is_binary(s), do: [r]
  defp walk(m) when is_map(m), do: m |> Map.values() |> Enum.flat_map(&walk/1)
  defp walk(t) when is_tuple(t), do: t |> Tuple.to_list() |> Enum.flat_map(&walk/1)
  defp walk([h | t]), do: walk(h) ++ walk(t)
  defp walk(_), do: []

  def from_sources(dir) do
    for file <- Path.wildcard(Path.join(dir, "lib/*/{lib,test}/**/*.{ex,exs}")) |> Enum.sort(),
        {:ok, ast} <- [Code.string_to_quoted(File.read!(file))],
        node <- sigils(ast),
        {:ok, regex} <- [eval(node)],
        do: regex
  end

  defp sigils(ast) do
    {_, acc} =
      Macro.prewalk(ast, [], fn
        {s, _, [{:<<>>, _, parts}, mods]} = node, acc when s in [:sigil_r, :sigil_R] and is_list(mods) ->
          if Enum.all?(parts, &is_binary/1), do: {node, [node | acc]}, else: {node, acc}

        node, acc ->
          {node, acc}
      end)

    Enum.reverse(acc)
  end

  defp eval(node) do
    case Code.eval_quoted(node) do
      {%Regex{} = r, _} -> {:ok, r}
      _ -> :error
    end
  rescue
    _ -> :error
  end

  def lines(dir) do
    all =
      for file <- Path.wildcard(Path.join(dir, "lib/*/lib/**/*.ex")) |> Enum.sort(),
          line <- String.split(File.read!(file), "\n"),
          line != "",
          do: line

    step = max(div(length(all), 3000), 1)
    all |> Enum.take_every(step) |> Enum.take(3000)
  end
end

regexes = Enum.uniq_by(FuzzRegexLiterals.from_beams() ++ FuzzRegexLiterals.from_sources(src_dir), &{&1.source, &1.opts})

text = [
  for(r <- regexes, do: ["L ", :io_lib.format("~w", [r]), "\n"]),
  for(l <- FuzzRegexLiterals.lines(src_dir), do: ["S ", :io_lib.format("~w", [l]), "\n"])
]

File.write!(out, text)
IO.puts("#{length(regexes)} regex literals")
