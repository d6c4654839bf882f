"""Coaching pages for `make bench-web`, and the breakout builder's own check: 40 participants, 3 rounds.

As a `bench_web.py` extension it adds the builder page, the generate POST and a move, timed as a
coach. Run directly (`python benchmarks/web_scenarios_coaching.py`) it times the generate POST's
server round trip (request in → rounds fragment out, what the browser waits for after the click)
against the 1 s target on a fresh SQLite database with 40 participants, and prints a table.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from app.extensions import db  # noqa: E402
from app.models import Cohort, CohortMember, Profile, User  # noqa: E402
from app.models.coaching import CoachingSession  # noqa: E402

SECTION = "Coaching (breakout builder)"
TARGET_SECONDS = 1.0
PARTICIPANTS = 40
ROUNDS = 3
HTMX = {"HX-Request": "true"}
_state: dict = {}


def prepare(app) -> None:
    """An edition with 40 participants from the seeded community, a session, and the demo coach."""
    users = db.session.scalars(
        select(User)
        .join(Profile)
        .where(User.role.in_(("participant", "alumni")))
        .order_by(User.id)
        .limit(PARTICIPANTS)
    ).all()
    cohort = Cohort(name="Bench Academy", place="Sofia")
    db.session.add(cohort)
    db.session.flush()
    db.session.add_all(
        CohortMember(cohort_id=cohort.id, user_id=u.id, role="participant") for u in users
    )
    session = CoachingSession(
        cohort_id=cohort.id, title="Online day 1", mode="online", starts_at=datetime(2026, 12, 1, 9)
    )
    db.session.add(session)
    db.session.flush()
    coach = db.session.scalar(
        select(User).where(User.role.in_(("coach", "admin"))).order_by(User.id)
    )
    _state.update(session_id=session.id, coach_id=coach.id, participant_ids=[u.id for u in users])


def builder_form(participant_ids: list[int], seed: int = 0) -> dict:
    """The builder POST a coach sends: groups of 4, three rounds, default weights."""
    return {
        "participants": participant_ids,
        "group_size": 4,
        "rounds": ROUNDS,
        "topic": 1,
        "country": 1,
        "ecosystem": 1,
        "maturity": 1,
        "topic_mode": "cluster",
        "country_mode": "diversify",
        "ecosystem_mode": "diversify",
        "maturity_mode": "diversify",
        "seed": seed,
    }


def _coach_client(client):
    """A client logged in as the coach (bench_web hands us the participant's)."""
    if "client" not in _state:
        coach = db.session.get(User, _state["coach_id"])
        _state["client"] = client.application.test_client(user=coach)
    return _state["client"]


def open_builder(client):
    """GET the builder page."""
    return _coach_client(client).get(f"/editions/sessions/{_state['session_id']}/breakouts")


def generate(client):
    """POST the builder (htmx): 40 participants, 3 rounds; answers with the rounds fragment."""
    return _coach_client(client).post(
        f"/editions/sessions/{_state['session_id']}/breakouts",
        data=builder_form(_state["participant_ids"]),
        headers=HTMX,
    )


def move(client):
    """Move a member between two groups of round 1 (htmx): re-score and re-render."""
    session = db.session.get(CoachingSession, _state["session_id"])
    first = session.rounds[0]
    source, target = first.groups[0], first.groups[1]
    if not source.members:
        source, target = target, source
    return _coach_client(client).post(
        f"/editions/rounds/{first.id}/move",
        headers=HTMX,
        data={"user_id": source.members[0].user_id, "group_id": target.id},
    )


SCENARIOS = [
    ("builder page", open_builder),
    ("generate 40 × 3 rounds", generate),
    ("move a member", move),
]


def main(runs: int = 5) -> int:
    """Time the generate round trip on a fresh database; exit 1 when the median misses the target."""
    import random
    import tempfile

    from flask_login import FlaskLoginClient

    from app import create_app
    from app.demo.seed import seed_demo_community
    from config import Config

    with tempfile.TemporaryDirectory() as tmp:
        config = type(
            "Bench",
            (Config,),
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.db",
                "WTF_CSRF_ENABLED": False,
                "EMBEDDING_BACKEND": "off",
                "MAIL_SERVER": None,
                "SECRET_KEY": "bench",
            },
        )
        app = create_app(config)
        app.test_client_class = FlaskLoginClient
        with app.app_context():
            db.create_all()
            seed_demo_community(profiles=300, challenges=200, rng=random.Random(1))
            prepare(app)
            db.session.commit()
            client = app.test_client(user=db.session.get(User, _state["coach_id"]))
            _state["client"] = client
            samples, cpu = [], []
            for seed in range(runs):
                started, cpu_started = time.perf_counter(), time.process_time()
                response = client.post(
                    f"/editions/sessions/{_state['session_id']}/breakouts",
                    data=builder_form(_state["participant_ids"], seed),
                    headers=HTMX,
                )
                samples.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
                assert response.status_code == 200, response.data[:500]
            moves = []
            for _ in range(runs):
                started = time.perf_counter()
                assert move(client).status_code == 200
                moves.append(time.perf_counter() - started)
    median = statistics.median(samples)
    # CPU seconds beside wall-clock ones: on a shared, busy machine the wall clock also counts waiting.
    print("| Scenario | runs | median s | max s | median CPU s | target s |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(f"| generate {PARTICIPANTS} participants × {ROUNDS} rounds (POST → fragment) | {runs} | {median:.3f} "
          f"| {max(samples):.3f} | {statistics.median(cpu):.3f} | {TARGET_SECONDS} |")
    print(f"| move a member (POST → re-scored fragment) | {runs} | {statistics.median(moves):.3f} "
          f"| {max(moves):.3f} | – | {TARGET_SECONDS} |")
    return 0 if median <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
