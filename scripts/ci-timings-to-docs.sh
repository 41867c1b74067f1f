#!/usr/bin/env bash
# After `bash .ci/run`: copies the timings it measured (target/ci/CI-TIMINGS.md, stamped with the run's commit and
# date) into docs/CI.md, between <!-- ci-timings:begin --> and <!-- ci-timings:end -->, so nobody types a CI time
# by hand. Then review and commit docs/CI.md.
#
#   scripts/ci-timings-to-docs.sh [--allow-failed] [FILE]   # FILE defaults to target/ci/CI-TIMINGS.md
#
# A failed run's timings are refused unless --allow-failed: docs/CI.md holds the figures of a green run.
set -euo pipefail
cd "$(dirname "$0")/.."

allow_failed=
[ "${1:-}" = --allow-failed ] && { allow_failed=yes; shift; }
block=${1:-target/ci/CI-TIMINGS.md}
doc=docs/CI.md
begin='<!-- ci-timings:begin -->'
end='<!-- ci-timings:end -->'

[ -s "$block" ] || { echo "ci-timings-to-docs: $block not found or empty; run \`bash .ci/run\` first (it writes it)" >&2; exit 2; }
if [ "$(grep -c -x -F "$begin" "$doc" || true)" != 1 ] || [ "$(grep -c -x -F "$end" "$doc" || true)" != 1 ]; then
  echo "ci-timings-to-docs: $doc must hold the lines '$begin' and '$end' once each, on lines of their own" >&2
  exit 2
fi
verdict=$(head -n 3 "$block" | grep -o '\*\*[^*]*\*\*' | head -n 1 || true)   # .ci/timings.py keeps it on one line
if [ "${verdict#\*\*passed in }" = "$verdict" ] && [ -z "$allow_failed" ]; then
  echo "ci-timings-to-docs: $block is from a run that did not pass (${verdict:-no verdict found});" \
       "docs/CI.md keeps a green run's figures. Give --allow-failed to copy it anyway." >&2
  exit 1
fi

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
awk -v begin="$begin" -v end="$end" -v block="$block" '
  $0 == begin { print; while ((getline line < block) > 0) print line; skipping = 1; next }
  $0 == end   { skipping = 0 }
  !skipping
' "$doc" >"$tmp"
cat "$tmp" >"$doc"   # not mv: docs/CI.md keeps its mode
echo "ci-timings-to-docs: $doc now holds the run at $(head -n 3 "$block" | grep -o 'commit `[^`]*`' | head -n 1 || true) ($verdict):" \
     "review with \`git diff $doc\` and commit it"
