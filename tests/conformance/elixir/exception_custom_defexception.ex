# defexception: default messages, custom message/1, extra fields, exception/1 overrides.
defmodule ExceptionCustomDefexception do
  defmodule PlainError do
    defexception message: "plain default"
  end

  defmodule FieldError do
    defexception [:field, :value]

    @impl true
    def message(%{field: f, value: v}), do: "invalid #{f}: #{inspect(v)}"
  end

  defmodule BuiltError do
    defexception [:message, :code]

    @impl true
    def exception(code) when is_integer(code), do: %__MODULE__{message: "code #{code}", code: code}
  end
end

defmodule ExceptionCustomDefexceptionMain do
  alias ExceptionCustomDefexception.{PlainError, FieldError, BuiltError}

  def main do
    for f <- [fn -> raise PlainError end,
              fn -> raise PlainError, "overridden" end,
              fn -> raise PlainError, message: "kw" end,
              fn -> raise FieldError, field: :age, value: -1 end,
              fn -> raise BuiltError, 404 end] do
      try do
        f.()
      rescue
        e in [PlainError, FieldError] -> IO.puts("A #{inspect(e)} :: #{Exception.message(e)}")
        e in BuiltError -> IO.puts("B #{e.code} :: #{Exception.message(e)}")
      end
    end
    IO.inspect(Exception.exception?(%PlainError{}))
    IO.inspect(is_exception(%FieldError{}, FieldError))
    IO.inspect(%FieldError{field: :x})
  end
end
