"""`make bench-web`: how fast the busiest pages answer with 10,000 managers and 20,000 challenges.

Seeds the demo community (app/demo) into a fresh SQLite file and, when PostgreSQL answers on
127.0.0.1:5432, into a fresh `cbc_bench` database; then times each page with the Flask test
client, logged in as the demo participant, and reports p50/p95 against a 50 ms p95 target.
The result is printed as a Markdown table and appended to docs/benchmarks.md.

Other areas add pages without editing this file: a module `benchmarks/web_scenarios_<area>.py`
exposing `SCENARIOS = [(name, path_or_callable)]` (a callable gets the logged-in client and
returns a response) and optionally `prepare(app)` (run once per database, inside an app context,
after seeding), `SECTION = "Title"` and `LOGIN_AS = "coach@demo.eu"` (whose client the module's
scenarios get; the demo participant by default).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask import g, has_app_context  # noqa: E402
from flask_login import FlaskLoginClient  # noqa: E402
from sqlalchemy import event, select, text  # noqa: E402

from app import create_app  # noqa: E402
from app.demo.seed import DEFAULT_SEED, seed_demo_community  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import User  # noqa: E402
from benchmarks.web_results import (  # noqa: E402
    HTMX,
    PARTICIPANT,
    Scenario,
    Timing,
    format_report,
    record,
)
from config import Config  # noqa: E402

POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"
POSTGRES_DATABASE = "cbc_bench"

#: Built-in pages, per section: (name, path or callable(client) → response).
SECTIONS: dict[str, list[tuple[str, str | Callable]]] = {
    "Directory": [
        ("no filter", "/profiles/"),
        ("country", "/profiles/?country=DE"),
        ("ecosystem", "/profiles/?ecosystem=energy-renewables"),
        ("maturity", "/profiles/?maturity=established"),
        ("edition", "/profiles/?edition=3"),
        ("role", "/profiles/?role=alumni"),
        ("text search", "/profiles/?q=hydrogen"),
        (
            "combined",
            "/profiles/?country=DE&ecosystem=energy-renewables&maturity=advanced&q=cluster",
        ),
        (
            "text search, htmx fragment",
            lambda client: client.get("/profiles/?q=membership", headers=HTMX),
        ),
        ("page 40", "/profiles/?page=40"),
    ],
    "Challenge list": [
        ("no filter", "/challenges/"),
        ("status + theme", "/challenges/?status=open&theme=green"),
        ("text search", "/challenges/?q=fee"),
        ("combined", "/challenges/?status=solved&theme=digital&ecosystem=digital&q=AI"),
        (
            "status + theme, htmx fragment",
            lambda client: client.get("/challenges/?status=open&theme=skills", headers=HTMX),
        ),
    ],
}


class BenchConfig(Config):
    """Production-like settings; no background embedding and no CSRF (the bench only GETs)."""

    # Served like production (not debug, not testing), so the start-up check wants these.
    SECRET_KEY = "bench-only-" + "0123456789abcdef" * 2
    PUBLIC_URL = "http://localhost"
    WTF_CSRF_ENABLED = False
    EMBEDDING_BACKEND = "off"
    REDIS_URL = None
    MAIL_SERVER = None


def load_extensions(directory: Path | None = None) -> list:
    """The `web_scenarios_*.py` modules other areas put next to this file."""
    modules = []
    for path in sorted((directory or Path(__file__).resolve().parent).glob("web_scenarios_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def all_scenarios(extensions: list) -> list[Scenario]:
    """Built-in scenarios followed by each extension's, in its own section."""
    scenarios = [
        Scenario(section, name, target)
        for section, pages in SECTIONS.items()
        for name, target in pages
    ]
    for module in extensions:
        section = getattr(module, "SECTION", module.__name__.removeprefix("web_scenarios_").title())
        login_as = getattr(module, "LOGIN_AS", PARTICIPANT)
        scenarios += [
            Scenario(section, name, target, login_as=login_as) for name, target in module.SCENARIOS
        ]
    return scenarios


def fresh_postgres_url() -> str | None:
    """Drop and create `cbc_bench`; None when PostgreSQL does not answer."""
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


def drop_postgres() -> None:
    """Remove the bench database again."""
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)")


def build_app(url: str, *, echo: bool = False):
    """The app on `url`, with its schema created."""
    config = type(
        "Bench", (BenchConfig,), {"SQLALCHEMY_DATABASE_URI": url, "SQLALCHEMY_ECHO": echo}
    )
    app = create_app(config)
    app.test_client_class = FlaskLoginClient
    with app.app_context():
        db.create_all()
    return app


def seed(app, *, profiles: int, challenges: int, extensions: list) -> float:
    """Seed the demo community and run the extensions' prepare hooks; returns the seconds it took."""
    started = time.perf_counter()
    with app.app_context():
        seed_demo_community(
            profiles=profiles, challenges=challenges, rng=random.Random(DEFAULT_SEED)
        )
        db.session.commit()
        for module in extensions:
            if hasattr(module, "prepare"):
                module.prepare(app)
                db.session.commit()
        if db.engine.dialect.name == "postgresql":
            # What autovacuum does on a live database: statistics (without them the planner
            # guesses row counts for freshly bulk-loaded tables) and the visibility map (without
            # it, counts cannot be answered from an index alone). VACUUM needs autocommit.
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
    return time.perf_counter() - started


