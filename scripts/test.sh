#!/usr/bin/env bash
# THE command that runs every test (README and .ci/run call it):
#
#   bash scripts/test.sh
#
# Installs what is missing (scripts/setup.sh, idempotent), then: formatting,
# clippy (native and the wasm32 layer), native `cargo test`, the release
# package (scripts/build.sh, with its size budget), its TypeScript
# declarations (tsc --noEmit), and the package in Node and in headless
# Chromium (node --test). Stops at the first failure with its exit code; the
# last lines are node --test's summary (`# pass N`, `# fail N`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
START=$SECONDS
TIMES=()

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) PATH="$CARGO_BIN:$PATH" ;; esac
export PATH
# Two cores: one cargo at a time, two jobs.
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

STAGE=""
STAGE_START=0
stage() {
    [ -n "$STAGE" ] && TIMES+=("$STAGE $((SECONDS - STAGE_START))s")
    STAGE="$1"
    STAGE_START=$SECONDS
    echo
    echo "=================================================================="
    echo "=== test: $1"
    echo "=================================================================="
}
trap 'rc=$?; [ $rc -ne 0 ] && echo "test: FAILED in stage \"$STAGE\" (exit $rc)" >&2' EXIT

stage "setup (idempotent installs)"
bash scripts/setup.sh

stage "cargo fmt --check"
cargo fmt --all -- --check

stage "cargo clippy (native, all targets)"
cargo clippy --all-targets -- -D warnings

stage "cargo clippy (wasm32: the package's JS layer)"
cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --features lab -- -D warnings

stage "cargo test"
cargo test

stage "the exact-rational check, 10,000 generated plans (tests/core/oracle.rs)"
EXACT_CASES=10000 cargo test --test core oracle::engine_figures_are_the_exact_rational_figures

stage "build the package (scripts/build.sh release)"
bash scripts/build.sh release

stage "the CLI the package is compared with (cargo build --bin incentive)"
cargo build --bin incentive
export INCENTIVE_BIN="$ROOT/target/debug/incentive"

stage "TypeScript declarations (tsc --noEmit -p tests/types)"
node_modules/.bin/tsc --version
node_modules/.bin/tsc --noEmit -p tests/types

stage "the package in Node and in headless Chromium (node --test)"
TIMES+=("total before node --test $((SECONDS - START))s")
echo "test: stage times: ${TIMES[*]}"
exec node --test tests/node/ tests/browser/
