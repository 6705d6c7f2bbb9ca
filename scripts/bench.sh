#!/usr/bin/env bash
# The benchmarks of docs/BENCHMARKS.md, by one command:
#
#   bash scripts/bench.sh              # the plan lab (bench/lab.mjs), then the browser benchmark + native memory + sizes + criterion figures
#   bash scripts/bench.sh --quick      # one rep only (no 100,000-deal company: ~1 min)
#   bash scripts/bench.sh --profile    # also CPU profiles (Chrome over CDP, native perf) and wasm size by crate
#   bash scripts/bench.sh --only-profile
#   bash scripts/bench.sh --criterion  # first run `BENCH_QUICK=1 cargo bench --bench engine` (native)
#
# Needs: target/release/incentive (cargo build --release), pkg/ and
# dist/incentive-widget/ (bash scripts/build.sh release), node_modules
# (npm ci: playwright-core, decimal.js, binaryen), /usr/bin/chromium.
# Builds nothing while another cargo process runs. Talks only to 127.0.0.1.
# Writes bench/data/ (gitignored): workloads, results.json, results.md,
# profiles/. Exits non-zero on any failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) PATH="$CARGO_BIN:$PATH" ;; esac
export PATH

die() { echo "bench: error: $*" >&2; exit 1; }

ARGS=()
CRITERION=0
for a in "$@"; do
    case "$a" in
        --criterion) CRITERION=1 ;;
        --quick|--profile|--only-profile) ARGS+=("$a") ;;
        --timeout=*) ARGS+=(--timeout "${a#--timeout=}") ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) die "unknown option $a (see --help)" ;;
    esac
done

command -v node >/dev/null 2>&1 || die "node not found"
[ -x /usr/bin/chromium ] || [ -n "${CHROMIUM:-}" ] || die "/usr/bin/chromium not found (apt-get install chromium)"
[ -d node_modules/playwright-core ] && [ -d node_modules/decimal.js ] || die "node_modules incomplete: run npm ci"

cargo_busy() { pgrep -x cargo >/dev/null 2>&1; }

if [ ! -x target/release/incentive ]; then
    cargo_busy && die "target/release/incentive is missing and another cargo process is running; retry when it is done"
    echo "bench: cargo build --release (the CLI generates the workloads)" >&2
    cargo build --release --bin incentive
fi
if [ ! -f pkg/incentive_widget_bg.wasm ] || [ ! -f dist/incentive-widget/incentive-widget.js ]; then
    cargo_busy && die "pkg/ or dist/ is missing and another cargo process is running; retry when it is done"
    echo "bench: bash scripts/build.sh release" >&2
    bash scripts/build.sh release
fi
if [ "$CRITERION" = 1 ]; then
    cargo_busy && die "--criterion: another cargo process is running; retry when it is done"
    echo "bench: BENCH_QUICK=1 cargo bench --bench engine" >&2
    BENCH_QUICK=1 cargo bench --bench engine >&2
fi

# The plan lab's benchmark first (bench/lab.mjs: its own table), then the rest.
LAB_ARGS=()
for a in "${ARGS[@]}"; do [ "$a" = --quick ] && LAB_ARGS+=(--quick); done
case " ${ARGS[*]} " in
    *" --only-profile "*) ;;
    *) node bench/lab.mjs "${LAB_ARGS[@]}" ;;
esac
exec node bench/run.mjs "${ARGS[@]}"
