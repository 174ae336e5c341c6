# Builds Elixir scripts and ExUnit test files for beamwasm, on the real VM (crates/cli/src/script.rs
# runs it with the installed `elixir`). A compiled program cannot compile modules while it
# runs, so what a script defines is compiled here, and what it does is replayed there:
#
#   * every top-level form that defines a module (defmodule, defprotocol, defimpl) is
#     evaluated here, in the lexical environment the forms before it leave, and the modules
#     it defines are written out as .beam files (a compiler tracer sees each one);
#   * every other top-level form goes, in order, into the body of a function `run/0` of a
#     module generated for the file (`beamwasm_script_N`), which runs in the program;
#     alias/import/require forms are also evaluated here, for the modules after them;
#   * `Code.require_file(path, dir)` at the top level processes that file the same way, once,
#     and becomes a call of its `run/0` (or nothing, when it was required already);
#   * `beamwasm_script_main:main/0` runs the files' `run/0` in order: the program's entry.
#
# In test mode (`beamwasm test`) every top-level form is also evaluated here, as `elixir`
# evaluates a test helper or a test file before running the suite: module bodies see the
# helper's effects (ExUnit started, configuration, helper modules), and ExUnit.Case
# registers each test module with ExUnit.Server as it is defined. Each form's
# registrations become calls of ExUnit.Server.add_async_module/add_sync_module at that
# point of the replay, so the program's ExUnit sees the modules in the order the VM's does.
# What a replayed form prints here is discarded (it prints again in the program); what a
# module definition prints while it compiles is printed by the program at that point.
# ExUnit does not run here (the build halts, and ExUnit's autorun is off). At the top level
# __MODULE__ is nil and __ENV__ names no module or function, as in a script, though the
# code runs inside `beamwasm_script_N.run/0`.
#
# Usage: elixir script_build.exs --out DIR --mode script|test [--eval EXPR] [--helper FILE]...
#          [--seed N] [--only TAG]... [--exclude TAG]... FILE...

defmodule BeamwasmBuild.Tracer do
  @moduledoc false
  def trace({:on_module, bytecode, _}, env) do
    :ets.insert(:beamwasm_build_modules, {env.module, bytecode})
    :ok
  end

  def trace(_event, _env), do: :ok
end

