# Branch reset (?|...): alternatives share group numbers. Earmark's heading and other
# line regexes rely on it; the VM returns ["# Title ##", "#", "Title"] for the first.
defmodule RegexBranchResetHeading do
  @heading ~r/^(\#{1,6})\s+(?|(.*?)\s*#*\s*$|(.*))/u
  @fence ~r/^(\s*)(`{3,}|~{3,})\s*([^`\s]*)\s*$/u
  @list ~r/^(\s{0,3})(?|([-*+])|(\d+)[.)])\s+(.*)/u

  def main do
    for line <- ["# Title ##", "### Sub *title*", "####### seven", "#nospace", "## ", "# ünïcödé #"] do
      IO.inspect(Regex.run(@heading, line), label: line)
    end

    IO.inspect(Regex.run(@fence, "```elixir"))
    IO.inspect(Regex.run(@fence, "  ~~~~"))

    for line <- ["- item", "12) twelve", "3. three", "   * star", "    - too deep"] do
      IO.inspect(Regex.run(@list, line), label: line)
    end

    IO.inspect(Regex.run(~r/(?|(a)(b)|(c))/, "c"))
    IO.inspect(Regex.scan(~r/(?|x(\d)|y(\w))/, "x1 ya x2 yb"))
    IO.inspect(Regex.named_captures(~r/(?|(?<d>\d+)|(?<d>[a-z]+))/, "abc"))
  end
end
