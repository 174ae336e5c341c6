#!/usr/bin/env bash
# Regenerates crates/compiler/data/boot_atoms.txt: the atoms every `elixir -e` VM has before
# it runs a program (the VM's own atom table, atom.names, and the atoms of every module the
# boot loads and of the terms it builds), one per line, sorted. A whole-program build treats
# them as existing, so `*_to_existing_atom/1,2` and `binary_to_term(_, [safe])` find them as
# the VM does (docs/ARCHITECTURE.md, "Which atoms exist").
#
# What the boot loads depends a little on where it runs (the working directory, -pa), so the
# set is the intersection of boots from several places. Each boot lists its atom table by
# index (the external term format's internal atom tag) up to the first atom the -e
# expression itself makes.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/crates/compiler/data/boot_atoms.txt"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The marker comes first in the expression, so every atom before it existed at boot.
expr=':zz_beamwasm_boot_atoms_marker
n = :erlang.system_info(:atom_count)
all = for i <- 0..(n - 1), do: :erlang.binary_to_term(<<131, ?K, i::24>>)
idx = Enum.find_index(all, &(&1 == :zz_beamwasm_boot_atoms_marker))
names = Enum.map(Enum.take(all, idx), &Atom.to_string/1)
if Enum.any?(names, &String.contains?(&1, "\n")), do: raise("an atom name has a newline")
IO.write(Enum.map(names, &[&1, ?\n]))'

i=0
for dir in "$tmp" / "$root"; do
  for pa in "" "-pa $tmp"; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    (cd "$dir" && elixir $pa -e "$expr") | LC_ALL=C sort -u > "$tmp/boot.$i"
  done
done

LC_ALL=C sort -u "$tmp/boot.1" > "$tmp/all"
for f in "$tmp"/boot.*; do
  LC_ALL=C comm -12 "$tmp/all" "$f" > "$tmp/next"
  mv "$tmp/next" "$tmp/all"
done
mv "$tmp/all" "$out"
echo "boot-atoms.sh: $(wc -l < "$out") atoms -> $out"
