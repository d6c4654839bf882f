"""Fixtures for the meetings area: an organiser, participants and a one-day meeting event."""

from __future__ import annotations

from datetime import date, time

import pytest

from app.extensions import db
from app.meetings import services

DAY = date(2027, 3, 10)


@pytest.fixture
def coach(make_user):
    """An organiser (coaches organise meeting days)."""
    return make_user(role="coach", name="Coach Clara")


@pytest.fixture
def ana(make_user):
    """A participant."""
    return make_user(name="Ana Kovač", country="SI")


@pytest.fixture
def joao(make_user):
    """Another participant."""
    return make_user(name="João Ferreira", country="PT")


@pytest.fixture
def make_event(coach):
    """make_event(**changes) → a one-day event, 09:00-10:30 in 30-minute slots, two tables."""

    def _make(**changes):
        fields = dict(
            name="Matchmaking day Lisbon",
            place="Lisbon",
            timezone="Europe/Lisbon",
            open_to="anyone",
            slot_minutes=30,
            table_names="Table A\nTable B",
            min_meetings=1,
            max_meetings=3,
            wish_cap=5,
        )
        fields.update(changes)
        event = services.create_event(
            coach,
            days=[DAY],
            window_start=time(9, 0),
            window_end=time(10, 30),
            breaks=[],
            **fields,
        )
        db.session.commit()
        return event

    return _make


@pytest.fixture
def event(make_event):
    """The default event."""
    return make_event()


@pytest.fixture
def registered(event, ana, joao):
    """Ana and João registered for the event; returns (event, ana, joao)."""
    services.register(event, ana)
    services.register(event, joao)
    db.session.commit()
    return event, ana, joao


@pytest.fixture
def scheduled(app, registered):
    """Ana must meet João; the schedule is built (a draft). Returns (event, ana, joao, meeting)."""
    event, ana, joao = registered
    with app.test_request_context():
        services.set_wish(event, ana, target_id=joao.id, choice="must")
        services.build_schedule(event)
    db.session.commit()
    from app.models import Meeting

    meeting = db.session.scalar(db.select(Meeting).filter_by(event_id=event.id))
    return event, ana, joao, meeting
