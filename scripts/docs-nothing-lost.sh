#!/usr/bin/env bash
# Did moving the README's text into docs/ lose any of it? Takes an old revision's README.md and prints every
# non-blank line of it (prose, list items, table rows, code; not headings, not code fences) that appears nowhere in
# README.md, docs/*.md or ARCHITECTURE.md of the working tree. Whitespace is normalised and the new text is read as
# one stream, so a moved line still counts when it was re-wrapped or re-indented (a list item that became prose).
#
#   scripts/docs-nothing-lost.sh [REV]      # REV defaults to 0110659, the README before it was split (issue 26)
#
# Lines rewritten on purpose (a link that now points elsewhere, a sentence whose figures moved to docs/CI.md) are
# listed in scripts/docs-nothing-lost.rewritten ("#" comments), each followed by a line "  -> where it went"; they are
# printed apart and do not count as missing. Exit 0 when nothing is missing, 1 otherwise, 2 for bad input.
set -euo pipefail
cd "$(dirname "$0")/.."

rev=${1:-0110659}
rewritten=scripts/docs-nothing-lost.rewritten
old=$(mktemp) || exit 2
trap 'rm -f "$old"' EXIT
if ! git show "$rev:README.md" >"$old" 2>/dev/null; then
  echo "docs-nothing-lost: no README.md at revision '$rev' (give a commit that has one, e.g. 0110659)" >&2
  exit 2
fi
targets=(README.md ARCHITECTURE.md docs/*.md)
[ -f "$rewritten" ] || rewritten=/dev/null

# awk, not python: runs wherever bash does. Pass 1 reads the rewrites list, pass 2 the new text as one normalised
# stream, pass 3 the old README line by line (fences tracked, so a "# comment" inside a code block is code).
awk -v nold="$old" '
  function norm(s) { gsub(/[ \t\r]+/, " ", s); sub(/^ /, "", s); sub(/ $/, "", s); return s }
  FILENAME == ARGV[1] { if ($0 !~ /^(  -> |#)/) { r = norm($0); if (r != "") rewrite[r] = 1 }; next }
  FILENAME != nold    { s = norm($0); if (s != "") text = text " " s; next }
  {
    line = $0
    if (line ~ /^[ \t]*(```|~~~)/) { fenced = !fenced; next }
    s = norm(line)
    if (s == "") next
    if (!fenced && s ~ /^#+ /) next
    checked++
    if (index(text, s)) next
    if (s in rewrite) { rewrote[++nr] = FNR ": " s; next }
    missing[++nm] = FNR ": " s
  }
  END {
    for (i = 1; i <= nr; i++) print "rewritten on purpose (scripts/docs-nothing-lost.rewritten): " rewrote[i]
    for (i = 1; i <= nm; i++) print "missing: " missing[i]
    printf "docs-nothing-lost: %d lines of the old README checked, %d missing, %d rewritten on purpose\n", checked, nm, nr
    exit (nm > 0)
  }
' "$rewritten" "${targets[@]}" "$old"
