# The atoms that exist before a program makes any, as *_to_existing_atom and
# binary_to_term(_, [safe]) see them: the VM's own (atom.names: "extra"), those of the
# modules a booted `elixir` has loaded, and every atom of every module of the program,
# including those only its unused functions and its literals mention.
defmodule ExistingAtomsBootedVm.Unused do
  def never_called, do: :an_atom_only_in_dead_code_xyz
  def called, do: :ok
end

defmodule ExistingAtomsBootedVm do
  @attr :only_in_an_attribute_literal_q
  def lit, do: [@attr]

  defp t(f) do
    f.() |> IO.inspect()
  rescue
    e -> IO.inspect(e)
  end

  def main do
    ExistingAtomsBootedVm.Unused.called()

    for s <- [
          "extra",
          "ok",
          "undefined",
          "Elixir.Kernel",
          "Elixir.Enum",
          "erl_eval",
          "an_atom_only_in_dead_code_xyz",
          "only_in_an_attribute_literal_q",
          "definitely_not_an_atom_123",
          "zz_beamwasm_boot_atoms_marker",
          "initial_call",
          "badopt",
          "format_bs_fail",
          "",
          "gen_server",
          "Elixir.ExistingAtomsBootedVm.Unused",
          "never_called",
          "-comprehension_filter/2-lc$^0/1-0-",
          "hello world not atom"
        ] do
      t(fn -> String.to_existing_atom(s) end)
      t(fn -> :erlang.list_to_existing_atom(String.to_charlist(s)) end)
      t(fn -> :erlang.binary_to_term(<<131, 119, byte_size(s)>> <> s, [:safe]) end)
    end
  end
end
