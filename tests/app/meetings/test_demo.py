"""`flask seed-demo` gives the community one upcoming meeting event with registrations and wishes."""

from datetime import UTC, datetime

from sqlalchemy import func, select

from app.extensions import db
from app.models import MeetingEvent, MeetingParticipant, MeetingWish, User


def test_seed_demo_adds_an_upcoming_meeting_event_the_demo_participant_is_part_of(
    app, runner, login
):
    result = runner.invoke(args=["seed-demo", "--profiles", "30", "--challenges", "10"])
    assert result.exit_code == 0, result.output
    event = db.session.scalar(select(MeetingEvent))
    assert event.phase == "wishes" and len(event.slots) == 10 and len(event.tables) == 12
    first = event.slots[0].starts_at.replace(tzinfo=UTC)
    assert first > datetime.now(UTC)
    me = db.session.scalar(select(User).filter_by(email="participant@demo.eu"))
    registered = db.session.scalar(
        select(func.count(MeetingParticipant.id)).filter_by(event_id=event.id)
    )
    assert registered == 30
    asked_me = db.session.scalars(select(MeetingWish).filter_by(target_id=me.id)).all()
    assert len(asked_me) >= 3 and any(w.choice == "must" for w in asked_me)
    page = login(me).get(f"/meetings/{event.id}")
    assert b"Who wants to meet you" in page.data and b"Must meet" in page.data
