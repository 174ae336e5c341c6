defmodule CodeEvalStringAtRunTime do
  def main do
    IO.inspect(Code.eval_string("1 + 2"))
  end
end
