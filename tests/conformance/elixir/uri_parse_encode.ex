# URI parsing, query encoding/decoding, percent-encoding and merging.
defmodule UriParseEncode do
  def main do
    u = URI.parse("https://user:pw@example.com:8443/a/b%20c?x=1&y=two#frag")
    IO.inspect(u)
    IO.inspect({u.host, u.port, u.path, u.query, u.fragment, u.userinfo})
    IO.inspect(URI.decode_query("a=1&b=%C3%A9&c=x+y"))
    IO.inspect(URI.encode_query(%{"q" => "a b&c", "n" => 1}))
    IO.inspect(URI.encode("a b/ü?"))
    IO.inspect(URI.encode_www_form("a b/ü?"))
    IO.inspect(URI.decode("%E6%97%A5%20x"))
    IO.inspect(URI.merge("http://h.com/a/b/c", "../d") |> to_string())
    IO.inspect(to_string(%URI{scheme: "http", host: "x.org", path: "/p"}))
    IO.inspect(URI.parse("mailto:someone@example.com"))
  end
end
