# Application.compile_env/3 in code evaluated at run time expands to a call of
# Application.compile_env/4 with the caller's __ENV__: the linker keeps the functions a
# kept macro's quoted output calls.
defmodule CompileEnvInEvaluatedCode do
  def main do
    Application.put_env(:elixir, :conformance_key, nested: [key: :value])

    read = fn path, default ->
      code =
        quote do
          require Application
          Application.compile_env(:elixir, unquote(path), unquote(default))
        end

      {result, _binding} = Code.eval_quoted(code)
      result
    end

    IO.inspect(read.(:conformance_key, :default))
    IO.inspect(read.([:conformance_key, :nested, :key], :default))
    IO.inspect(read.(:missing_key, :default))

    {bang, _} =
      Code.eval_quoted(
        quote do
          require Application
          Application.compile_env!(:elixir, :conformance_key)
        end
      )

    IO.inspect(bang)
  end
end
