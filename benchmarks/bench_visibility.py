"""The directory's visibility rule with unconfirmed accounts left out (issue 11), at 10,000 profiles.

Times the directory's first page and its count (app/profiles/queries.py) for a visitor, a member
and an admin, with the rule as it is (active *and* confirmed owners) and with the rule as it was
before confirmation existed (active owners only), on the same data. 1% of the accounts are
unconfirmed and 1% deactivated. Wall and CPU time (time.process_time) per call, median and p95.

    .venv/bin/python benchmarks/bench_visibility.py            # SQLite in a temporary file
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/cbc_x .venv/bin/python benchmarks/bench_visibility.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_login import AnonymousUserMixin  # noqa: E402
from sqlalchemy import insert, or_, select, true  # noqa: E402

from app import create_app, profile_visibility  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import Profile, User  # noqa: E402
from app.profiles.filters import DirectoryFilters  # noqa: E402
from app.profiles.queries import count_listed_profiles, search_directory  # noqa: E402
from config import TestConfig  # noqa: E402

PROFILES = 10_000
REPEAT = 30


def seed() -> dict[str, User]:
    """10,000 users with profiles; every 100th unconfirmed, every 100th (offset 50) deactivated."""
    now = datetime.now(UTC)
    users = [
        {
            "id": n,
            "email": f"person{n}@cluster.eu",
            "name": f"Person {n:05d}",
            "password_hash": "x",
            "role": "admin" if n == 1 else "participant",
            "is_active_account": n % 100 != 50,
            "created_at": now,
            "email_verified_at": None if n % 100 == 0 else now,
        }
        for n in range(1, PROFILES + 1)
    ]
    db.session.execute(insert(User), users)
    db.session.execute(
        insert(Profile),
        [
            {
                "id": n,
                "user_id": n,
                "country": "SI",
                "visibility": "community",
                "maturity": "developing",
                "created_at": now,
                "updated_at": now,
            }
            for n in range(1, PROFILES + 1)
        ],
    )
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(db.text("ANALYZE"))
        db.session.commit()
    return {"admin": db.session.get(User, 1), "member": db.session.get(User, 2)}


def rule_before_confirmation():
    """The owner-is-listed helper as it was: active accounts only (admins then saw every profile)."""
    unlisted = profile_visibility._UNLISTED
    return Profile.user_id.not_in(select(unlisted.id).where(unlisted.is_active_account.is_(False)))


def rule_with_one_subquery():
    """Active and confirmed in one NOT IN with an OR: the first try, slow on PostgreSQL."""
    unlisted = profile_visibility._UNLISTED
    return Profile.user_id.not_in(
        select(unlisted.id).where(
            or_(unlisted.is_active_account.is_(False), unlisted.email_verified_at.is_(None))
        )
    )


def measure(viewer, call) -> tuple[float, float, float, float]:
    wall, cpu = [], []
    for _ in range(REPEAT):
        w, c = time.perf_counter(), time.process_time()
        call(viewer)
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        db.session.rollback()
    p95 = int(REPEAT * 0.95) - 1
    return (
        statistics.median(wall),
        sorted(wall)[p95],
        statistics.median(cpu),
        sorted(cpu)[p95],
    )


def main() -> None:
    url = os.environ.get("DATABASE_URL")
    folder = tempfile.mkdtemp()
    uri = url or f"sqlite:///{folder}/bench.db"
    config = type("BenchConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": uri})
    app = create_app(config)
    calls = {
        "directory page 2": lambda v: search_directory(
            v, DirectoryFilters(), page=2, per_page=20
        ),  # page 2: the page query and the count both run
        "count": lambda v: count_listed_profiles(v),
    }
    with app.test_request_context():
        db.drop_all()
        db.create_all()
        viewers = {"visitor": AnonymousUserMixin(), **seed()}
        print(f"{db.engine.dialect.name}, {PROFILES} profiles, {REPEAT} calls each (ms)")
        print("rule | viewer | call | wall median | wall p95 | CPU median | CPU p95")
        current = profile_visibility._owner_is_listed, profile_visibility._owner_is_confirmed
        variants = (
            ("before", (rule_before_confirmation, true)),
            ("one OR subquery", (rule_with_one_subquery, current[1])),
            ("now", current),
        )
        for label, rules in variants:
            profile_visibility._owner_is_listed, profile_visibility._owner_is_confirmed = rules
            for who, viewer in viewers.items():
                for name, call in calls.items():
                    figures = " | ".join(f"{x:.1f}" for x in measure(viewer, call))
                    print(f"{label} | {who} | {name} | {figures}")
        profile_visibility._owner_is_listed, profile_visibility._owner_is_confirmed = current
        db.session.remove()
        db.drop_all()


if __name__ == "__main__":
    main()
