# Sigils and literal forms: ~w with modifiers, ~s/~S, heredocs, char literals, numeric separators.
defmodule SigilsAndLiterals do
  def main do
    IO.inspect(~w(a b c))
    IO.inspect(~w(a b c)a)
    IO.inspect(~w(a b c)c)
    IO.inspect(~S(no #{interpolation} \n here))
    IO.inspect(~s(interp #{1 + 1}))
    text = """
    line one
      indented
    last
    """
    IO.inspect(text)
    IO.inspect({?a, ?\n, ?é, ?\s})
    IO.inspect({0x1F, 0o17, 0b1010, 1_000_000, 1.0e-3, 1_0.5})
    IO.inspect(~c'single quoted')
  end
end
