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
from app.models import Edition, EditionMember, Profile, User  # noqa: E402
from app.models.coaching import BreakoutRound, CoachingSession  # noqa: E402
from matching.groups.rounds import plan_sizes  # noqa: E402

SECTION = "Coaching (breakout builder)"
LOGIN_AS = "coach@demo.eu"  # bench_web hands our scenarios this coach's client
TARGET_SECONDS = 1.0
PARTICIPANTS = 40
ROUNDS = 3
GROUP_SIZE = 4
HTMX = {"HX-Request": "true"}
STATE_KEY = "bench_coaching"  # per-app state in app.extensions: bench_web runs one app per database


def prepare(app) -> None:
    """An edition with 40 seeded participants and the demo coach, a session, and a first set of rounds."""
    from app.editions.breakouts import builder

    users = db.session.scalars(
        select(User)
        .join(Profile)
        .where(User.role.in_(("participant", "alumni")))
        .order_by(User.id)
        .limit(PARTICIPANTS)
    ).all()
    coach = db.session.scalar(select(User).where(User.email == LOGIN_AS))
    edition = Edition(name="Bench Academy", place="Sofia")
    db.session.add(edition)
    db.session.flush()
    db.session.add_all(
        EditionMember(edition_id=edition.id, user_id=u.id, role="participant") for u in users
    )
    db.session.add(EditionMember(edition_id=edition.id, user_id=coach.id, role="coach"))
    session = CoachingSession(
        edition_id=edition.id,
        title="Online day 1",
        mode="online",
        starts_at=datetime(2026, 12, 1, 9),
    )
    db.session.add(session)
    db.session.flush()
    participant_ids = [u.id for u in users]
    # Rounds exist before any scenario runs, so "move a member" never depends on "generate".
    builder.generate(session, builder.BuilderSettings(participant_ids, GROUP_SIZE, ROUNDS))
    app.extensions[STATE_KEY] = {
        "session_id": session.id,
        "participant_ids": participant_ids,
        "moves": 0,
    }


def _state(client) -> dict:
    """This database's bench state (its app is the client's)."""
    return client.application.extensions[STATE_KEY]


def builder_form(participant_ids: list[int], seed: int = 0) -> dict:
    """The builder POST a coach sends: groups of 4, three rounds, default weights."""
    return {
        "participants": participant_ids,
        "group_size": GROUP_SIZE,
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


def open_builder(client):
    """GET the builder page."""
    return client.get(f"/editions/sessions/{_state(client)['session_id']}/breakouts")


def generate(client, seed: int = 0):
    """POST the builder (htmx): 40 participants, 3 rounds; answers with the rounds fragment."""
    state = _state(client)
    response = client.post(
        f"/editions/sessions/{state['session_id']}/breakouts",
        data=builder_form(state["participant_ids"], seed),
        headers=HTMX,
    )
    if response.status_code == 200:
        _check_groups(response.get_data(as_text=True), len(state["participant_ids"]))
    return response


def _check_groups(fragment: str, participants: int) -> None:
    """Raise unless the fragment shows every round's groups: a fast answer without them is no result."""
    shown = fragment.count('<section class="breakout-group')
    expected = ROUNDS * len(plan_sizes(participants, GROUP_SIZE))
    if shown != expected:
        raise RuntimeError(f"generate showed {shown} groups, expected {expected}")


def move(client):
    """Move a member between the first two groups of round 1 (htmx), alternating directions."""
    state = _state(client)
    db.session.expire_all()  # the requests share this app context's session; read fresh rows
    first = db.session.scalar(
        select(BreakoutRound)
        .where(BreakoutRound.session_id == state["session_id"])
        .order_by(BreakoutRound.number)
    )
    if first is None or len(first.groups) < 2:
        raise RuntimeError("no round with two groups to move between; did prepare() run?")
    source, target = first.groups[0], first.groups[1]
    if state["moves"] % 2:
        source, target = target, source
    if not source.members:
        source, target = target, source
    state["moves"] += 1
    return client.post(
        f"/editions/rounds/{first.id}/move",
        headers=HTMX,
        data={"user_id": source.members[-1].user_id, "group_id": target.id},
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
                "SECRET_KEY": "bench-only-" + "0123456789abcdef" * 2,
                "PUBLIC_URL": "http://localhost",
            },
        )
        app = create_app(config)
        app.test_client_class = FlaskLoginClient
        with app.app_context():
            db.create_all()
            seed_demo_community(profiles=300, challenges=200, rng=random.Random(1))
            prepare(app)
            db.session.commit()
            client = app.test_client(
                user=db.session.scalar(select(User).where(User.email == LOGIN_AS))
            )
            generates = [_timed(lambda seed=seed: generate(client, seed)) for seed in range(runs)]
            moves = [_timed(lambda: move(client)) for _ in range(runs)]
    median = statistics.median(wall for wall, _ in generates)
    # CPU seconds beside wall-clock ones: on a shared, busy machine the wall clock also counts waiting.
    print("| Scenario | runs | median s | max s | median CPU s | target s |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, samples in (
        (f"generate {PARTICIPANTS} participants × {ROUNDS} rounds (POST → fragment)", generates),
        ("move a member (POST → re-scored fragment)", moves),
    ):
        walls, cpus = [w for w, _ in samples], [c for _, c in samples]
        print(
            f"| {label} | {runs} | {statistics.median(walls):.3f} | {max(walls):.3f} "
            f"| {statistics.median(cpus):.3f} | {TARGET_SECONDS} |"
        )
    return 0 if median <= TARGET_SECONDS else 1


def _timed(request) -> tuple[float, float]:
    """(wall, CPU) seconds of one request, which must answer 200."""
    started, cpu_started = time.perf_counter(), time.process_time()
    response = request()
    timing = time.perf_counter() - started, time.process_time() - cpu_started
    assert response.status_code == 200, response.data[:500]
    return timing


if __name__ == "__main__":
    sys.exit(main())
