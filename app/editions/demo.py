"""Demo data for the editions area, added after `flask seed-demo`.

The demo participant's edition (the 3rd Academy) gets an online session with one published round
of breakout groups, coached by the demo coach, and a homework assignment, so `make run` shows the
coaching pages and "My groups" with something on them. No new edition is created: the seeded
community's cohorts stay exactly the real past ones.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from app.editions.breakouts import services as breakouts
from app.extensions import db
from app.models import Cohort, CohortMember, User, utcnow
from app.models.coaching import (
    BreakoutGroup,
    BreakoutMember,
    BreakoutRound,
    CoachingSession,
    Homework,
)
from app.signals import demo_seeded
from app.text import render_markdown

GROUP_SIZE = 4
HOMEWORK = ("Map your services against your members' needs: list three services, who uses them, "
            "and one service members ask for that you do not offer yet.")


def add_demo_coaching(app, **_) -> None:
    """A published breakout round and a homework for the demo participant's edition."""
    me = db.session.scalar(select(User).where(User.email == "participant@demo.eu"))
    cohort = _edition_of(me)
    if cohort is None:
        return
    coach = db.session.scalar(select(User).where(User.email == "coach@demo.eu"))
    participants = sorted((m.user for m in cohort.members if m.role == "participant"),
                          key=lambda u: (u.profile.country if u.profile else "", u.id))
    start = cohort.online_start or datetime.now().date()
    session = CoachingSession(cohort_id=cohort.id, title="Online day 1: cluster strategy", mode="online",
                              starts_at=datetime.combine(start, datetime.min.time()).replace(hour=9))
    db.session.add(session)
    # Dealt round-robin in country order, so each group mixes countries; the matcher then scores it.
    count = max(len(participants) // GROUP_SIZE, 1)
    groups = [BreakoutGroup(position=g, coach_id=coach.id if coach else None) for g in range(count)]
    for position, user in enumerate(participants):
        groups[position % count].members.append(BreakoutMember(user_id=user.id))
    settings = {"participants": [u.id for u in participants], "group_size": GROUP_SIZE, "rounds": 1, "batch": 1}
    breakout_round = BreakoutRound(session=session, number=1, group_size=GROUP_SIZE, groups=groups,
                                   settings=settings, published_at=utcnow())
    db.session.add(breakout_round)
    db.session.flush()
    try:
        breakouts.rescore(breakout_round)
    except breakouts.BreakoutError:
        pass  # the groups stand without metrics
    db.session.add(Homework(cohort_id=cohort.id, title="Your service map", instructions=HOMEWORK,
                            instructions_html=render_markdown(HOMEWORK), due_on=start + timedelta(days=30)))
    db.session.flush()


def _edition_of(user: User | None) -> Cohort | None:
    """The edition the demo participant took part in, if any."""
    if user is None:
        return None
    return db.session.scalar(select(Cohort).join(CohortMember).where(
        CohortMember.user_id == user.id, CohortMember.role == "participant").order_by(Cohort.id.desc()))


def connect_receivers() -> None:
    """Connect this area's part of `flask seed-demo` (create_app calls it; connecting twice is harmless)."""
    demo_seeded.connect(add_demo_coaching)
