# Exception's formatting functions as exception_test.exs checks them: format_banner,
# format_mfa (quoting, anonymous funs, Unicode), format_stacktrace_entry, format_exit of
# the standard reasons, of a supervisor's bad init results and of a call to no process,
# and normalize/3.
defmodule ExceptionFormatFunctions.Sup do
  def start_link(fun), do: :supervisor.start_link(__MODULE__, fun)
  def init(fun), do: fun.()
end

defmodule ExceptionFormatFunctions do
  alias ExceptionFormatFunctions.Sup

  def dummy_error_extras(_exception, _stacktrace), do: %{general: "foo"}

  def main do
    IO.puts(Exception.format_banner(:error, :badarg))
    IO.puts(Exception.format_banner(:throw, :badarg))
    IO.puts(Exception.format_banner(:exit, :badarg))
    IO.puts(Exception.format(:error, :badarg, []))
    IO.inspect(Exception.normalize(:throw, :badarg, []))
    IO.inspect(Exception.normalize(:exit, :badarg, []))
    IO.inspect(Exception.normalize(:error, :badarg, []).__struct__)

    IO.inspect(
      Exception.normalize(:error, :no_translation, [
        {:io, :put_chars, [:x, <<222>>],
         [error_info: %{module: __MODULE__, function: :dummy_error_extras}]}
      ])
    )

    IO.puts(Exception.format_stacktrace_entry({Foo, :bar, [1, 2, 3], []}))
    IO.puts(Exception.format_stacktrace_entry({Foo, :bar, [], []}))
    IO.puts(Exception.format_stacktrace_entry({Foo, :bar, 1, []}))
    IO.puts(Exception.format_stacktrace_entry({Foo, :bar, [], [file: 'file.ex', line: 10]}))
    IO.puts(Exception.format_stacktrace_entry({Foo, :bar, 1, [file: 'file.ex']}))
    IO.puts(Exception.format_stacktrace_entry({Foo, :bar, [], [file: 'file.ex', line: 0]}))
    IO.puts(Exception.format_stacktrace_entry({Exception, :bar, [], [file: 'file.ex']}))
    IO.puts(Exception.format_stacktrace_entry({:lists, :map, 2, [file: 'lists.erl', line: 3]}))

    _ = :"some function"
    IO.puts(Exception.format_mfa(Foo, nil, 1))
    IO.puts(Exception.format_mfa(Foo, :bar, []))
    IO.puts(Exception.format_mfa(nil, :bar, []))
    IO.puts(Exception.format_mfa(:foo, :bar, [1, 2]))
    IO.puts(Exception.format_mfa(Foo, :b@r, 1))
    IO.puts(Exception.format_mfa(Foo, :"bar baz", 1))
    IO.puts(Exception.format_mfa(Foo, :"-func/2-fun-0-", 4))
    IO.puts(Exception.format_mfa(Foo, :"-some function/2-fun-0-", 4))
    IO.puts(Exception.format_mfa(Foo, :"42", 1))
    IO.puts(Exception.format_mfa(Foo, :Bar, [1, 2]))
    IO.puts(Exception.format_mfa(Foo, :%{}, [1, 2]))
    IO.puts(Exception.format_mfa(Foo, :..., 1))
    IO.puts(Exception.format_mfa(Foo, :olá, [1, 2]))
    IO.puts(Exception.format_mfa(Foo, :Olá, [1, 2]))
    IO.puts(Exception.format_mfa(Foo, :こんにちは世界, [1, 2]))

    for r <- [
          :bye,
          :noconnection,
          {:nodedown, :node@host},
          :timeout,
          :killed,
          :normal,
          :shutdown,
          :calling_self,
          {:shutdown, :bye},
          {:badarg, [{:not_a_real_module, :function, 0, []}]},
          {:bad_call, :request},
          {:bad_cast, :request},
          {:start_spec, :unexpected},
          {:supervisor_data, :unexpected}
        ] do
      IO.puts(Exception.format_exit(r))
    end

    IO.puts(Exception.format_exit(:noproc) |> String.starts_with?("no process:"))

    Process.flag(:trap_exit, true)

    returns = [
      :foo,
      {:ok, {:foo, []}},
      {:ok, {{:foo, 1, 1}, []}},
      {:ok, {{:one_for_one, :foo, 1}, []}},
      {:ok, {{:one_for_one, 1, :foo}, []}},
      {:ok, {{:simple_one_for_one, 1, 1}, :foo}},
      {:ok, {{:one_for_one, 1, 1}, [:foo]}},
      {:ok, {{:one_for_one, 1, 1}, [{:child, :foo, :temporary, 1, :worker, []}]}},
      {:ok, {{:one_for_one, 1, 1}, [{:child, {:m, :f, []}, :foo, 1, :worker, []}]}},
      {:ok, {{:one_for_one, 1, 1}, [{:child, {:m, :f, []}, :temporary, :foo, :worker, []}]}},
      {:ok, {{:one_for_one, 1, 1}, [{:child, {:m, :f, []}, :temporary, 1, :foo, []}]}},
      {:ok, {{:one_for_one, 1, 1}, [{:child, {:m, :f, []}, :temporary, 1, :worker, :foo}]}},
      {:ok, {{:one_for_one, 1, 1}, [{:child, {:m, :f, []}, :temporary, 1, :worker, [{:foo}]}]}},
      {:ok,
       {{:one_for_one, 1, 1},
        [
          {:child, {:m, :f, []}, :permanent, 1, :worker, []},
          {:child, {:m, :f, []}, :permanent, 1, :worker, []}
        ]}},
      {:ok,
       {{:one_for_one, 1, 1}, [{:child, {Kernel, :exit, [:foo]}, :temporary, 1, :worker, []}]}}
    ]

    for ret <- returns do
      {:error, reason} = Sup.start_link(fn -> ret end)
      IO.puts(Exception.format_exit(reason))
    end

    reason =
      try do
        :gen_server.call(:does_not_exist, :hello)
      catch
        :exit, reason -> reason
      end

    IO.puts(
      Exception.format_exit(reason)
      |> String.starts_with?(
        "exited in: :gen_server.call(:does_not_exist, :hello)\n    ** (EXIT) no process:"
      )
    )
  end
end
