# Benchmark: a Markdown-ish line parser (headings, lists, code fences, emphasis, links) turning a
# generated document into HTML iodata with String and binary pattern matching.
# Prints a checksum, then `elapsed_us=N` as the last line.
defmodule MarkdownLines do
  def gen(n) do
    for i <- 1..n do
      case rem(i, 9) do
        0 -> "# Heading number #{i}"
        1 -> "## Sub *heading* #{i}"
        2 -> "- list item with **bold #{i}** and a [link](http://x/#{i})"
        3 -> "- another item `code #{i}`"
        4 -> "```"
        5 -> "  code line #{i} <not> & escaped"
        6 -> "```"
        7 -> ""
        8 -> "Plain paragraph text #{i} with *emphasis*, **strong** and `inline code` plus [a](b)."
      end
    end
    |> Enum.join("\n")
  end

  def to_html(doc) do
    {html, _state} =
      doc
      |> String.split("\n")
      |> Enum.map_reduce(:text, &line/2)
    html
  end

  defp line("```", :text), do: {"<pre><code>", :code}
  defp line("```", :code), do: {"</code></pre>\n", :text}
  defp line(l, :code), do: {[escape(l), "\n"], :code}
  defp line("", :text), do: {"\n", :text}
  defp line("# " <> rest, :text), do: {["<h1>", inline(rest), "</h1>\n"], :text}
  defp line("## " <> rest, :text), do: {["<h2>", inline(rest), "</h2>\n"], :text}
  defp line("- " <> rest, :text), do: {["<li>", inline(rest), "</li>\n"], :text}
  defp line(l, :text), do: {["<p>", inline(l), "</p>\n"], :text}

  defp escape(s) do
    for <<c <- s>>, into: "" do
      case c do
        ?< -> "&lt;"
        ?> -> "&gt;"
        ?& -> "&amp;"
        c -> <<c>>
      end
    end
  end

  defp inline(s), do: inline(s, [])
  defp inline(<<>>, acc), do: Enum.reverse(acc)
  defp inline(<<"**", rest::binary>>, acc), do: span(rest, "**", "strong", acc)
  defp inline(<<"*", rest::binary>>, acc), do: span(rest, "*", "em", acc)
  defp inline(<<"`", rest::binary>>, acc), do: span(rest, "`", "code", acc)
  defp inline(<<"[", rest::binary>> = all, acc) do
    with [text, after_text] <- :binary.split(rest, "]("),
         [url, tail] <- :binary.split(after_text, ")") do
      inline(tail, [["<a href=\"", url, "\">", text, "</a>"] | acc])
    else
      _ -> inline(binary_part(all, 1, byte_size(all) - 1), ["[" | acc])
    end
  end
  defp inline(<<c, rest::binary>>, acc), do: inline(rest, [c | acc])

  defp span(rest, marker, tag, acc) do
    case :binary.split(rest, marker) do
      [inner, tail] -> inline(tail, [["<", tag, ">", inline(inner), "</", tag, ">"] | acc])
      [_] -> inline(rest, [marker | acc])
    end
  end

  def main do
    doc = gen(30_000)
    t0 = :erlang.monotonic_time(:microsecond)
    sums = for _ <- 1..3 do
      html = IO.iodata_to_binary(to_html(doc))
      {byte_size(html), :erlang.crc32(html)}
    end
    t1 = :erlang.monotonic_time(:microsecond)
    IO.puts("checksum=#{inspect(sums)}")
    IO.puts("elapsed_us=#{t1 - t0}")
  end
end
