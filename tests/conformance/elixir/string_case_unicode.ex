# upcase/downcase/capitalize on ASCII and non-ASCII text, including expanding mappings.
defmodule StringCaseUnicode do
  def main do
    for s <- ["hello world", "ÉCOLE élève", "straße", "ǅungla", "ΣΊΣΥΦΟΣ", "ﬁsh", "İstanbul", "日本", "123abc"] do
      IO.puts("#{s} | #{String.upcase(s)} | #{String.downcase(s)} | #{String.capitalize(s)}")
    end
    IO.puts(String.upcase("straße", :ascii))
    IO.puts(String.downcase("ÀB", :ascii))
    IO.puts(String.downcase("ΣΑΣ", :greek))
  end
end
