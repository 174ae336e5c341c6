#!/usr/bin/env bash
# The README's first command: install what is missing, build beamwasm, and run an
# Elixir example on the embedded engine (wasmtime, inside the beamwasm binary).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/bootstrap.sh
cargo build --release -q -p beamwasm-cli
exec target/release/beamwasm run --entry Hello.main examples/hello/hello.ex "$@"
