"""Demo data for the editions area, added after `flask seed-demo`.

The live edition (app/demo/live_edition.py, where the demo participant and the demo coach are)
gets the sessions of app/demo/data/live_edition.json: a kick-off held 12 days ago with one
published round of breakout groups, and the online and in-person days ahead; and its homework,
one due within the week (about half handed in) and one later. Dates count from the day of
seeding, which is the edition's first online day minus its offset in the file.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from app.demo.live_edition import LIVE
from app.editions.breakouts import builder
from app.extensions import db
from app.models import Edition, EditionMember, User, utcnow
from app.models.coaching import (
    BreakoutGroup,
    BreakoutMember,
    BreakoutRound,
    CoachingSession,
    Homework,
    HomeworkSubmission,
)
from app.signals import demo_seeded
from app.text import render_markdown

GROUP_SIZE = 4


def add_demo_coaching(app, *, rng: random.Random | None = None, **_) -> None:
    """Sessions, a published breakout round and homework for the live edition."""
    rng = rng or random.Random(0)
    edition = db.session.scalar(select(Edition).where(Edition.name == LIVE["name"]))
    if edition is None or edition.online_start is None:
        return
    today = edition.online_start - timedelta(days=LIVE["online_in_days"][0])
    coach = db.session.scalar(select(User).where(User.email == "coach@demo.eu"))
    participants = _participants(edition)
    for spec in LIVE["sessions"]:
        session = CoachingSession(
            edition_id=edition.id,
            title=spec["title"],
            mode=spec["mode"],
            starts_at=datetime.combine(today + timedelta(days=spec["in_days"]), time(spec["hour"])),
            duration_minutes=spec["minutes"],
        )
        db.session.add(session)
        if spec.get("round") and participants:
            _published_round(session, participants, coach)
    for spec in LIVE["homework"]:
        _homework(rng, edition, spec, participants, today)
    db.session.flush()


def _participants(edition: Edition) -> list[User]:
    """The edition's participants, in country order (so dealing them round-robin mixes countries)."""
    users = db.session.scalars(
        select(User)
        .join(EditionMember)
        .where(EditionMember.edition_id == edition.id, EditionMember.role == "participant")
    )
    return sorted(users, key=lambda u: (u.profile.country if u.profile else "", u.id))


def _published_round(
    session: CoachingSession, participants: list[User], coach: User | None
) -> None:
    """One round of groups of about four, dealt round-robin, scored by the matcher, published."""
    count = max(len(participants) // GROUP_SIZE, 1)
    groups = [BreakoutGroup(position=g, coach_id=coach.id if coach else None) for g in range(count)]
    for position, user in enumerate(participants):
        groups[position % count].members.append(BreakoutMember(user_id=user.id))
    settings = {
        "participants": [u.id for u in participants],
        "group_size": GROUP_SIZE,
        "rounds": 1,
        "batch": 1,
    }
    breakout_round = BreakoutRound(
        session=session,
        number=1,
        group_size=GROUP_SIZE,
        groups=groups,
        settings=settings,
        published_at=utcnow(),
    )
    db.session.add(breakout_round)
    db.session.flush()
    try:
        builder.rescore(breakout_round)
    except builder.BreakoutError:
        pass  # the groups stand without metrics


def _homework(
    rng: random.Random, edition: Edition, spec: dict, participants: list[User], today: date
) -> None:
    """An assignment, and the answers of the share of participants who handed it in already."""
    homework = Homework(
        edition_id=edition.id,
        title=spec["title"],
        instructions=spec["instructions"],
        instructions_html=render_markdown(spec["instructions"]),
        due_on=today + timedelta(days=spec["due_in_days"]),
        created_at=datetime.combine(today - timedelta(days=14), time(10), tzinfo=UTC),
    )
    db.session.add(homework)
    handed_in = [u for u in participants if u.email != "participant@demo.eu" and u.profile]
    handed_in = rng.sample(handed_in, int(len(handed_in) * spec["submitted_share"]))
    for user in handed_in:
        texts = _texts_of(user, today)
        homework.submissions.append(
            HomeworkSubmission(
                user_id=user.id,
                text=rng.choice(LIVE["submissions"]).format(**texts),
                submitted_at=datetime.combine(
                    today - timedelta(days=rng.randint(0, 9)), time(rng.randint(7, 22)), tzinfo=UTC
                ),
            )
        )


def _texts_of(user: User, today: date) -> dict:
    """The words of a participant's profile that homework answers are filled with."""
    profile = user.profile
    need = (profile.needs or "").split(". ")[0].rstrip(".") + "."
    return {
        "org": profile.organisation,
        "count": profile.members_count or "some",
        "region": profile.region or profile.country,
        "need": need,
        "need_lower": need[0].lower() + need[1:],
    }


def connect_receivers() -> None:
    """Connect this area's part of `flask seed-demo` (create_app calls it; connecting twice is harmless)."""
    demo_seeded.connect(add_demo_coaching)
