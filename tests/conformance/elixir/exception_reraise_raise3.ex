# reraise keeps the exception; :erlang.raise/3 rethrows any class; catch kinds are preserved.
defmodule ExceptionReraiseRaise3 do
  def main do
    r = try do
      try do
        raise "first"
      rescue
        e -> reraise e, __STACKTRACE__
      end
    rescue
      e -> {:got, e.message}
    end
    IO.inspect(r)
    for class <- [:error, :throw, :exit] do
      r = try do
        :erlang.raise(class, {:reason, class}, [])
      catch
        k, v -> {k, v}
      end
      IO.inspect(r)
    end
    r = try do
      try do
        :erlang.error(:badarg)
      catch
        :error, reason -> :erlang.raise(:error, {:wrapped, reason}, __STACKTRACE__)
      end
    catch
      :error, v -> v
    end
    IO.inspect(r)
    IO.inspect(:erlang.raise(:bad_class, :x, []))
  end
end
