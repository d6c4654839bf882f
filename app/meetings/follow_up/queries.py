"""Reads for the six-month follow-up: when it opens, whose answers are missing, what was said."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from flask import abort
from sqlalchemy import or_, select

from app.extensions import db
from app.meetings.slots import local
from app.models import Meeting, MeetingEvent, MeetingRating, MeetingReminder, User

MONTHS_AFTER = 6
# The reminder goes this long after the first mail was actually sent (not after the due date),
# so a first run late never sends both at once.
REMINDER_AFTER = timedelta(days=14)
PUBLISHED = ("published", "follow_up")


def today() -> date:
    """Today's date in UTC (tests replace it)."""
    return datetime.now(UTC).date()


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Aug → 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def last_day(event: MeetingEvent) -> date | None:
    """The event's last day, in its own time zone (None without slots)."""
    if not event.slots:
        return None
    return local(event.slots[-1].ends_at, event.timezone).date()


def rating_opens_on(event: MeetingEvent) -> date | None:
    """When the six-month rating is due: six months after the event's last day."""
    end = last_day(event)
    return None if end is None else add_months(end, MONTHS_AFTER)


def rating_open(event: MeetingEvent, *, on: date | None = None) -> bool:
    """Whether participants may rate now: the organiser opened the follow-up, or six months passed."""
    if event.phase == "follow_up":
        return True
    opens = rating_opens_on(event)
    return event.phase in PUBLISHED and opens is not None and (on or today()) >= opens


def my_ratings(event: MeetingEvent, user: User) -> dict[int, str]:
    """The user's six-month ratings at the event: meeting id → outcome."""
    rows = db.session.execute(
        select(MeetingRating.meeting_id, MeetingRating.outcome)
        .join(Meeting, MeetingRating.meeting_id == Meeting.id)
        .where(Meeting.event_id == event.id, MeetingRating.user_id == user.id)
    )
    return {meeting_id: outcome for meeting_id, outcome in rows}


def rateable(meeting: Meeting) -> bool:
    """A meeting to rate: on the schedule, and not reported as missed ("Did you meet?" No)."""
    return not meeting.cancelled and meeting.held is not False


def unanswered(event: MeetingEvent) -> dict[int, int]:
    """user id → how many of their meetings at the event still wait for their six-month rating."""
    meetings = db.session.scalars(select(Meeting).filter_by(event_id=event.id, cancelled=False))
    rated = {
        (meeting_id, user_id)
        for meeting_id, user_id in db.session.execute(
            select(MeetingRating.meeting_id, MeetingRating.user_id)
            .join(Meeting, MeetingRating.meeting_id == Meeting.id)
            .where(Meeting.event_id == event.id)
        )
    }
    waiting: dict[int, int] = {}
    for meeting in filter(rateable, meetings):
        for user_id in (meeting.a_id, meeting.b_id):
            if (meeting.id, user_id) not in rated:
                waiting[user_id] = waiting.get(user_id, 0) + 1
    return waiting


def events_due(on: date) -> Iterator[MeetingEvent]:
    """Published events whose six-month rating is due on or before `on`."""
    for event in db.session.scalars(select(MeetingEvent).where(MeetingEvent.phase.in_(PUBLISHED))):
        opens = rating_opens_on(event)
        if opens is not None and opens <= on:
            yield event


def reminders_sent(event: MeetingEvent) -> dict[tuple[int, str], date]:
    """(user id, step) → the day that reminder went out, for one event."""
    rows = db.session.execute(
        select(MeetingReminder.user_id, MeetingReminder.step, MeetingReminder.sent_on).where(
            MeetingReminder.event_id == event.id
        )
    )
    return {(user_id, step): sent_on for user_id, step, sent_on in rows}


def ratings_by_meeting(meeting_ids: list[int]) -> dict[int, list[str]]:
    """meeting id → the six-month outcomes its two participants gave."""
    found: dict[int, list[str]] = {}
    if not meeting_ids:
        return found
    rows = db.session.execute(
        select(MeetingRating.meeting_id, MeetingRating.outcome).where(
            MeetingRating.meeting_id.in_(meeting_ids)
        )
    )
    for meeting_id, outcome in rows:
        found.setdefault(meeting_id, []).append(outcome)
    return found


def get_rateable_meeting_or_404(meeting_id: int, *, event: MeetingEvent, user: User) -> Meeting:
    """A meeting of this event the user takes part in and may rate, or 404."""
    meeting = db.session.scalar(
        select(Meeting).where(
            Meeting.id == meeting_id,
            Meeting.event_id == event.id,
            or_(Meeting.a_id == user.id, Meeting.b_id == user.id),
        )
    )
    if meeting is None or meeting.cancelled:
        abort(404)
    return meeting
