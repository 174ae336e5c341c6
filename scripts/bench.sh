#!/usr/bin/env bash
# Runs every workload in bench/ on the real BEAM and on beamwasm's engines (wasmtime and Node;
# `--engine` narrows to one) in the same run, the sides interleaved run by run, and prints per
# workload the BEAM time, each engine's time and ratio, then each engine's geometric mean of
# the ratios. Checksums must match on every side. Options go to the runner, e.g.
#   scripts/bench.sh --runs 5 --only nbody --engine node
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
cargo build --release -q -p beamwasm-difftest
# A beamwasm that does not build yet must not stop the BEAM side: the runner reports it per row.
cargo build --release -q -p beamwasm-cli || echo "bench.sh: beamwasm did not build; its column will show the failure" >&2
# A generous limit per compile and run: the first wasmtime run of a large module compiles it
# (genserver_calls, the regex workloads); a later --timeout overrides it.
exec cargo run --release -q -p beamwasm-difftest --bin bench -- --timeout 900 "$@"
