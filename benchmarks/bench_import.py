"""`make bench-import`: how long importing 10,000 people from CSV takes (target: under 60 s).

Writes a CSV of N made-up managers (every column filled, deterministic), then into a fresh SQLite
file and, when PostgreSQL answers, a fresh `cbc_bench_import` database: times the check (what the
preview does) and the import with invitations (what "Confirm import" does, mails kept in the
outbox), and a second check of the same file once everyone exists (all "unchanged").
Appends the results, with date and machine, to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import create_app, reference  # noqa: E402
from app.extensions import db  # noqa: E402
from app.transfer import services  # noqa: E402
from app.transfer.people_csv import COLUMNS  # noqa: E402
from app.transfer.spreadsheet import csv_text  # noqa: E402
from benchmarks.web_results import RESULTS, machine_description  # noqa: E402
from config import Config  # noqa: E402

SECTION = "## People import (bench_import.py)"
TARGET_SECONDS = 60.0
POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"
POSTGRES_DATABASE = "cbc_bench_import"
FIRST = [
    "Ana",
    "Jan",
    "Maria",
    "Luka",
    "Eva",
    "Marko",
    "Ines",
    "Tomas",
    "Sofia",
    "Peter",
    "Lea",
    "Nikos",
]
LAST = [
    "Kovač",
    "Novák",
    "Rossi",
    "Horvat",
    "Schmidt",
    "Silva",
    "Nowak",
    "Papadopoulos",
    "Berg",
    "Dubois",
]


class BenchConfig(Config):
    """Production-like settings, no mail server (invitations go to the outbox), no background embedding."""

    TESTING = False
    MAIL_SERVER = None
    EMBEDDING_BACKEND = "off"
    PUBLIC_URL = "http://127.0.0.1:5000"
    SERVER_NAME = None


def people_csv(count: int, seed: int = 11) -> bytes:
    """`count` people with every column filled, as a CSV file."""
    rng = random.Random(seed)
    countries = list(reference.eligible_countries())
    ecosystems = list(reference.ecosystems().values())
    rows = []
    for n in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        rows.append(
            [
                f"manager{n}@cluster{n % 997}.eu",
                name,
                f"Cluster organisation {n}",
                rng.choice(countries),
                "; ".join(rng.sample(ecosystems, rng.randint(1, 3))),
                rng.choice(list(reference.maturity_levels())),
                rng.choice(("participant", "alumni")),
                "Cluster manager",
                "Region",
                f"https://cluster{n}.eu",
                str(rng.randint(1990, 2024)),
                str(rng.randint(10, 400)),
                "A regional cluster of SMEs, universities and public bodies working together on innovation.",
                "Matchmaking events, EU project writing, internationalisation missions.",
                "Partners in other countries for joint projects and member exchanges.",
                "English",
                "community",
            ]
        )
    return csv_text(list(COLUMNS), rows).encode("utf-8")


def fresh_postgres_url() -> str | None:
    """Drop and create the bench database; None when PostgreSQL does not answer."""
    try:
        import psycopg

        with psycopg.connect(
            f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=3
        ) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {POSTGRES_DATABASE}")
    except Exception as error:  # noqa: BLE001 — any failure means "not available", reported below
        print(f"PostgreSQL not used: {error}", file=sys.stderr)
        return None
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{POSTGRES_DATABASE}"


def run(url: str, data: bytes) -> dict[str, float]:
    """Check, import and re-check the file on a fresh database; seconds for each step."""
    app = create_app(type("Bench", (BenchConfig,), {"SQLALCHEMY_DATABASE_URI": url}))
    times: dict[str, float] = {}
    with app.app_context(), app.test_request_context():
        db.create_all()
        started = time.perf_counter()
        result = services.check_people_file(data)
        times["check (preview)"] = time.perf_counter() - started
        assert result.count("new") == len(result.rows), "every row should be new"
        started = time.perf_counter()
        summary = services.import_people(result)
        db.session.commit()
        times["import with invitations"] = time.perf_counter() - started
        assert summary.created == len(result.rows)
        started = time.perf_counter()
        again = services.check_people_file(data)
        times["check again (all unchanged)"] = time.perf_counter() - started
        assert again.count("unchanged") == len(result.rows)
        db.session.remove()  # end the read transaction, or DROP waits for its locks
        db.drop_all()
        db.engine.dispose()
    return times


def main(argv: list[str] | None = None) -> int:
    """Run and record the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args(argv)
    data = people_csv(args.people)
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        backends = {"sqlite": f"sqlite:///{tmp}/import.db"}
        url = fresh_postgres_url()
        if url:
            backends["postgresql"] = url
        for name, backend_url in backends.items():
            results[name] = run(backend_url, data)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    steps = list(next(iter(results.values())))
    lines = [
        f"### {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"- Machine: {machine_description()}",
        f"- Data: {args.people:,} new people, every column filled ({len(data) / 1e6:.1f} MB CSV); "
        f"target: import under {TARGET_SECONDS:.0f} s. Peak memory of the process: {peak_mb:.0f} MB.",
        "",
        "| Step | " + " | ".join(f"{name} s" for name in results) + " |",
        "| --- | " + " | ".join("---" for _ in results) + " |",
    ]
    for step in steps:
        cells = []
        for name in results:
            seconds = results[name][step]
            miss = step.startswith("import") and seconds > TARGET_SECONDS
            cells.append(f"**{seconds:.1f} (miss)**" if miss else f"{seconds:.1f}")
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    report = "\n".join(lines)
    print(report)
    if not args.no_record:
        text = RESULTS.read_text(encoding="utf-8")
        if SECTION not in text:
            text = (
                text.rstrip("\n") + f"\n\n{SECTION}\n\nImporting people from CSV (app/transfer): "
            )
            text += (
                "the preview's check, the confirmed import with invitation mails (to the outbox), "
            )
            text += "and a second check once everyone exists.\n"
        start = text.index(SECTION)
        end = text.find("\n## ", start + len(SECTION))
        end = len(text) if end == -1 else end
        text = text[:end].rstrip("\n") + "\n\n" + report + "\n" + text[end:]
        RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
