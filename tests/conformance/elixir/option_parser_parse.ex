# OptionParser.parse with switches, aliases, types, invalid options and -- separator.
defmodule OptionParserParse do
  def main do
    argv = ["--name", "ann", "-v", "--count", "3", "--no-color", "file1", "--", "--literal"]
    IO.inspect(OptionParser.parse(argv, strict: [name: :string, verbose: :boolean, count: :integer, color: :boolean], aliases: [v: :verbose]))
    IO.inspect(OptionParser.parse(["--count", "x"], strict: [count: :integer]))
    IO.inspect(OptionParser.parse(["--unknown", "1", "rest"], strict: [known: :string]))
    IO.inspect(OptionParser.parse(["--tag", "a", "--tag", "b"], strict: [tag: :keep]))
    IO.inspect(OptionParser.split(~s(a "b c" d\\ e)))
    IO.inspect(OptionParser.to_argv([foo: "bar", baz: true, qux: false]))
  end
end
