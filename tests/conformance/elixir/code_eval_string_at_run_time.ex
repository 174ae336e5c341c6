# known: there is no Elixir compiler or evaluator at run time (Code.eval_string raises undef for :elixir.eval_forms/3)
defmodule CodeEvalStringAtRunTime do
  def main do
    IO.inspect(Code.eval_string("1 + 2"))
  end
end
