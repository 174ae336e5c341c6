#!/usr/bin/env bash
# Runs every workload in bench/ on the real BEAM and on beamwasm (wasmtime by default) in the
# same run, and prints per workload the BEAM time, the beamwasm time and their ratio, then the
# geometric mean of the ratios. Checksums must match. Options go to the runner, e.g.
#   scripts/bench.sh --runs 5 --only nbody --engine node
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
cargo build --release -q -p beamwasm-difftest
# A beamwasm that does not build yet must not stop the BEAM side: the runner reports it per row.
cargo build --release -q -p beamwasm-cli || echo "bench.sh: beamwasm did not build; its column will show the failure" >&2
exec cargo run --release -q -p beamwasm-difftest --bin bench -- "$@"
