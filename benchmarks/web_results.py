"""What a web benchmark run measured, and how it is written to docs/benchmarks.md."""

from __future__ import annotations

import os
import platform
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.demo.seed import DEFAULT_SEED
from benchmarks.machine import cpu_model

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "benchmarks.md"
RESULTS_SECTION = "## Web pages (bench_web.py)"
TARGET_P95_MS = 50.0
HTMX = {"HX-Request": "true"}
PARTICIPANT = "participant@demo.eu"


@dataclass
class Scenario:
    """One page to time."""

    section: str
    name: str
    target: str | Callable
    login_as: str = PARTICIPANT  # the demo login whose client sends the request

    @property
    def label(self) -> str:
        """The URL, or a note that a callable builds the request."""
        return self.target if isinstance(self.target, str) else "(custom request)"

    def request(self, client):
        """Send the request once and return the response."""
        return client.get(self.target) if isinstance(self.target, str) else self.target(client)


@dataclass
class Timing:
    """p50/p95 of one scenario on one database, and the status codes seen."""

    scenario: Scenario
    backend: str
    p50_ms: float
    p95_ms: float
    statuses: set  # HTTP status codes seen, or an "error: …" note when the request raised
    queries: int  # SQL statements the last request ran
    cpu_p95_ms: float = 0.0  # this process's CPU time: what the page costs when the machine is busy

    @property
    def ok(self) -> bool:
        """Every response was 200 and p95 met the target."""
        return self.statuses == {200} and self.p95_ms <= TARGET_P95_MS


def markdown_table(timings: list[Timing], backends: list[str]) -> str:
    """One row per page, p50/p95 per database; misses and errors are marked."""
    header = (
        "| Section | Page | URL | "
        + " | ".join(f"{b} p50 ms | {b} p95 ms | {b} CPU p95 ms" for b in backends)
        + " | SQL queries |"
    )
    lines = [header, "|" + " --- |" * (4 + 3 * len(backends))]
    by_page: dict[tuple[str, str], dict[str, Timing]] = {}
    for timing in timings:
        by_page.setdefault((timing.scenario.section, timing.scenario.name), {})[timing.backend] = (
            timing
        )
    for (section, name), per_backend in by_page.items():
        label = next(iter(per_backend.values())).scenario.label
        cells = []
        for backend in backends:
            timing = per_backend.get(backend)
            cells += _cells(timing) if timing else ["–", "–", "–"]
        queries = "/".join(str(t.queries) for t in per_backend.values())
        lines.append(f"| {section} | {name} | `{label}` | " + " | ".join(cells) + f" | {queries} |")
    return "\n".join(lines)


def _cells(timing: Timing) -> list[str]:
    p95 = f"{timing.p95_ms:.1f}"
    if timing.statuses != {200}:
        p95 += f" ({', '.join(map(str, sorted(timing.statuses, key=str)))})"
    elif timing.p95_ms > TARGET_P95_MS:
        p95 = f"**{p95} (miss)**"
    return [f"{timing.p50_ms:.1f}", p95, f"{timing.cpu_p95_ms:.1f}"]


def machine_description() -> str:
    """Architecture, CPU count and model, for the results header."""
    model = cpu_model()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{platform.machine()}, {os.cpu_count()} CPUs, {model}, Python {platform.python_version()}; "
        f"load average at the end of the run {load}"
    )


def record(report: str) -> None:
    """Append the report at the end of the web-pages section of docs/benchmarks.md."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmarks\n"
    if RESULTS_SECTION not in text:
        text = text.rstrip("\n") + f"\n\n{RESULTS_SECTION}\n"
    start = text.index(RESULTS_SECTION) + len(RESULTS_SECTION)
    end = text.find("\n## ", start)
    end = len(text) if end == -1 else end
    text = text[:end].rstrip("\n") + "\n\n" + report.strip("\n") + "\n" + text[end:]
    RESULTS.write_text(text, encoding="utf-8")


def summarise(timings: list[Timing]) -> str:
    """One line: how many (page, database) pairs met the target, and which pages failed outright."""
    met = sum(timing.ok for timing in timings)
    failed = [
        f"{t.scenario.section} / {t.scenario.name} on {t.backend} "
        f"({', '.join(map(str, sorted(t.statuses, key=str)))})"
        for t in timings
        if t.statuses != {200}
    ]
    line = f"Met the target: {met} of {len(timings)} (page, database) pairs."
    return line + (" Failed: " + "; ".join(failed) + "." if failed else "")


def format_report(timings: list[Timing], backends: list[str], databases: list[str], args) -> str:
    """The dated report: machine, databases, data size, the table and a one-line verdict."""
    verdict = summarise(timings)
    return "\n".join(
        [
            f"### {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            "",
            f"- Machine: {machine_description()}",
            f"- Databases: {'; '.join(databases)}",
            f"- Data: {args.profiles:,} profiles, {args.challenges:,} challenges (demo seed {DEFAULT_SEED}); "
            f"{args.requests} timed requests per page with the Flask test client, logged in as {PARTICIPANT} unless a section says otherwise; "
            f"target p95 ≤ {TARGET_P95_MS:.0f} ms.",
            "- CPU p95 is this process's CPU time per request: wall-clock time also counts waiting "
            "for a CPU on a busy machine; for PostgreSQL it leaves out the server's own work.",
            "",
            markdown_table(timings, backends),
            "",
            verdict,
        ]
    )
