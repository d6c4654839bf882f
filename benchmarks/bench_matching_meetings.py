"""Benchmark the meeting scheduler: wish value against the exact optimum and a first-come
baseline, the minimum reached, and speed and peak memory at 1,000 participants.

Run: .venv/bin/python benchmarks/bench_matching_meetings.py   (about 1-2 minutes on 2 cores)
Only some parts: --part quality (repeatable; quality, scale, web).
Appends a dated markdown section to docs/benchmarks.md.

Targets (issue 13): wish value >= 0.99 of the optimum on 60 people x 12 slots; 1,000 people x
16 slots x 10 wishes each in under 10 s and under 1 GB peak resident memory; the web "Build
schedule" for 112 participants and 16 slots answers within 2 s.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.machine import machine  # noqa: E402
from benchmarks.meetings_instances import (  # noqa: E402
    exact_request_value,
    first_come_schedule,
    random_event,
)
from matching.meetings import schedule_meetings  # noqa: E402

SECTION = "## Matching: meeting-day schedules (bench_matching_meetings.py)"
QUALITY_TARGET = 0.99
SCALE_SECONDS, SCALE_MEGABYTES = 10.0, 1024


def quality(rows: list[str]) -> None:
    """Ours and first-come against the ILP optimum on 60 people x 12 slots, tight to loose."""
    rows += [
        "### Wish value against the exact optimum (60 people x 12 slots, 5 wishes each, "
        "max 6 meetings, min 2, a quarter away part of the day)",
        "",
        "| tables per slot | instances | optimum proven | ours / optimum (mean, min) "
        "| first-come / optimum (mean) | ours: people below min 2 (mean) | ours s (max) |",
        "|---|---|---|---|---|---|---|",
    ]
    worst = 1.0
    for tables in (4, 6, 10, 15, 20, 30):
        ours, first, below, proven, seconds = [], [], [], 0, []
        for seed in range(5):
            event = random_event(60, 12, wishes=5, tables=tables, seed=seed, met_pairs=20)
            started = time.perf_counter()
            result = schedule_meetings(event, random_state=seed)
            seconds.append(time.perf_counter() - started)
            optimum, exact = exact_request_value(event, time_limit=120)
            proven += exact
            ours.append(result.summary["request_value"] / optimum)
            first.append(first_come_schedule(event) / optimum)
            below.append(len(result.summary["below_minimum"]))
        worst = min(worst, min(ours))
        rows.append(
            f"| {tables} | 5 | {proven} of 5 | {np.mean(ours):.4f}, {np.min(ours):.4f} "
            f"| {np.mean(first):.4f} | {np.mean(below):.1f} | {max(seconds):.2f} |"
        )
    verdict = "met" if worst >= QUALITY_TARGET else "**missed**"
    rows += [
        "",
        f"Target: ours / optimum >= {QUALITY_TARGET} on every instance: {verdict} "
        f"(worst {worst:.4f}).",
        "",
    ]


def one_scale_run(people: int, slots: int, wishes: int, tables: int) -> dict:
    """Schedule one large day in this process and report time and peak memory."""
    event = random_event(people, slots, wishes=wishes, tables=tables, max_meetings=8, seed=1)
    started, cpu = time.perf_counter(), time.process_time()
    result = schedule_meetings(event, random_state=0)
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "value": result.summary["request_value"],
        "wished": result.summary["request_value_wished"],
        "first_come": first_come_schedule(event),
        "meetings": result.summary["meetings"],
        "below_minimum": len(result.summary["below_minimum"]),
        "requests": result.summary["requests"],
    }


def scale(rows: list[str]) -> None:
    """1,000 people x 16 slots x 10 wishes, each case in a fresh process for honest memory."""
    rows += [
        "### Speed and peak memory (fresh process per case; max 8 meetings, min 2)",
        "",
        "| people x slots x wishes | tables | wishes | meetings | wish value (first-come) "
        "| below min | seconds (CPU) | peak RSS MB | target |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for people, slots, wishes, tables in (
        (112, 16, 10, 40),
        (1000, 16, 10, 150),
        (1000, 16, 10, 400),
    ):
        command = [sys.executable, __file__, "--scale", f"{people},{slots},{wishes},{tables}"]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        run = json.loads(out)
        ok = run["seconds"] < SCALE_SECONDS and run["peak_mb"] < SCALE_MEGABYTES
        target = "met" if ok else "**missed**"
        if people < 1000:
            target = "n/a"
        rows.append(
            f"| {people} x {slots} x {wishes} | {tables} | {run['requests']} | {run['meetings']} "
            f"| {run['value']} of {run['wished']} ({run['first_come']}) | {run['below_minimum']} "
            f"| {run['seconds']:.2f} ({run['cpu_seconds']:.2f}) | {run['peak_mb']} | {target} |"
        )
    rows.append("")


def web(rows: list[str]) -> None:
    """The web "Build schedule" (benchmarks/bench_web_meetings.py), in a fresh process."""
    rows += ['### Web "Build schedule" (112 participants x 16 slots, target 2 s)', ""]
    command = [sys.executable, str(ROOT / "benchmarks" / "bench_web_meetings.py")]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    rows += [line for line in done.stdout.splitlines() if line.startswith("|")]
    verdict = "met (slowest run)" if done.returncode == 0 else "**missed** (slowest run)"
    rows += ["", f"Target: {verdict}.", ""]


PARTS = {"quality": quality, "scale": scale, "web": web}


def main(parts: list[str]) -> None:
    """Run the chosen parts, print the markdown and append it to docs/benchmarks.md."""
    started = time.perf_counter()
    only = "" if parts == list(PARTS) else f" Only: {', '.join(parts)}."
    rows = [SECTION, "", f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}.{only}", ""]
    print("\n".join(rows), flush=True)
    for name in parts:
        done = len(rows)
        PARTS[name](rows)
        print("\n".join(rows[done:]), flush=True)
    rows += [f"Total benchmark time {time.perf_counter() - started:.0f} s.", ""]
    print(rows[-2])
    with open(ROOT / "docs" / "benchmarks.md", "a", encoding="utf-8") as handle:
        handle.write("\n" + "\n".join(rows) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--part", action="append", choices=list(PARTS), help="run only this part (repeatable)"
    )
    parser.add_argument("--scale", metavar="N,S,W,T", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale:
        print(json.dumps(one_scale_run(*map(int, args.scale.split(",")))))
    else:
        main(args.part or list(PARTS))
