#!/usr/bin/env bash
# Builds everything and serves the demo on localhost, printing its address.
#
#   bash scripts/demo.sh            # http://127.0.0.1:8080/ (or $PORT)
#
# Installs what is missing (scripts/setup.sh), builds the release package
# (scripts/build.sh, which also assembles dist/ once the widget's
# scripts/dist.mjs exists), then serves dist/ when there is one, else the
# repository root with the package demo www/pkg-demo.html. The server sends
# the strict Content-Security-Policy the embed must work under.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PORT="${PORT:-8080}"

echo "=== demo: setup ==="
bash scripts/setup.sh
echo "=== demo: build ==="
bash scripts/build.sh release

if [ -f dist/index.html ]; then
    SERVE_ROOT="dist"; PAGE=""
else
    SERVE_ROOT="."; PAGE="www/pkg-demo.html"
fi
echo "=== demo: serve $SERVE_ROOT ==="
exec node scripts/serve.mjs --root "$SERVE_ROOT" --port "$PORT" --page "$PAGE" --csp
