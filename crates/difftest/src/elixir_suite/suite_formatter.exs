# The ExUnit formatter of the elixir-suite runner (crates/difftest/src/elixir_suite.rs). It is
# required after Elixir's test_helper.exs and before the test files, on the VM (`elixir -r`)
# and in `beamwasm test`, and replaces ExUnit's CLI formatter: it only listens to ExUnit's
# events and prints one line per test, so the tests themselves run as they would.
#
#   @suite test FILE\tMODULE\tNAME\tRESULT\tDETAIL
#   @suite done
#
# FILE is the test file's path, RESULT is passed, failed, skipped, excluded or invalid; MODULE and NAME are inspected (one
# line, tabs escaped); DETAIL is a one-line summary of a failure (its first error's kind and
# the start of its message), empty otherwise. The seed is fixed so both sides run the same
# order.

defmodule BeamwasmSuite.Formatter do
  @moduledoc false
  use GenServer

  def init(_opts), do: {:ok, nil}

  def handle_cast({:test_finished, %ExUnit.Test{} = test}, state) do
    {result, detail} =
      case test.state do
        nil -> {"passed", ""}
        {:failed, failures} -> {"failed", detail(failures)}
        {:skipped, _} -> {"skipped", ""}
        {:excluded, _} -> {"excluded", ""}
        {:invalid, _} -> {"invalid", ""}
        other -> {"other", one_line(inspect(other))}
      end

    file = one_line(to_string(test.tags[:file]))
    IO.write(["@suite test ", file, ?\t, one_line(inspect(test.module)), ?\t, one_line(inspect(test.name)), ?\t, result, ?\t, detail, ?\n])
    {:noreply, state}
  end

  def handle_cast({:module_finished, %ExUnit.TestModule{state: {:failed, failures}} = mod}, state) do
    # setup_all failed: each of its tests is reported invalid above.
    IO.write(["@suite setup_all ", one_line(inspect(mod.name)), ?\t, detail(failures), ?\n])
    {:noreply, state}
  end

  def handle_cast({:suite_finished, _}, state) do
    IO.write("@suite done\n")
    {:noreply, state}
  end

  def handle_cast(_event, state), do: {:noreply, state}

  defp detail([{kind, reason, stack} | _]) do
    text =
      try do
        case kind do
          :error ->
            e = Exception.normalize(:error, reason, stack)
            inspect(e.__struct__) <> ": " <> Exception.message(e)

          _ ->
            "#{inspect(kind)}: #{inspect(reason, limit: 20)}"
        end
      rescue
        _ -> "#{inspect(kind)}: (unformattable)"
      end

    frame =
      case stack do
        [{m, f, a, _} | _] when is_list(a) -> " @ #{inspect(m)}.#{f}/#{length(a)}"
        [{m, f, a, _} | _] -> " @ #{inspect(m)}.#{f}/#{a}"
        _ -> ""
      end

    one_line(String.slice(text, 0, 300) <> frame)
  end

  defp detail(_), do: ""

  defp one_line(text), do: text |> String.replace("\\", "\\\\") |> String.replace("\n", "\\n") |> String.replace("\t", "\\t")
end

ExUnit.configure(formatters: [BeamwasmSuite.Formatter], seed: 0)
