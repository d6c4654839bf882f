"""The web "Build schedule" for 112 participants and 16 slots, against the 2 s target (issue 13),
then (no target, recorded) the busiest participant's calendar feed and the six-month reminders.

Run: .venv/bin/python benchmarks/bench_web_meetings.py [--runs 5]
A fresh SQLite database with the demo community (300 profiles, random unit vectors standing in
for the model's so the matcher's suggestions are real work), a two-day event of 2 × 8 slots and
20 tables, 112 registered participants with 10 wishes each and a quarter away part of the time.
Times the htmx POST a coach sends (request in → grid fragment out) and prints a markdown table.
(Not a `web_scenarios_*` module: bench_web.py loads those as page scenarios of its own community.)
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from datetime import time as clock
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select  # noqa: E402

from app.extensions import db  # noqa: E402
from app.models import (  # noqa: E402
    MeetingParticipant,
    MeetingWish,
    Profile,
    StoredVector,
    User,
)
from matching.text.embedder import DIMENSIONS  # noqa: E402

TARGET_SECONDS = 2.0
PARTICIPANTS = 112
WISHES_EACH = 10
LOGIN_AS = "coach@demo.eu"
HTMX = {"HX-Request": "true"}


def prepare(rng: random.Random) -> int:
    """The event with its participants, availability and wishes; returns its id."""
    from app.meetings import services

    coach = db.session.scalar(select(User).where(User.email == LOGIN_AS))
    event = services.create_event(
        coach,
        days=[date(2027, 4, 6), date(2027, 4, 7)],
        window_start=clock(9, 0),
        window_end=clock(12, 0),
        breaks=[(clock(10, 20), clock(10, 40))],
        name="Bench matchmaking",
        place="Brussels",
        timezone="Europe/Brussels",
        open_to="anyone",
        slot_minutes=20,
        table_names="\n".join(f"Table {n}" for n in range(1, 21)),
        min_meetings=2,
        max_meetings=8,
        wish_cap=WISHES_EACH,
    )
    if len(event.slots) != 16:
        raise RuntimeError(f"expected 16 slots, got {len(event.slots)}")
    users = db.session.scalars(
        select(User.id).join(Profile).where(User.role.in_(("participant", "alumni")))
    ).all()
    chosen = rng.sample(list(users), PARTICIPANTS)
    slot_ids = [s.id for s in event.slots]
    rows = []
    for uid in chosen:
        free = None
        if rng.random() < 0.25:
            free = str(sorted(rng.sample(slot_ids, 10)))
        rows.append({"event_id": event.id, "user_id": uid, "available_json": free})
    db.session.execute(insert(MeetingParticipant), rows)
    wishes = [
        {
            "event_id": event.id,
            "requester_id": uid,
            "target_id": target,
            "choice": rng.choice(("must", "want", "want")),
            "answer": "pending",
            "decline_reason": "",
        }
        for uid in chosen
        for target in rng.sample([u for u in chosen if u != uid], WISHES_EACH)
    ]
    db.session.execute(insert(MeetingWish), wishes)
    return event.id


def fill_vectors(seed: int) -> None:
    """Random unit vectors for every profile, so suggestions rank by more than country."""
    generator = np.random.default_rng(seed)
    rows = []
    for profile_id in db.session.scalars(select(Profile.id)):
        for field in ("expertise", "needs", "about"):
            vector = generator.standard_normal(DIMENSIONS).astype(np.float32)
            vector /= np.linalg.norm(vector)
            rows.append(
                {
                    "owner_kind": "profile",
                    "owner_id": profile_id,
                    "field": field,
                    "vector": vector.tobytes(),
                    "stale": False,
                }
            )
    db.session.execute(insert(StoredVector), rows)


def main(runs: int) -> int:
    """Time "Build schedule" `runs` times; exit 1 when the slowest run misses the target."""
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
                "SECRET_KEY": "bench-" + "k" * 40,  # the production check refuses short keys
                "PUBLIC_URL": "http://localhost",
            },
        )
        app = create_app(config)
        app.test_client_class = FlaskLoginClient
        with app.app_context():
            db.create_all()
            seed_demo_community(profiles=300, challenges=200, rng=random.Random(1))
            fill_vectors(1)
            event_id = prepare(random.Random(2))
            db.session.commit()
            coach = db.session.scalar(select(User).where(User.email == LOGIN_AS))
            client = app.test_client(user=coach)
            samples = [_timed(client, event_id) for _ in range(runs)]
            after = _after_publishing(app, client, event_id, runs)
    walls, cpus = [w for w, _, _ in samples], [c for _, c, _ in samples]
    print("| Scenario | runs | median s | max s | median CPU s | meetings shown | target s |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print(
        f"| web Build schedule, {PARTICIPANTS} participants × 16 slots, {WISHES_EACH} wishes each "
        f"(POST → grid fragment) | {runs} | {statistics.median(walls):.3f} | {max(walls):.3f} "
        f"| {statistics.median(cpus):.3f} | {samples[-1][2]} | {TARGET_SECONDS} |"
    )
    for label, rows, shown in after:
        walls, cpus = [w for w, _ in rows], [c for _, c in rows]
        print(
            f"| {label} | {len(rows)} | {statistics.median(walls):.3f} | {max(walls):.3f} "
            f"| {statistics.median(cpus):.3f} | {shown} | none |"
        )
    return 0 if max(w for w, _, _ in samples) <= TARGET_SECONDS else 1


def _after_publishing(app, client, event_id: int, runs: int) -> list:
    """Publish, then time the busiest participant's calendar feed and the six-month reminders."""
    from collections import Counter
    from datetime import date as day

    from app.meetings.feed.services import new_feed_token
    from app.meetings.follow_up.services import send_meeting_reminders
    from app.models import Meeting

    client.post(f"/meetings/{event_id}/publish")
    meetings = db.session.scalars(select(Meeting).filter_by(event_id=event_id)).all()
    busiest, count = Counter(u for m in meetings for u in (m.a_id, m.b_id)).most_common(1)[0]
    token = new_feed_token(db.session.get(User, busiest))
    db.session.commit()
    anonymous = app.test_client()
    feed = []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = anonymous.get(f"/meetings/feed/{token}.ics")
        feed.append((time.perf_counter() - started, time.process_time() - cpu_started))
        if response.status_code != 200 or response.data.count(b"BEGIN:VEVENT") != count:
            raise RuntimeError(f"feed answered {response.status_code}")
    started, cpu_started = time.perf_counter(), time.process_time()
    sent = send_meeting_reminders(today=day(2027, 10, 7))
    reminders = [(time.perf_counter() - started, time.process_time() - cpu_started)]
    db.session.rollback()
    return [
        (f"calendar feed of the busiest participant (GET → .ics, {count} meetings)", feed, count),
        ("send-meeting-reminders at six months (notification + outbox mail each)", reminders, sent),
    ]


def _timed(client, event_id: int) -> tuple[float, float, int]:
    """(wall, CPU, meetings in the fragment) of one build, which must answer 200 with a grid."""
    started, cpu_started = time.perf_counter(), time.process_time()
    response = client.post(f"/meetings/{event_id}/build", headers=HTMX)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    text = response.get_data(as_text=True)
    if response.status_code != 200 or 'id="schedule-grid"' not in text:
        raise RuntimeError(f"build answered {response.status_code}: {text[:300]}")
    return wall, cpu, text.count('class="meeting"')


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    sys.exit(main(parser.parse_args().runs))