def measure(app, scenarios: list[Scenario], *, backend: str, requests: int) -> list[Timing]:
    """Time every scenario `requests` times (after a short warm-up), logged in as its user."""
    with app.app_context():
        clients = {}
        statements: list[str] = []
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        timings = []
        for scenario in scenarios:
            if scenario.login_as not in clients:
                user = db.session.scalar(select(User).where(User.email == scenario.login_as))
                clients[scenario.login_as] = app.test_client(user=user)
            timing = time_scenario(
                clients[scenario.login_as],
                scenario,
                backend=backend,
                requests=requests,
                statements=statements,
            )
            timings.append(timing)
            print(
                f"  {backend:<10} {scenario.section} / {scenario.name}: p95 {timing.p95_ms:.1f} ms "
                f"(CPU {timing.cpu_p95_ms:.1f} ms), {timing.queries} queries",
                file=sys.stderr,
            )
        db.session.remove()
        db.engine.dispose()
    return timings


def time_scenario(
    client, scenario: Scenario, *, backend: str, requests: int, statements: list
) -> Timing:
    """Wall-clock and CPU time of one page; an exception counts as a failed page, not a crash."""
    try:
        for _ in range(3):
            send(client, scenario)
        wall, cpu, statuses = [], [], set()
        for _ in range(requests):
            statements.clear()
            started, started_cpu = time.perf_counter(), time.process_time()
            response = send(client, scenario)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            statuses.add(response.status_code)
    except Exception as error:  # noqa: BLE001 — reported in the table, the other pages still run
        print(f"  {backend:<10} {scenario.section} / {scenario.name}: {error!r}", file=sys.stderr)
        return Timing(scenario, backend, 0.0, 0.0, {f"error: {type(error).__name__}"}, 0)
    return Timing(
        scenario,
        backend,
        statistics.median(wall),
        _p95(wall),
        statuses,
        len(statements),
        cpu_p95_ms=_p95(cpu),
    )


def send(client, scenario: Scenario):
    """One request as the client's own login.

    Every request here shares measure()'s app context, and Flask-Login caches the logged-in user
    in that context's `g`: without forgetting it, the first client's user (the participant)
    answered every later request, and the coach's pages got 403.
    """
    if has_app_context():
        g.pop("_login_user", None)
    return scenario.request(client)


def _p95(samples: list[float]) -> float:
    return (
        statistics.quantiles(samples, n=20, method="inclusive")[18]
        if len(samples) > 1
        else samples[0]
    )


def parse_args(argv: list[str] | None):
    """Command-line options; the defaults are the recorded benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--challenges", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=100, help="timed requests per page")
    parser.add_argument("--backend", choices=("all", "sqlite", "postgresql"), default="all")
    parser.add_argument(
        "--no-record", action="store_true", help="print only; do not touch docs/benchmarks.md"
    )
    parser.add_argument(
        "--echo", action="store_true", help="log every SQL statement (to find a slow query)"
    )
    parser.add_argument(
        "--section", help="time only the sections whose title starts with this (e.g. 'JSON API')"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit code 1 when a page fails (a miss is reported, not an error)."""
    args = parse_args(argv)
    extensions = load_extensions()
    scenarios = all_scenarios(extensions)
    if args.section:
        scenarios = [s for s in scenarios if s.section.startswith(args.section)]
        if not scenarios:
            print(f"bench_web: no section starts with {args.section!r}", file=sys.stderr)
            return 2
    timings, databases = [], []
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        backends = {"sqlite": f"sqlite:///{tmp}/bench.db"}
        if args.backend in ("all", "postgresql"):
            url = fresh_postgres_url()
            if url:
                backends["postgresql"] = url
        if args.backend == "postgresql":
            backends.pop("sqlite")
        for name, url in backends.items():
            app = build_app(url, echo=args.echo)
            seconds = seed(
                app, profiles=args.profiles, challenges=args.challenges, extensions=extensions
            )
            databases.append(f"{name} {database_version(app)} (seeded in {seconds:.0f} s)")
            timings += measure(app, scenarios, backend=name, requests=args.requests)
        if "postgresql" in backends:
            drop_postgres()
    report = format_report(timings, list(backends), databases, args)
    print(report)
    if not args.no_record:
        record(report)
    return 0 if all(timing.statuses == {200} for timing in timings) else 1


def database_version(app) -> str:
    """The database server's version, for the results header."""
    with app.app_context():
        dialect = db.engine.dialect
        version = ".".join(map(str, dialect.server_version_info or ()))
        db.engine.dispose()
    return version


if __name__ == "__main__":
    raise SystemExit(main())
