"""`flask seed-demo` gives the live edition sessions, a published breakout round and homework."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app import reference
from app.editions.breakouts.queries import my_published_groups
from app.editions.homework.queries import my_homework
from app.extensions import db
from app.models import Edition, User
from app.models.coaching import BreakoutRound, CoachingSession, Homework


def test_seed_demo_adds_a_live_edition_beside_the_real_past_ones(runner):
    result = runner.invoke(args=["seed-demo", "--profiles", "160", "--challenges", "20"])
    assert result.exit_code == 0, result.output
    names = [edition.name for edition in db.session.scalars(select(Edition).order_by(Edition.id))]
    assert names[:3] == [edition["name"] for edition in reference.past_editions()]
    assert names[3:] == ["4th Cluster Booster Academy"]


def test_seed_demo_gives_the_live_edition_published_groups_sessions_ahead_and_homework(runner):
    result = runner.invoke(args=["seed-demo", "--profiles", "160", "--challenges", "20"])
    assert result.exit_code == 0, result.output
    breakout_round = db.session.scalars(select(BreakoutRound)).one()
    assert breakout_round.is_published and all(g.reasons for g in breakout_round.groups)
    me = db.session.scalar(select(User).where(User.email == "participant@demo.eu"))
    assert my_published_groups(me)
    starts = [s.starts_at for s in db.session.scalars(select(CoachingSession))]
    assert min(starts) < datetime.now() < max(starts)
    homework = db.session.scalars(select(Homework).order_by(Homework.due_on)).all()
    assert len(homework) == 2 and homework[0].submissions and not homework[1].submissions
    assert [hw.id for hw, submission in my_homework(me) if submission is None] == [
        hw.id for hw in homework
    ]