defmodule BeamwasmBuild do
  @moduledoc false

  @definers [:defmodule, :defprotocol, :defimpl]
  @lexical [:alias, :import, :require]

  def main(argv) do
    {opts, files, []} =
      OptionParser.parse(argv,
        strict: [out: :string, mode: :string, eval: :string, helper: :keep, seed: :integer, only: :keep, exclude: :keep]
      )

    out = Keyword.fetch!(opts, :out)
    mode = String.to_atom(Keyword.fetch!(opts, :mode))
    File.mkdir_p!(out)
    :ets.new(:beamwasm_build_modules, [:named_table, :public, :set])
    :ets.new(:beamwasm_build_state, [:named_table, :public, :set])
    :ets.insert(:beamwasm_build_state, [{:counter, 0}, {:required, MapSet.new()}])

    if mode == :test do
      # ExUnit must not run here: loaded first, so that its .app file's `autorun: true`
      # does not replace this.
      :ok = Application.load(:ex_unit)
      Application.put_env(:ex_unit, :autorun, false)
    end

    Code.put_compiler_option(:tracers, [BeamwasmBuild.Tracer | Code.get_compiler_option(:tracers)])

    calls =
      case {Keyword.fetch(opts, :eval), mode} do
        {{:ok, expr}, _} ->
          [process_source(expr, "nofile", mode)]

        {:error, :test} ->
          helpers = Keyword.get_values(opts, :helper)
          Enum.map(helpers, &process_file(&1, mode)) ++ [configure_call(opts)] ++ Enum.map(files, &process_file(&1, mode))

        {:error, :script} ->
          Enum.map(files, &process_file(&1, mode))
      end

    configure =
      if mode == :test do
        quote do
          # Mix.Tasks.Test's process_ex_unit_opts/1 and merge_helper_opts/1.
          def configure(seed, only, exclude) do
            opts = if seed, do: [seed: seed], else: []
            opts = if exclude != [], do: Keyword.put(opts, :exclude, ExUnit.Filters.parse(exclude)), else: opts

            opts =
              if only != [] do
                filters = ExUnit.Filters.parse(only)

                opts
                |> Keyword.update(:include, filters, &(filters ++ &1))
                |> Keyword.update(:exclude, [:test], &[:test | &1])
              else
                opts
              end

            value = List.wrap(Application.get_env(:ex_unit, :exclude, []))
            ExUnit.configure(Keyword.update(opts, :exclude, value, &Enum.uniq(&1 ++ value)))
          end
        end
      end

    main =
      quote do
        defmodule :beamwasm_script_main do
          @moduledoc false
          def main() do
            unquote({:__block__, [], Enum.reject(calls, &is_nil/1) ++ [:ok]})
          end

          unquote(configure)
        end
      end

    quietly_compile(main, "nofile")

    for {module, bytecode} <- :ets.tab2list(:beamwasm_build_modules) do
      File.write!(Path.join(out, Atom.to_string(module) <> ".beam"), bytecode)
    end

    System.halt(0)
  end

  # The options `mix test` applies after the helper (Mix.Tasks.Test): --seed, --only
  # (includes the tag and excludes every other test), --exclude, with the helper's
  # exclusions kept.
  defp configure_call(opts) do
    only = Keyword.get_values(opts, :only)
    exclude = Keyword.get_values(opts, :exclude)
    seed = Keyword.get(opts, :seed)

    if only == [] and exclude == [] and seed == nil do
      nil
    else
      quote do
        :beamwasm_script_main.configure(unquote(seed), unquote(only), unquote(exclude))
      end
    end
  end

  defp process_file(file, mode) do
    file = Path.expand(file)
    [{_, required}] = :ets.lookup(:beamwasm_build_state, :required)
    :ets.insert(:beamwasm_build_state, {:required, MapSet.put(required, file)})
    process_source(File.read!(file), file, mode)
  end

  defp process_source(source, file, mode) do
    forms =
      case Code.string_to_quoted!(source, file: file) do
        {:__block__, _, forms} -> forms
        form -> [form]
      end

    env = Code.env_for_eval(file: file, tracers: [BeamwasmBuild.Tracer])
    {replay, _binding, _env} = Enum.reduce(forms, {[], [], env}, &form(&1, &2, mode))
    [{_, n}] = :ets.lookup(:beamwasm_build_state, :counter)
    :ets.insert(:beamwasm_build_state, {:counter, n + 1})
    name = :"beamwasm_script_#{n + 1}"

    module =
      quote do
        defmodule unquote(name) do
          @moduledoc false
          def run() do
            unquote({:__block__, [], Enum.reverse(replay) ++ [nil]})
          end
        end
      end

    quietly_compile(module, file)
    quote(do: unquote(name).run())
  end

  defp form({{:., _, [{:__aliases__, _, [:Code]}, :require_file]}, _, args} = form, {replay, binding, env}, mode) do
    values = Enum.map(args, &elem(Code.eval_quoted_with_env(&1, binding, env), 0))

    full =
      case values do
        [path] -> Path.expand(path)
        [path, nil] -> Path.expand(path)
        [path, dir] -> Path.expand(path, dir)
        _ -> fail(form, env, "Code.require_file/1,2 with these arguments")
      end

    [{_, required}] = :ets.lookup(:beamwasm_build_state, :required)

    if MapSet.member?(required, full) do
      {replay, binding, env}
    else
      call = process_file(full, mode)
      {[call | replay], binding, env}
    end
  end

  defp form({head, _, _} = form, {replay, binding, env}, _mode) when head in @definers do
    {registrations, printed, {_, binding, env}} = evaluate(form, binding, env)
    {Enum.reverse(registrations, output(printed) ++ replay), binding, env}
  end

  defp form({head, _, _} = form, {replay, binding, env}, _mode) when head in @lexical do
    {_, _, {_, binding, env}} = evaluate(form, binding, env)
    {[form | replay], binding, env}
  end

  defp form(form, {replay, binding, env}, :script) do
    if defines_module?(form) do
      fail(form, env, "a module defined inside an expression (it would be compiled when the expression runs); define it at the top level")
    end

    {[top_level(form) | replay], binding, env}
  end

  defp form(form, {replay, binding, env}, :test) do
    before = module_count()
    {registrations, printed, {_, binding, env}} = evaluate(form, binding, env)

    if module_count() != before do
      # The form defined modules as it ran: they are compiled, and the form cannot run
      # again in the program; what it printed is printed there.
      {Enum.reverse(registrations, output(printed) ++ replay), binding, env}
    else
      {Enum.reverse(registrations, [top_level(form) | replay]), binding, env}
    end
  end

  # What a module definition printed as it was compiled (code in the module's body), to be
  # printed at the same point of the program.
  defp output(""), do: []
  defp output(printed), do: [quote(do: IO.write(unquote(printed)))]

  # A top-level form runs inside a generated function, where __MODULE__ and __ENV__ would
  # name it: at a script's top level there is no module and no function. Quoted code is
  # left alone.
  defp top_level({:quote, _, _} = quoted), do: quoted
  defp top_level({:__MODULE__, _, ctx}) when is_atom(ctx), do: nil

  defp top_level({:__ENV__, _, ctx} = env) when is_atom(ctx) do
    quote(do: %{unquote(env) | module: nil, function: nil})
  end

  defp top_level({head, meta, args}) when is_list(args), do: {top_level(head), meta, Enum.map(args, &top_level/1)}
  defp top_level({head, meta, ctx}), do: {top_level(head), meta, ctx}
  defp top_level({left, right}), do: {top_level(left), top_level(right)}
  defp top_level(list) when is_list(list), do: Enum.map(list, &top_level/1)
  defp top_level(other), do: other

  defp defines_module?(form) do
    {_, found} =
      Macro.prewalk(form, false, fn
        {head, _, _} = node, _ when head in @definers -> {node, true}
        node, acc -> {node, acc}
      end)

    found
  end

  defp module_count, do: :ets.info(:beamwasm_build_modules, :size)

  # Evaluates a form with what it prints captured; returns the test modules it registered
  # with ExUnit.Server, as calls that register them again, and what it printed.
  defp evaluate(form, binding, env) do
    before = ex_unit_modules()
    {:ok, io} = StringIO.open("")
    leader = Process.group_leader()
    Process.group_leader(self(), io)

    result =
      try do
        Code.eval_quoted_with_env(form, binding, env)
      after
        Process.group_leader(self(), leader)
      end

    {:ok, {_, printed}} = StringIO.close(io)

    {async, sync} = ex_unit_modules()
    {async0, sync0} = before

    registrations =
      Enum.map(Enum.reverse(async -- async0), &quote(do: ExUnit.Server.add_async_module(unquote(&1)))) ++
        Enum.map(Enum.reverse(sync -- sync0), &quote(do: ExUnit.Server.add_sync_module(unquote(&1))))

    {registrations, printed, result}
  end

  defp ex_unit_modules do
    case Process.whereis(ExUnit.Server) do
      nil ->
        {[], []}

      _ ->
        state = :sys.get_state(ExUnit.Server)
        {state.async_modules, state.sync_modules}
    end
  end

  # Compiles generated code without its warnings: a replayed form may leave a variable
  # that only a module definition used.
  defp quietly_compile(quoted, file) do
    stderr = Process.whereis(:standard_error)
    {:ok, io} = StringIO.open("")
    Process.unregister(:standard_error)
    Process.register(io, :standard_error)

    try do
      Code.compile_quoted(quoted, file)
    after
      Process.unregister(:standard_error)
      Process.register(stderr, :standard_error)
      StringIO.close(io)
    end
  end

  defp fail(form, env, what) do
    line =
      case form do
        {_, meta, _} when is_list(meta) -> meta[:line] || 0
        _ -> 0
      end

    IO.puts(:stderr, "beamwasm: #{Path.relative_to_cwd(env.file)}:#{line}: #{what} is not supported")
    System.halt(1)
  end
end

BeamwasmBuild.main(System.argv())
