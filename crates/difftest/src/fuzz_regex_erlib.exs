# The real-pattern corpus of the regex fuzzer (crates/difftest/src/fuzz_regex.rs, case kind
# `erl`): every call of re:compile/1,2, re:run/2,3, re:replace/3,4 and re:split/2,3 whose
# pattern is a literal, in the abstract code of the installed .beam files (the Erlang
# libraries under the OTP root: OTP's own applications and the Debian-packaged ones such as
# luerl, cowlib, mochiweb, idna, erlware_commons, neotoma, getopt; and Elixir's), with its
# literal options and replacement. Run on the VM:
#
#     elixir fuzz_regex_erlib.exs OUT_FILE
#
# OUT_FILE gets one line per distinct call, `E {Fun,Pattern,Options,Replacement,App}` as ~w
# writes it (options that are not literals are left out; a replacement that is not a
# literal is <<"[&]">>; App names where the call was found).
[out] = System.argv()

defmodule FuzzRegexErlib do
  @funs %{{:compile, 1} => 0, {:compile, 2} => 0, {:run, 2} => 1, {:run, 3} => 1,
          {:replace, 3} => 1, {:replace, 4} => 1, {:split, 2} => 1, {:split, 3} => 1}

  def beams do
    roots = [:code.root_dir() |> to_string() |> Path.join("lib"), :code.lib_dir(:elixir) |> to_string() |> Path.dirname()]
    roots |> Enum.flat_map(&Path.wildcard(Path.join(&1, "*/ebin/*.beam"))) |> Enum.sort()
  end

  def calls(file) do
    app = file |> Path.dirname() |> Path.dirname() |> Path.basename() |> String.replace(~r/-[0-9.]+$/, "")
    case :beam_lib.chunks(String.to_charlist(file), [:abstract_code]) do
      {:ok, {_, [abstract_code: {:raw_abstract_v1, forms}]}} -> walk(forms, app, [])
      _ -> []
    end
  rescue
    _ -> []
  end

  # A function's clauses are walked with the variables each clause binds to constants
  # (`Re = "...", re:run(S, Re)`), which Erlang's single assignment makes unambiguous.
  defp walk({:function, _, _, _, clauses}, app, acc) do
    Enum.reduce(clauses, acc, fn c, acc -> walk(c, app, acc, bindings(c)) end)
  end
  defp walk(t, app, acc) when is_tuple(t), do: walk(Tuple.to_list(t), app, acc)
  defp walk([h | t], app, acc), do: walk(t, app, walk(h, app, acc))
  defp walk(_, _, acc), do: acc

  defp walk({:call, _, {:remote, _, {:atom, _, :re}, {:atom, _, f}}, args} = node, app, acc, b) do
    acc = walk(Tuple.to_list(node) |> tl(), app, acc, b)
    case Map.fetch(@funs, {f, length(args)}) do
      {:ok, at} ->
        with {:ok, p} <- literal(Enum.at(args, at), b), true <- is_binary(p) or is_list(p) do
          opts = case f do
            :replace -> opts(Enum.at(args, 3), b)
            :compile -> opts(Enum.at(args, 1), b)
            _ -> opts(Enum.at(args, 2), b)
          end
          repl = if f == :replace, do: (case literal(Enum.at(args, 2), b) do {:ok, r} when is_binary(r) or is_list(r) -> r; _ -> "[&]" end), else: ""
          [{f, p, opts, repl, String.to_atom(app)} | acc]
        else
          _ -> acc
        end
      :error -> acc
    end
  end
  defp walk(t, app, acc, b) when is_tuple(t), do: walk(Tuple.to_list(t), app, acc, b)
  defp walk([h | t], app, acc, b), do: walk(t, app, walk(h, app, acc, b), b)
  defp walk(_, _, acc, _), do: acc

  # The variables a clause binds to constant expressions (twice over, for chains).
  defp bindings(clause) do
    matches = matches(clause, [])
    Enum.reduce(1..2, :erl_eval.new_bindings(), fn _, b ->
      Enum.reduce(matches, b, fn {v, e}, b ->
        case literal(e, b) do
          {:ok, val} -> :erl_eval.add_binding(v, val, b)
          :error -> b
        end
      end)
    end)
  end

  defp const?({t, _, _}) when t in [:integer, :char, :float, :string, :atom, :var], do: true
  defp const?({nil, _}), do: true
  defp const?({:cons, _, h, t}), do: const?(h) and const?(t)
  defp const?({:tuple, _, es}), do: Enum.all?(es, &const?/1)
  defp const?({:bin, _, es}), do: Enum.all?(es, &const?/1)
  defp const?({:bin_element, _, e, s, _}), do: const?(e) and (s == :default or const?(s))
  defp const?({:op, _, _, a}), do: const?(a)
  defp const?({:op, _, _, a, b}), do: const?(a) and const?(b)
  defp const?({:call, _, {:remote, _, {:atom, _, m}, {:atom, _, _}}, args}) when m in [:erlang, :lists], do: Enum.all?(args, &const?/1)
  defp const?(_), do: false

  defp matches({:match, _, {:var, _, v}, e}, acc), do: matches(e, [{v, e} | acc])
  defp matches(t, acc) when is_tuple(t), do: matches(Tuple.to_list(t), acc)
  defp matches([h | t], acc), do: matches(t, matches(h, acc))
  defp matches(_, acc), do: acc

  # A constant expression's value: literals, bound variables, and operators and a few pure
  # BIFs over them; anything else (a call, an unbound variable) is not a constant.
  @pure [:++, :--, :+, :-, :*, :iolist_to_binary, :list_to_binary, :binary_to_list, :atom_to_list, :integer_to_list]
  defp literal(nil, _), do: :error
  defp literal(expr, b) do
    true = const?(expr)
    nlf = fn
      {:erlang, f}, args when f in @pure -> apply(:erlang, f, args)
      {:lists, f}, args when f in [:flatten, :concat, :append] -> apply(:lists, f, args)
      _, _ -> throw(:not_constant)
    end
    lf = fn _, _ -> throw(:not_constant) end
    {:value, v, _} = :erl_eval.expr(expr, b, {:value, lf}, {:value, nlf})
    {:ok, v}
  rescue
    _ -> :error
  catch
    _ -> :error
  end

  # The literal elements of an options list.
  defp opts(nil, _), do: []
  defp opts({:cons, _, h, t}, b) do
    case literal(h, b) do
      {:ok, o} -> [o | opts(t, b)]
      :error -> opts(t, b)
    end
  end
  defp opts(expr, b) do
    case literal(expr, b) do
      {:ok, l} when is_list(l) -> l
      _ -> []
    end
  end
end

calls = FuzzRegexErlib.beams() |> Enum.flat_map(&FuzzRegexErlib.calls/1) |> Enum.uniq_by(fn {f, p, o, r, _} -> {f, p, o, r} end)
File.write!(out, for(c <- calls, do: ["E ", :io_lib.format("~w", [c]), "\n"]))
apps = calls |> Enum.map(&elem(&1, 4)) |> Enum.uniq()
IO.puts("#{length(calls)} literal re calls from #{length(apps)} applications")
