"""Demo data for the editions area, added after `flask seed-demo` from the same random stream.

An upcoming edition with an open call: a dozen accepted participants (the demo participant among
them) with one published round of breakout groups, and more applications waiting for the coach's
review, so `make run` shows every coaching page with something on it.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import select

from app.editions import breakouts
from app.extensions import db
from app.models import Cohort, CohortMember, Profile, User, utcnow
from app.models.coaching import COMMITMENTS, Application, CoachingSession
from app.signals import demo_seeded

MOTIVATIONS = (
    "Our cluster is growing fast and I want a structured way to plan the next five years.",
    "I took over the cluster management a year ago and want to learn from experienced peers.",
    "We want to start international collaborations and need methods and contacts.",
)
CHALLENGES = (
    "Attracting SMEs as paying members when they see little value in the fee.",
    "Setting up joint projects across borders with clusters in other ecosystems.",
    "Financing the cluster team beyond the current public grant.",
    "Helping members with the green and digital transition.",
)


def _applicants(rng: random.Random, me: User | None) -> list[User]:
    """Community members who applied, the demo participant first."""
    pool = list(db.session.scalars(
        select(User).join(Profile).where(User.role.in_(("participant", "alumni")), Profile.visibility == "community")
        .order_by(User.id).limit(300)))
    others = [u for u in pool if me is None or u.id != me.id]
    chosen = rng.sample(others, min(40, len(others)))
    return ([me] if me else []) + chosen


@demo_seeded.connect
def add_demo_edition(app, *, rng: random.Random, **_) -> None:
    """The 5th Academy: open call, 12 accepted participants with published groups, the rest to review."""
    coach = db.session.scalar(select(User).where(User.email == "coach@demo.eu"))
    me = db.session.scalar(select(User).where(User.email == "participant@demo.eu"))
    today = date.today()
    cohort = Cohort(name="5th Cluster Booster Academy", place="Ljubljana, Slovenia", host="ECCP",
                    online_start=today + timedelta(days=30), online_end=today + timedelta(days=31),
                    in_person_start=today + timedelta(days=120), in_person_end=today + timedelta(days=121),
                    applications_open=True, application_deadline=today + timedelta(days=14))
    db.session.add(cohort)
    db.session.flush()
    if coach:
        db.session.add(CohortMember(cohort_id=cohort.id, user_id=coach.id, role="coach"))
    applicants = _applicants(rng, me)
    for position, user in enumerate(applicants):
        accepted = position < 12
        application = Application(
            cohort_id=cohort.id, user_id=user.id, motivation=rng.choice(MOTIVATIONS), challenges=rng.choice(CHALLENGES),
            eligible=True, eligibility_notes="Manages from an eligible country.",
            status="accepted" if accepted else "pending", score=rng.randint(4, 10) if accepted else None,
            decided_at=utcnow() if accepted else None)
        application.commitments = list(COMMITMENTS)
        db.session.add(application)
        if accepted:
            db.session.add(CohortMember(cohort_id=cohort.id, user_id=user.id, role="participant"))
    session = CoachingSession(cohort_id=cohort.id, title="Online day 1: strategy", mode="online",
                              starts_at=datetime.combine(cohort.online_start, datetime.min.time()).replace(hour=9))
    db.session.add(session)
    db.session.flush()
    participants = [u.id for u in applicants[:12]]
    try:
        rounds = breakouts.generate(session, breakouts.BuilderSettings(participants, 4, 1, {}))
    except breakouts.BreakoutError:
        return  # demo data without groups is still useful
    for breakout_round in rounds:
        breakout_round.published_at = utcnow()
        for group in breakout_round.groups:
            group.coach_id = coach.id if coach else None
    db.session.flush()
