#!/usr/bin/env bash
# Installs the tools this project needs on a fresh machine (Debian, root,
# Rust via rustup, Node + npm already present). Idempotent: each step checks
# what is installed at the right version and skips it when it matches.
#
#   bash scripts/setup.sh
#
# Steps (in this order, one at a time):
#   1. rustup target wasm32-unknown-unknown
#   2. Debian's chromium + chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)
#   3. wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock
#   4. wasm-pack (pinned below; set SETUP_WITHOUT_WASM_PACK=1 to skip it)
#   5. npm ci from package-lock.json (binaryen's wasm-opt, playwright-core, ...)
#
# Only package registries are reachable here: nothing downloads prebuilt
# binaries from elsewhere. Nothing is exported beyond this script's process.
set -euo pipefail

WASM_PACK_VERSION="0.15.1"
WASM_TARGET="wasm32-unknown-unknown"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# cargo installs: two jobs (2-core machines), never two installs at once.
export CARGO_BUILD_JOBS=2
export DEBIAN_FRONTEND=noninteractive
if ! command -v cargo >/dev/null 2>&1 && [ -f "$HOME/.cargo/env" ]; then
    # shellcheck disable=SC1091
    . "$HOME/.cargo/env"
fi
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) PATH="$CARGO_BIN:$PATH" ;; esac

for tool in rustup cargo node npm; do
    command -v "$tool" >/dev/null 2>&1 || { echo "setup: error: '$tool' not found on PATH" >&2; exit 1; }
done

# Serialise whole runs of this script (so two never run cargo install at once).
LOCK_FILE="${TMPDIR:-/tmp}/incentive-widget-setup.lock"
exec 9>"$LOCK_FILE"
if ! flock -n 9; then
    echo "setup: another setup run holds $LOCK_FILE; waiting for it ..."
    flock 9
fi

START_ALL=$SECONDS
INSTALLED=()
PRESENT=()

note_present() { echo "setup: $1 present"; PRESENT+=("$2"); }
# run_timed LABEL NAME CMD...: prints the install line, runs CMD, prints its time.
# HINT (optional, from the environment of the call) is added to the first line.
run_timed() {
    local label="$1" name="$2"; shift 2
    local t0=$SECONDS
    echo "setup: installing $label${HINT:+ ($HINT)} ..."
    "$@"
    echo "setup: installed $label in $((SECONDS - t0))s"
    INSTALLED+=("$name")
}

# first dotted version ("0.2.130") in a command's output; '' if it fails
version_of() { { "$@" 2>/dev/null || true; } | grep -oE '[0-9]+(\.[0-9]+){2,}' | head -n1 || true; }

# --- 1. wasm32 target ------------------------------------------------------
if rustup target list --installed | grep -qx "$WASM_TARGET"; then
    note_present "rust target $WASM_TARGET" "$WASM_TARGET"
else
    run_timed "rust target $WASM_TARGET" "$WASM_TARGET" rustup target add "$WASM_TARGET"
fi

# --- 2. Chromium + chromedriver from Debian ---------------------------------
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    note_present "chromium + chromedriver ($(version_of /usr/bin/chromium --version))" "chromium"
else
    install_chromium() {
        apt-get update
        apt-get install -y --no-install-recommends chromium chromium-driver
    }
    run_timed "chromium chromium-driver (apt)" "chromium" install_chromium
fi

# --- 3. wasm-bindgen-cli == Cargo.lock's wasm-bindgen -----------------------
WB_VERSION="$(awk '
    $0 == "name = \"wasm-bindgen\"" { found = 1; next }
    found && /^version = / { gsub(/"/, "", $3); print $3; exit }
    /^\[\[package\]\]/ { found = 0 }
' Cargo.lock)"
if [ -z "$WB_VERSION" ]; then
    echo "setup: error: no wasm-bindgen package in Cargo.lock" >&2
    exit 1
fi
if [ "$(version_of wasm-bindgen --version)" = "$WB_VERSION" ]; then
    note_present "wasm-bindgen $WB_VERSION" "wasm-bindgen"
else
    # No --locked: its lockfile pins a crate version the registry doesn't serve.
    HINT="cargo, 2-4 min" run_timed "wasm-bindgen-cli $WB_VERSION" "wasm-bindgen" \
        cargo install wasm-bindgen-cli --version "=$WB_VERSION"
    got="$(version_of wasm-bindgen --version)"
    if [ "$got" != "$WB_VERSION" ]; then
        echo "setup: error: 'wasm-bindgen' on PATH ($(command -v wasm-bindgen || echo none)) is '$got', want $WB_VERSION" >&2
        exit 1
    fi
fi

# --- 4. wasm-pack ------------------------------------------------------------
if [ "${SETUP_WITHOUT_WASM_PACK:-0}" = 1 ]; then
    echo "setup: wasm-pack skipped (SETUP_WITHOUT_WASM_PACK=1)"
elif [ "$(version_of wasm-pack --version)" = "$WASM_PACK_VERSION" ]; then
    note_present "wasm-pack $WASM_PACK_VERSION" "wasm-pack"
else
    HINT="cargo, 2-4 min" run_timed "wasm-pack $WASM_PACK_VERSION" "wasm-pack" \
        cargo install wasm-pack --locked --version "=$WASM_PACK_VERSION"
    got="$(version_of wasm-pack --version)"
    if [ "$got" != "$WASM_PACK_VERSION" ]; then
        echo "setup: error: 'wasm-pack' on PATH ($(command -v wasm-pack || echo none)) is '$got', want $WASM_PACK_VERSION" >&2
        exit 1
    fi
fi

# --- 5. Node packages ----------------------------------------------------------
# npm's hidden node_modules/.package-lock.json never equals package-lock.json
# byte for byte, so a stamp holds the hash of the lockfile last installed.
STAMP="node_modules/.setup-lock.sha256"
LOCK_HASH="$(sha256sum package-lock.json | cut -d' ' -f1) node-$(node --version)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$LOCK_HASH" ] && [ -x node_modules/.bin/wasm-opt ]; then
    note_present "node_modules (package-lock.json unchanged)" "node_modules"
else
    install_node_modules() {
        npm ci --no-audit --no-fund
        node_modules/.bin/wasm-opt --version >/dev/null
        echo "$LOCK_HASH" > "$STAMP"
    }
    run_timed "node packages (npm ci)" "node_modules" install_node_modules
fi

echo "setup: done in $((SECONDS - START_ALL))s; installed: ${INSTALLED[*]:-nothing}; present: ${PRESENT[*]:-nothing}"
