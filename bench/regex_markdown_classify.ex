# Markdown-like block classification with regexes, as Markdown renderers do it: each line of
# a generated 15,000-line document is tested against heading (with a branch reset),
# list, quote, fence, table, link-definition and emphasis patterns in turn, and inline
# links and code spans are rewritten with Regex.replace.
defmodule RegexMarkdownClassify do
  @heading ~R/^(?|(#{1,6})\s+(.*?)\s*#*\s*$|(=+|-+)\s*$())/
  @ulist ~r/^(\s{0,3})([-*+])\s+(.*)$/
  @olist ~r/^(\s{0,3})(\d{1,9})[.)]\s+(.*)$/
  @quote ~r/^\s{0,3}>\s?(.*)$/
  @fence ~r/^\s{0,3}(`{3,}|~{3,})\s*(\w*)\s*$/
  @table ~r/^\|?(?:[^|]+\|)+[^|]*$/
  @linkdef ~r/^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+"([^"]*)")?\s*$/
  @link ~r/\[([^\]]+)\]\(([^)\s]+)(?:\s+"([^"]*)")?\)/
  @code ~r/`([^`]+)`/
  @strong ~r/\*\*(?=\S)(.+?)(?<=\S)\*\*/u

  defp line(i) do
    case rem(i, 11) do
      0 -> String.duplicate("#", rem(i, 6) + 1) <> " Heading #{i} ##"
      1 -> "- item #{i} with [a link](http://example.com/#{i} \"title\") and `code #{i}`"
      2 -> "#{rem(i, 20) + 1}. ordered **strong #{i}** text"
      3 -> "> quoted line #{i} with ünïcödé"
      4 -> if rem(i, 2) == 0, do: "```elixir", else: "~~~"
      5 -> "| a #{i} | b | c |"
      6 -> "[ref#{i}]: http://example.com/ref/#{i} \"Ref #{i}\""
      7 -> "======"
      _ -> "Plain paragraph text #{i}, with some *emphasis* and a [link](/p/#{i}) and `x = #{i}`."
    end
  end

  defp classify(l) do
    cond do
      m = Regex.run(@heading, l) -> {:heading, length(m)}
      Regex.match?(@fence, l) -> :fence
      Regex.match?(@linkdef, l) -> :linkdef
      Regex.match?(@ulist, l) -> :ulist
      Regex.match?(@olist, l) -> :olist
      Regex.match?(@quote, l) -> :quote
      Regex.match?(@table, l) -> :table
      true -> :para
    end
  end

  defp inline(l) do
    l = Regex.replace(@link, l, "<a href=\"\\2\">\\1</a>")
    l = Regex.replace(@code, l, "<code>\\1</code>")
    Regex.replace(@strong, l, "<strong>\\1</strong>")
  end

  def main do
    lines = Enum.map(1..15_000, &line/1)
    t0 = :erlang.monotonic_time(:microsecond)
    {counts, size} =
      Enum.reduce(lines, {%{}, 0}, fn l, {c, s} ->
        {Map.update(c, classify(l), 1, &(&1 + 1)), s + byte_size(inline(l))}
      end)
    t1 = :erlang.monotonic_time(:microsecond)
    IO.inspect(Enum.sort(counts))
    IO.puts("size=#{size}")
    IO.puts("elapsed_us=#{t1 - t0}")
  end
end
