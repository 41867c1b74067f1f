#!/usr/bin/env python3
"""CI timings, measured by the run itself (issue 26): .ci/run records each step's wall time in target/ci/steps.tsv
and calls this script

  timings.py tests STEP REPORTS_DIR SINCE_NS OUT_DIR      right after a Maven test step: the step's test counts and
                                                          per-class times from REPORTS_DIR/TEST-*.xml, before the
                                                          next step's Surefire run overwrites them
  timings.py render OUT_DIR                               at the end: OUT_DIR/timings.json and OUT_DIR/CI-TIMINGS.md

scripts/ci-timings-to-docs.sh copies CI-TIMINGS.md into docs/CI.md. Standard library only; a CI machine has python3
because moto_server, which the Glue scenarios need, is a Python program.
"""
import glob
import json
import os
import sys
import textwrap
import xml.etree.ElementTree as ET

SLOWEST = 8  # classes listed per test step
NBSP = "\u00a0"


def duration(seconds):
    """41 s, 8 min 15 s, 1 h 2 min 3 s: how the docs have always written a CI time."""
    s = int(round(seconds))
    if s < 60:
        return f"{s} s"
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return (f"{h} h " if h else "") + f"{m} min {sec} s"


def number(text):
    # Surefire writes times like "12.345"; some versions group thousands ("1,234.5").
    try:
        return float((text or "0").replace(",", ""))
    except ValueError:
        return 0.0


def summarise_tests(step, reports_dir, since_ns, out_dir):
    totals = {"tests": 0, "skipped": 0, "failed": 0, "errors": 0}
    classes = []
    # Only reports this step wrote: target/surefire-reports keeps every earlier run's files until overwritten.
    for path in sorted(glob.glob(os.path.join(reports_dir, "TEST-*.xml"))):
        if os.stat(path).st_mtime_ns < since_ns:   # Maven writes a report seconds after its step began
            continue
        try:
            suite = ET.parse(path).getroot()
        except ET.ParseError as e:
            print(f"ci: timings: {path} is not readable XML ({e}); left out", file=sys.stderr)
            continue
        if suite.tag != "testsuite":
            continue
        c = {"class": suite.get("name", os.path.basename(path)[5:-4]),
             "seconds": round(number(suite.get("time")), 1),
             "tests": int(number(suite.get("tests"))),
             "skipped": int(number(suite.get("skipped"))),
             "failed": int(number(suite.get("failures"))),
             "errors": int(number(suite.get("errors")))}
        classes.append(c)
        for k in totals:
            totals[k] += c[k]
    classes.sort(key=lambda c: -c["seconds"])
    summary = dict(totals, classes=classes)
    with open(os.path.join(out_dir, f"tests-{step}.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print(f"ci: {step}: {totals['tests']} tests, {totals['skipped']} skipped, {totals['failed']} failed, "
          f"{totals['errors']} errors in {len(classes)} classes")


def read_run(out_dir):
    run = {}
    with open(os.path.join(out_dir, "run.txt")) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                run[k] = v
    return run


def read_steps(out_dir):
    steps = []
    path = os.path.join(out_dir, "steps.tsv")
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 4:
                    continue
                step, label, t0, t1 = parts[:4]
                rec = {"step": step, "label": label, "seconds": max(0, int(t1) - int(t0)),
                       "ended": parts[4] if len(parts) > 4 else "done"}
                tests = os.path.join(out_dir, f"tests-{step}.json")
                if os.path.exists(tests):
                    with open(tests) as tf:
                        rec["tests"] = json.load(tf)
                steps.append(rec)
    return steps


def render(out_dir):
    run = read_run(out_dir)
    steps = read_steps(out_dir)
    start, end = int(run.get("start", 0)), int(run.get("end", run.get("start", 0)))
    timings = {
        "commit": run.get("commit", "unknown"),
        "worktree": run.get("worktree", "unknown"),
        "started_utc": run.get("started_utc", ""),
        "result": run.get("result", "unknown"),
        "total_seconds": max(0, end - start),
        "machine": {"cores": run.get("cores", ""), "load_average_at_start": run.get("load_start", ""),
                    "load_average_at_end": run.get("load_end", "")},
        "steps": steps,
    }
    with open(os.path.join(out_dir, "timings.json"), "w") as f:
        json.dump(timings, f, indent=1)
    with open(os.path.join(out_dir, "CI-TIMINGS.md"), "w") as f:
        f.write(markdown(timings))


def markdown(t):
    commit = (t["commit"] + (" (with uncommitted changes)" if t["worktree"] == "dirty" else "")).replace(" ", NBSP)
    passed = t["result"] == "passed"
    verdict = f"**{'passed' if passed else t['result']} in {duration(t['total_seconds'])}**".replace(" ", NBSP)
    stamp = (f"Measured by `bash .ci/run` at commit `{commit}`, started {t['started_utc']}: {verdict} "
             f"({t['machine']['cores']} cores; load average {t['machine']['load_average_at_start']} at the start, "
             f"{t['machine']['load_average_at_end']} at the end). Written by `.ci/run` into "
             f"`target/ci/CI-TIMINGS.md` and copied here by `scripts/ci-timings-to-docs.sh`; the raw figures are "
             f"in `target/ci/timings.json`.")
    # Commit and verdict are wrapped as one word each, so they stay whole, where ci-timings-to-docs.sh reads them.
    lines = [l.replace(NBSP, " ") for l in textwrap.wrap(stamp, 116, break_long_words=False,
                                                         break_on_hyphens=False)] + [
        "",
        "| step | wall time | tests | skipped | failed | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for s in t["steps"]:
        label = s["label"] + ("" if s["ended"] == "done" else f" ({s['ended']})")
        tc = s.get("tests")
        cells = [str(tc[k]) for k in ("tests", "skipped", "failed", "errors")] if tc else ["", "", "", ""]
        lines.append(f"| {label} | {duration(s['seconds'])} | " + " | ".join(cells) + " |")
    lines.append(f"| **whole run** | **{duration(t['total_seconds'])}** | | | | |")
    for s in t["steps"]:
        tc = s.get("tests")
        if not tc or not tc["classes"]:
            continue
        lines += ["", f"Slowest classes of the {s['label']}:", "", "| class | time | tests | skipped | failed | errors |",
                  "|---|---:|---:|---:|---:|---:|"]
        for c in tc["classes"][:SLOWEST]:
            name = c["class"].rsplit(".", 1)[-1]
            lines.append(f"| `{name}` | {duration(c['seconds'])} | {c['tests']} | {c['skipped']} | {c['failed']} "
                         f"| {c['errors']} |")
    return "\n".join(lines) + "\n"


def main(argv):
    if len(argv) == 6 and argv[1] == "tests":
        summarise_tests(argv[2], argv[3], int(argv[4]), argv[5])
    elif len(argv) == 3 and argv[1] == "render":
        render(argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
