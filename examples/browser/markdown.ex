# markdown.ex — the program behind the browser example: renders its first argument, a small
# Markdown subset (# and ## headings, - lists, paragraphs, **strong**, *em*, `code`), to
# HTML on stdout. Run on the VM: elixirc markdown.ex && elixir -e 'Markdown.main()' '# Hi'
defmodule Markdown do
  def main do
    text =
      case System.argv() do
        [text | _] -> text
        [] -> ""
      end

    IO.write(render(text))
  end

  def render(text) do
    text
    |> String.split("\n\n", trim: true)
    |> Enum.map_join("\n", &block/1)
    |> Kernel.<>("\n")
  end

  defp block("# " <> rest), do: "<h1>#{inline(rest)}</h1>"
  defp block("## " <> rest), do: "<h2>#{inline(rest)}</h2>"

  defp block("- " <> _ = list) do
    items = for "- " <> item <- String.split(list, "\n"), do: "<li>#{inline(item)}</li>"
    "<ul>#{Enum.join(items)}</ul>"
  end

  defp block(paragraph), do: "<p>#{inline(String.trim(paragraph))}</p>"

  defp inline(text), do: inline(text, [])

  defp inline("**" <> rest, acc), do: span(rest, "**", "strong", acc)
  defp inline("*" <> rest, acc), do: span(rest, "*", "em", acc)
  defp inline("`" <> rest, acc), do: span(rest, "`", "code", acc)
  defp inline("<" <> rest, acc), do: inline(rest, ["&lt;" | acc])
  defp inline(">" <> rest, acc), do: inline(rest, ["&gt;" | acc])
  defp inline("&" <> rest, acc), do: inline(rest, ["&amp;" | acc])
  defp inline(<<c::utf8, rest::binary>>, acc), do: inline(rest, [<<c::utf8>> | acc])
  defp inline("", acc), do: acc |> Enum.reverse() |> IO.iodata_to_binary()

  defp span(rest, marker, tag, acc) do
    case :binary.split(rest, marker) do
      [inner, after_marker] -> inline(after_marker, ["</#{tag}>", inline(inner), "<#{tag}>" | acc])
      [_] -> inline(rest, [marker | acc])
    end
  end
end
