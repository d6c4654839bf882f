"""Writes for the six-month follow-up: a participant's rating, and the reminder mails.

`send_meeting_reminders(today=...)` is idempotent: each (event, person, step) is recorded in
meeting_reminder when sent, so running it daily, twice, or late never sends a step twice.
"""

from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.meetings.follow_up import queries
from app.meetings.rules import MeetingRuleError
from app.models import Meeting, MeetingEvent, MeetingRating, MeetingReminder, User, utcnow
from app.models.meeting import OUTCOMES
from app.notifications.services import notify


def rate_meeting(meeting: Meeting, user: User, *, outcome: str, on: date) -> MeetingRating:
    """Store (or change) the user's six-month rating of a meeting."""
    event = db.session.get(MeetingEvent, meeting.event_id)
    if outcome not in OUTCOMES:
        raise MeetingRuleError("outcome", "choose one of the four answers")
    if not queries.rating_open(event, on=on):
        opens = queries.rating_opens_on(event)
        raise MeetingRuleError("outcome", f"the six-month follow-up opens on {opens:%-d %B %Y}")
    rating = db.session.scalar(
        select(MeetingRating).filter_by(meeting_id=meeting.id, user_id=user.id)
    )
    if rating is None:
        rating = MeetingRating(meeting_id=meeting.id, user_id=user.id)
        db.session.add(rating)
    rating.outcome, rating.rated_at = outcome, utcnow()
    db.session.flush()
    return rating


def send_meeting_reminders(*, today: date) -> int:
    """Ask everyone whose six-month rating is due and unanswered; at most once per step.

    Step "due" goes once the rating is due; step "reminder" two weeks after "due" was sent, if
    some meetings are still unrated. Returns how many reminders were recorded.
    """
    sent = 0
    for event in queries.events_due(today):
        already = queries.reminders_sent(event)
        for user_id, waiting in queries.unanswered(event).items():
            step = _next_step(already, user_id, today)
            if step is None:
                continue
            _remind(event, db.session.get(User, user_id), waiting=waiting, step=step)
            db.session.add(
                MeetingReminder(event_id=event.id, user_id=user_id, step=step, sent_on=today)
            )
            sent += 1
    db.session.flush()
    return sent


def _next_step(already: dict, user_id: int, today: date) -> str | None:
    first = already.get((user_id, "due"))
    if first is None:
        return "due"
    if (user_id, "reminder") not in already and today >= first + queries.REMINDER_AFTER:
        return "reminder"
    return None


def _remind(event: MeetingEvent, user: User, *, waiting: int, step: str) -> None:
    meetings = "meeting" if waiting == 1 else f"{waiting} meetings"
    opening = "Reminder: six" if step == "reminder" else "Six"
    notify(
        user,
        event="meeting_follow_up",
        message=(
            f"{opening} months after {event.name}: what came of your {meetings}? "
            "No contact, knowledge gained, joint action or a cooperation agreement"
        ),
        link=_agenda_path(event),
    )


def _agenda_path(event: MeetingEvent) -> str:
    """The event's "My agenda" as a site path, also outside a request (the CLI, a job)."""
    adapter = current_app.url_map.bind("localhost")
    return adapter.build("meetings.agenda", {"event_id": event.id}) + "#six-months"
