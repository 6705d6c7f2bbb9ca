#!/usr/bin/env bash
# Builds the WebAssembly package (pkg/) from a profile of wasm-pack.toml.
#
#   bash scripts/build.sh [PROFILE]      # PROFILE: release (default) | dev
#
# Steps: wasm-pack build (its own wasm-opt step off), binaryen's wasm-opt
# from node_modules/.bin, sizes (raw and gzipped) with the budget check; the
# same for the plan lab's package (pkg-lab/: profile lab, or dev-lab beside
# dev); then `node scripts/dist.mjs` when that script exists (dist/).
# Needs the tools of scripts/setup.sh; run that first on a fresh machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PROFILE="${1:-release}"
START=$SECONDS

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) PATH="$CARGO_BIN:$PATH" ;; esac
# Binaryen from node_modules first, in case anything looks for wasm-opt on PATH.
PATH="$ROOT/node_modules/.bin:$PATH"
export PATH

die() { echo "build: error: $*" >&2; exit 1; }
command -v wasm-pack >/dev/null 2>&1 || die "wasm-pack not found; run: bash scripts/setup.sh"
command -v python3 >/dev/null 2>&1 || die "python3 not found (it reads wasm-pack.toml)"

# wasm-pack.toml [profile.NAME] -> shell variables (every value shell-quoted).
CONFIG="$(python3 - "$PROFILE" <<'PY'
import re, shlex, sys, tomllib

name = sys.argv[1]
with open("wasm-pack.toml", "rb") as f:
    profiles = tomllib.load(f).get("profile", {})
if name not in profiles:
    sys.exit(f"build: error: wasm-pack.toml has no [profile.{name}] (have: {', '.join(profiles)})")
p = profiles[name]
known = {"target", "out_dir", "mode", "wasm_opt", "features", "size_budget_gzip_kb"}
unknown = sorted(set(p) - known)
if unknown:
    sys.exit(f"build: error: [profile.{name}]: unknown keys {unknown} (known: {sorted(known)})")

def need(cond, msg):
    if not cond:
        sys.exit(f"build: error: [profile.{name}] {msg}")

target = p.get("target", "web")
need(target in ("web", "bundler", "nodejs", "no-modules", "deno"), f"target = {target!r}: not a wasm-pack target")
out_dir = p.get("out_dir", "pkg")
need(isinstance(out_dir, str) and re.fullmatch(r"[A-Za-z0-9_./-]+", out_dir) and ".." not in out_dir,
     f"out_dir = {out_dir!r}: use a plain relative path")
mode = p.get("mode", "release")
need(isinstance(mode, str) and re.fullmatch(r"[a-z0-9_-]+", mode), f"mode = {mode!r}")
mode_flags = [f"--{mode}"] if mode in ("release", "dev", "profiling") else ["--profile", mode]
wasm_opt = p.get("wasm_opt", False)
need(wasm_opt is False or (isinstance(wasm_opt, str) and wasm_opt.strip()),
     "wasm_opt: give binaryen flags such as \"-Oz\", or false")
features = p.get("features", [])
need(isinstance(features, list) and all(isinstance(x, str) for x in features), "features: a list of strings")
budget = p.get("size_budget_gzip_kb", 0)
need(isinstance(budget, (int, float)) and budget >= 0, "size_budget_gzip_kb: a number of KiB")

cmd = ["wasm-pack", "build", ".", "--target", target, "--out-dir", out_dir, *mode_flags, "--no-opt"]
if features:
    cmd += ["--", "--features", ",".join(features)]
print(f"WASM_PACK_CMD=({' '.join(shlex.quote(c) for c in cmd)})")
print(f"OUT_DIR={shlex.quote(out_dir)}")
print(f"WASM_OPT_FLAGS=({' '.join(shlex.quote(x) for x in (wasm_opt.split() if wasm_opt else []))})")
print(f"BUDGET_BYTES={int(budget * 1024)}")
PY
)" || exit 1
eval "$CONFIG"

echo "build: profile $PROFILE: ${WASM_PACK_CMD[*]}"
"${WASM_PACK_CMD[@]}"

WASM="$OUT_DIR/incentive_widget_bg.wasm"
GLUE="$OUT_DIR/incentive_widget.js"
[ -f "$WASM" ] && [ -f "$GLUE" ] || die "wasm-pack did not write $WASM and $GLUE"

if [ "${#WASM_OPT_FLAGS[@]}" -gt 0 ]; then
    WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
    [ -x "$WASM_OPT" ] || die "$WASM_OPT not found; run: bash scripts/setup.sh (npm ci installs binaryen)"
    echo "build: wasm-opt ${WASM_OPT_FLAGS[*]} ($("$WASM_OPT" --version))"
    t0=$SECONDS
    "$WASM_OPT" "${WASM_OPT_FLAGS[@]}" "$WASM" -o "$WASM.opt"
    mv "$WASM.opt" "$WASM"
    echo "build: wasm-opt took $((SECONDS - t0))s"
fi

gz() { gzip -9 -c "$1" | wc -c; }
kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }
RAW=$(wc -c < "$WASM"); RAW_GZ=$(gz "$WASM")
GLUE_RAW=$(wc -c < "$GLUE"); GLUE_GZ=$(gz "$GLUE")
TOTAL_GZ=$((RAW_GZ + GLUE_GZ))
echo "build: $WASM: $RAW bytes ($(kib "$RAW")), gzipped $RAW_GZ bytes ($(kib "$RAW_GZ"))"
echo "build: $GLUE: $GLUE_RAW bytes, gzipped $GLUE_GZ bytes ($(kib "$GLUE_GZ"))"
if [ "$BUDGET_BYTES" -gt 0 ]; then
    echo "build: gzipped wasm + JS glue: $TOTAL_GZ bytes ($(kib "$TOTAL_GZ")); budget $(kib "$BUDGET_BYTES")"
    [ "$TOTAL_GZ" -le "$BUDGET_BYTES" ] || die "over the size budget of wasm-pack.toml [profile.$PROFILE]"
else
    echo "build: gzipped wasm + JS glue: $TOTAL_GZ bytes ($(kib "$TOTAL_GZ")); no budget"
fi

# The plan lab's package (pkg-lab/: the same engine with the Lab
# bindings, for <incentive-plan-lab> alone), then dist/ from both.
if [ -n "${BUILD_LAB_PACKAGE:-}" ]; then
    exit 0
fi
case "$PROFILE" in
    release) LAB_PROFILE=lab ;;
    dev) LAB_PROFILE=dev-lab ;;
    *) LAB_PROFILE="" ;;
esac
if [ -n "$LAB_PROFILE" ]; then
    echo "build: the plan lab's package (profile $LAB_PROFILE)"
    BUILD_LAB_PACKAGE=1 bash "$ROOT/scripts/build.sh" "$LAB_PROFILE"
fi

if [ -f scripts/dist.mjs ]; then
    echo "build: node scripts/dist.mjs"
    node scripts/dist.mjs
fi
echo "build: done in $((SECONDS - START))s"
