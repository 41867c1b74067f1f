# Sourced by .ci/run: each step's wall time and, after each Maven test step, its test counts and per-class times,
# into target/ci/ (timings.json, CI-TIMINGS.md; scripts/ci-timings-to-docs.sh copies the latter into docs/CI.md).
# Nothing here may turn a green run red or change a red run's exit code: every function returns 0, and its work runs
# in a subshell with `set +eu`, whose failure prints one line and is ignored.
ci_timings_dir=target/ci
ci_step_id=
ci_step_label=
ci_step_t0=0
ci_step_t0ns=0

ci_timings_note() { echo "ci: timings: $* (ignored; the run goes on)" >&2; }

# The run's facts, once at the start: commit, date, machine.
ci_timings_begin() {
  ( set +eu
    rm -rf "$ci_timings_dir" && mkdir -p "$ci_timings_dir" || exit 1
    dirty=clean; [ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || dirty=dirty
    { echo "commit=$(git rev-parse --short=7 HEAD 2>/dev/null || echo unknown)"
      echo "worktree=$dirty"
      echo "start=$(date +%s)"
      echo "started_utc=$(date -u '+%Y-%m-%d %H:%M UTC')"
      echo "cores=$(nproc 2>/dev/null || echo '?')"
      echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
    } >"$ci_timings_dir/run.txt"
  ) || ci_timings_note "cannot write $ci_timings_dir/run.txt"
  return 0
}

ci_step_begin() {   # ID "label as the table shows it"
  ci_step_id=${1:-step} ci_step_label=${2:-${1:-step}}
  ci_step_t0=$(date +%s) || ci_step_t0=0
  ci_step_t0ns=$(date +%s%N) || ci_step_t0ns=0   # to tell this step's reports from earlier ones (same second too)
  return 0
}

ci_step_end() {     # [how it ended; "done" unless given]
  [ -n "$ci_step_id" ] || return 0
  ( set +eu
    printf '%s\t%s\t%s\t%s\t%s\n' "$ci_step_id" "$ci_step_label" "$ci_step_t0" "$(date +%s)" "${1:-done}" \
      >>"$ci_timings_dir/steps.tsv"
  ) || ci_timings_note "cannot record step $ci_step_id"
  ci_step_id=
  return 0
}

# Right after a Maven test step, before another one overwrites the reports: counts and per-class times of the
# reports this step wrote (those modified since the step began).
ci_step_tests() {   # REPORTS_DIR (default target/surefire-reports)
  [ -n "$ci_step_id" ] || return 0
  ( set +eu
    python3 .ci/timings.py tests "$ci_step_id" "${1:-target/surefire-reports}" "$ci_step_t0ns" "$ci_timings_dir"
  ) || ci_timings_note "cannot summarise the test reports of step $ci_step_id"
  return 0
}

# From the EXIT trap, with the run's exit status: a step still open failed (its reports are summarised too, to show
# which tests failed), then timings.json and CI-TIMINGS.md are written.
ci_timings_exit() {  # EXIT_STATUS
  local rc=${1:-0}
  if [ -n "$ci_step_id" ]; then
    if [ "$rc" != 0 ]; then
      case $ci_step_id in
        containers|embedded) ci_step_tests target/surefire-reports ;;
        team-project) ci_step_tests examples/team-project/target/surefire-reports ;;
        bench) ci_step_tests bench/target/surefire-reports ;;
      esac
    fi
    ci_step_end "failed, exit $rc"
  fi
  ( set +eu
    result=passed; [ "$rc" = 0 ] || result="failed (exit $rc)"
    { echo "end=$(date +%s)"
      echo "result=$result"
      echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
    } >>"$ci_timings_dir/run.txt"
    python3 .ci/timings.py render "$ci_timings_dir" &&
      echo "ci: timings in $ci_timings_dir/CI-TIMINGS.md (scripts/ci-timings-to-docs.sh copies them into docs/CI.md)"
  ) || ci_timings_note "cannot render $ci_timings_dir/CI-TIMINGS.md"
  return 0
}
