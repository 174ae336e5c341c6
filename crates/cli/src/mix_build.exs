# Reads a Mix project for beamwasm, inside the project (crates/cli/src/mix.rs runs it with
# `mix run --no-start --no-compile`, so Mix has loaded the project, its configuration and
# config/runtime.exs as `mix run` does), and writes into OUT:
#
#   * ebins.txt: the project's and its dependencies' ebin directories, one a line;
#   * beamwasm_mix_main.beam: the program's entry, which does what `mix run` does after
#     compiling: it persists the configuration (Mix's loadconfig and app.config:
#     Application.put_all_env/2 with `persistent: true`, so it holds when each
#     application loads), stops Logger so that it restarts with that configuration
#     (app.start), starts the project's application with its dependencies as
#     `start_permanent` says, then runs the given code and halts, or keeps running.
#
# config/runtime.exs is evaluated here, when the program is built: what it reads from the
# environment is fixed then.
#
# Usage: mix run --no-start --no-compile mix_build.exs OUT (--entry M.f | --eval | --none) [--no-halt]

{opts, [out], []} = OptionParser.parse(System.argv(), strict: [entry: :string, eval: :boolean, none: :boolean, no_halt: :boolean])

project = Mix.Project.config()
app = project[:app] || Mix.raise("beamwasm: the project has no :app (umbrella projects are not supported)")
type = Mix.Tasks.App.Start.type(project, [])
runtime = project[:config_path] |> Path.dirname() |> Path.join("runtime.exs")

runtime_apps =
  if File.exists?(runtime) do
    Keyword.keys(Config.Reader.read!(runtime, env: Mix.env(), target: Mix.target(), imports: :disabled))
  else
    []
  end

configured = Enum.uniq(Keyword.keys(Mix.Tasks.Loadconfig.read_compile()) ++ runtime_apps)
config = for a <- configured, do: {a, Application.get_all_env(a)}

entry =
  cond do
    opts[:eval] ->
      quote(do: :beamwasm_script_main.main())

    e = opts[:entry] ->
      {mod, fun} = e |> String.split(".") |> Enum.split(-1)
      mod = if match?([":" <> _], mod), do: String.to_atom(String.trim_leading(hd(mod), ":")), else: Module.concat(mod)
      quote(do: unquote(mod).unquote(String.to_atom(hd(fun)))())

    true ->
      :ok
  end

halt =
  if opts[:no_halt] do
    quote do
      System.no_halt(true)
      :beamwasm_mix_main.sleep_forever()
    end
  else
    :ok
  end

main =
  quote do
    defmodule :beamwasm_mix_main do
      @moduledoc false
      # The -e expression's module is built next, by the script builder.
      @compile {:no_warn_undefined, :beamwasm_script_main}
      def main() do
        Application.put_all_env(unquote(Macro.escape(config)), persistent: true)

        if Process.whereis(Logger) do
          Logger.App.stop()
        end

        case Application.ensure_all_started(unquote(app), unquote(type)) do
          {:ok, _} ->
            :ok

          {:error, {app, reason}} ->
            # What Mix.Tasks.App.Start prints (Mix.raise's report, or the shell's error
            # before System.stop/1 for a permanent application).
            IO.puts(:stderr, "** (Mix) Could not start application #{app}: " <> Application.format_error(reason))
            System.halt(1)
        end

        unquote(entry)
        unquote(halt)
      end

      # `mix run --no-halt`: the program keeps running, waiting, until something halts it.
      def sleep_forever() do
        Process.sleep(3_600_000)
        sleep_forever()
      end
    end
  end

File.mkdir_p!(out)
[{_, beam}] = Code.compile_quoted(main, "nofile")
File.write!(Path.join(out, "beamwasm_mix_main.beam"), beam)
ebins = Path.wildcard(Path.join(Mix.Project.build_path(), "lib/*/ebin"))
File.write!(Path.join(out, "ebins.txt"), Enum.join(ebins, "\n"))
