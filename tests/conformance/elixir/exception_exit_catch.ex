# exit/1 caught with catch :exit; exit reasons of several shapes.
defmodule ExceptionExitCatch do
  def main do
    for reason <- [:normal, :shutdown, {:shutdown, :x}, "string", {:EXIT, 1}, 42] do
      r = try do
        exit(reason)
      catch
        :exit, r -> {:caught_exit, r}
      end
      IO.inspect(r)
    end
    IO.inspect(try do exit(:a) rescue _ -> :rescue_does_not_see_exits catch :exit, _ -> :catch_does end)
  end
end
