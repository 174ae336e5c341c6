# Version parsing, comparison and requirement matching (pre-release and build metadata).
defmodule VersionCompareParse do
  def main do
    IO.inspect(Version.parse("1.2.3-rc.1+build.5"))
    IO.inspect(Version.parse("1.2"))
    vs = ~w(1.0.0 1.0.0-alpha 1.0.0-alpha.1 1.0.0-beta 0.9.9 1.10.0 1.2.0)
    IO.inspect(Enum.sort(vs, &(Version.compare(&1, &2) != :gt)))
    IO.inspect(Version.match?("1.4.2", "~> 1.4"))
    IO.inspect(Version.match?("2.0.0", "~> 1.4"))
    IO.inspect(Version.match?("1.2.3", ">= 1.0.0 and < 2.0.0"))
    IO.inspect(Version.compare("1.0.0", "1.0.0+other"))
    IO.inspect(to_string(Version.parse!("3.4.5-pre")))
  end
end
