"""`flask seed-demo` gives the demo participant's edition a published breakout round and homework."""

from __future__ import annotations

from sqlalchemy import select

from app.editions.breakouts.queries import my_published_groups
from app.extensions import db
from app.models import Cohort, User
from app.models.coaching import BreakoutRound, Homework


def test_seed_demo_adds_published_groups_and_homework_without_a_new_edition(runner):
    result = runner.invoke(args=["seed-demo", "--profiles", "160", "--challenges", "20"])
    assert result.exit_code == 0, result.output
    assert len(db.session.scalars(select(Cohort)).all()) == 3
    breakout_round = db.session.scalars(select(BreakoutRound)).one()
    assert breakout_round.is_published and all(g.reasons for g in breakout_round.groups)
    me = db.session.scalar(select(User).where(User.email == "participant@demo.eu"))
    assert my_published_groups(me)
    assert db.session.scalars(select(Homework)).one().due_on
