# Atoms: conversion, inspect quoting rules, aliases, booleans and nil.
defmodule AtomBasics do
  def main do
    atoms = [:ok, :"hello world", :"with-dash", :Foo, Foo, Foo.Bar, :"Elixir.Foo", nil, true, false,
             :+, :"9lives", :ünïcode, :"", :foo?, :bar!, :@, :"a@b", :&&]
    for a <- atoms do
      IO.puts("#{inspect(a)} #{Atom.to_string(a)} #{is_atom(a)} #{is_boolean(a)}")
    end
    IO.inspect(String.to_atom("dynamic_atom"))
    IO.inspect(String.to_existing_atom("ok"))
    IO.inspect(:erlang.atom_to_binary(:"Elixir.Enum"))
    IO.inspect(Atom.to_charlist(:abc))
    IO.inspect(:a < :b and :z > :a and :aa > :a)
  end
end
