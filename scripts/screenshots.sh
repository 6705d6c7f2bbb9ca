#!/usr/bin/env bash
# Refreshes the screenshots in docs/screenshots/ (the README's and
# docs/WIDGET.md's): the three personas light and dark, the what-if panel,
# a hunter's lines, when it is paid, total pay, the pipeline panel, the team view, and the demo at 1440, 1100 and 390 px. The test run
# itself writes its screenshots to target/screenshots/ (ignored), so a
# clean clone stays clean after `bash scripts/test.sh`.
#
#   bash scripts/screenshots.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[ -f dist/incentive-widget/incentive-widget.js ] || bash scripts/build.sh release
export SCREENSHOTS_DIR="$ROOT/docs/screenshots"
node --test --test-name-pattern='screenshot' tests/browser/widget.test.mjs tests/browser/whatif.test.mjs tests/browser/newcomer.test.mjs tests/browser/payouts.test.mjs tests/browser/totalpay.test.mjs tests/browser/pipeline.test.mjs tests/browser/team.test.mjs
ls -l docs/screenshots
