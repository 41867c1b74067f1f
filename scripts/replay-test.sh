#!/usr/bin/env bash
# Runs one test class N times in a row, each in a fresh JVM and topology, and stops at the first failure:
#   scripts/replay-test.sh 10 ChaosSoakScenariosTest [-Dmore=flags]
# Prints one line per run (result, seconds) and keeps each run's Maven log under target/replay/.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:?how many runs}; test=${2:?which test class}; shift 2
mkdir -p target/replay
start=$(date +%s)
for i in $(seq 1 "$runs"); do
  t0=$(date +%s)
  if mvn --batch-mode --no-transfer-progress test -Dtest="$test" "$@" > "target/replay/$test-$i.log" 2>&1; then
    echo "run $i/$runs: passed in $(( $(date +%s) - t0 )) s"
  else
    echo "run $i/$runs: FAILED in $(( $(date +%s) - t0 )) s; log target/replay/$test-$i.log"
    exit 1
  fi
done
echo "$runs of $runs passed in a row, $(( $(date +%s) - start )) s in all"
