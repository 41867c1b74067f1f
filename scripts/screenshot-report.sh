#!/usr/bin/env bash
# Renders a page of the lab report in headless Chromium and saves a PNG, to check that the report opens from
# disk and its inline SVG charts render. Needs chromium (Debian: apt-get install -y chromium).
#   scripts/screenshot-report.sh [page-id] [out.png]     default: keys-partitions -> target/cdc-lab-report/<id>.png
set -euo pipefail
cd "$(dirname "$0")/.."
page="${1:-keys-partitions}"
html="target/cdc-lab-report/${page}.html"
out="${2:-target/cdc-lab-report/${page}.png}"

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$browser" ]]; then
  echo "screenshot-report: no chromium on PATH (apt-get install -y chromium)" >&2
  exit 3
fi
if [[ ! -f "$html" ]]; then
  echo "screenshot-report: $html does not exist; run the tests that write it first" >&2
  exit 2
fi

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# A tall window: the page is long; --virtual-time-budget lets layout finish before the shot.
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-extensions \
  --no-first-run --user-data-dir="$profile" --hide-scrollbars --window-size=1200,${CDC_LAB_SHOT_HEIGHT:-6000} \
  --virtual-time-budget=2000 --screenshot="$(realpath -m "$out")" "file://$(realpath "$html")" >/dev/null 2>&1
test -s "$out" || { echo "screenshot-report: chromium wrote no $out" >&2; exit 4; }
echo "$out"
