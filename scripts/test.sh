#!/usr/bin/env bash
# The full test run (the README's test command):
#   1. scripts/bootstrap.sh         installs Erlang/OTP, Elixir and Node when missing
#   2. cargo build --release        the beamwasm binary the differential suite runs
#   3. cargo test --release         every crate's unit and integration tests
#   4. the differential suite       every tests/conformance program on the real VM and on
#                                   beamwasm (wasmtime engine), stdout and exit status compared
# Steps 3 and 4 both run even when one fails; the script exits non-zero if either failed.
# Extra arguments go to the differential suite, e.g. `scripts/test.sh --only elixir/maps`.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

step() { printf '\n=== %s\n' "$*" >&2; }
failed=()

step "bootstrap"
scripts/bootstrap.sh

step "cargo build --release"
cargo build --release

step "cargo test --release --workspace --no-fail-fast"
cargo test --release --workspace --no-fail-fast || failed+=("cargo test")

step "differential suite (engine: wasmtime)"
cargo run --release -q -p beamwasm-difftest -- --engine wasmtime "$@" || failed+=("differential suite (wasmtime)")

if [ ${#failed[@]} -gt 0 ]; then
    printf '\ntest.sh: FAILED: %s\n' "${failed[*]}" >&2
    exit 1
fi
printf '\ntest.sh: all steps passed\n' >&2
