"""Writes of the meetings area: events, registration, availability, wishes, the schedule.

Every service flushes and never commits; the request commits once. Rule breaks raise
`MeetingRuleError` naming the form field, before anything is written.
"""

from __future__ import annotations

import json
from datetime import date, time

from flask import url_for
from sqlalchemy import delete, select

from app.extensions import db
from app.meetings import schedule_data
from app.meetings.rules import MeetingRuleError
from app.meetings.slots import plan_slots
from app.models import Meeting, MeetingEvent, MeetingParticipant, MeetingSlot, MeetingWish, User
from app.models.user import utcnow
from app.notifications.services import notify


def create_event(
    organiser: User,
    *,
    days: list[date],
    window_start: time,
    window_end: time,
    breaks: list[tuple[time, time]],
    **fields,
) -> MeetingEvent:
    """A new meeting event with its slots cut from the days, window and breaks."""
    slots = plan_slots(
        days,
        window_start=window_start,
        window_end=window_end,
        minutes=fields["slot_minutes"],
        breaks=breaks,
        timezone=fields["timezone"],
    )
    event = MeetingEvent(created_by_id=organiser.id, **fields)
    event.slots = [MeetingSlot(starts_at=start, ends_at=end) for start, end in slots]
    db.session.add(event)
    db.session.flush()
    return event


def register(event: MeetingEvent, user: User) -> MeetingParticipant:
    """Sign a user up for the event (once); free in every slot until they say otherwise."""
    found = db.session.scalar(
        select(MeetingParticipant).filter_by(event_id=event.id, user_id=user.id)
    )
    if found is not None:
        return found
    participant = MeetingParticipant(event_id=event.id, user_id=user.id)
    db.session.add(participant)
    db.session.flush()
    return participant


def set_availability(participant: MeetingParticipant, *, slot_ids: set[int]) -> None:
    """Store the slots a participant is free in; any id not among the event's slots is refused."""
    known = {s.id for s in participant.event.slots}
    unknown = slot_ids - known
    if unknown:
        raise MeetingRuleError("slots", f"slot {min(unknown)} is not one of this event's slots")
    participant.available_json = json.dumps(sorted(slot_ids))
    db.session.flush()


def set_wish(event: MeetingEvent, requester: User, *, target_id: int, choice: str) -> MeetingWish:
    """Record (or change) a wish about another participant, within the cap on outgoing wishes."""
    if target_id == requester.id:
        raise MeetingRuleError("target", "you cannot ask to meet yourself")
    registered = set(
        db.session.scalars(select(MeetingParticipant.user_id).filter_by(event_id=event.id))
    )
    if requester.id not in registered:
        raise MeetingRuleError("target", "register for the event before saying whom to meet")
    if target_id not in registered:
        raise MeetingRuleError("target", "that person has not registered for this event")
    wish = db.session.scalar(
        select(MeetingWish).filter_by(
            event_id=event.id, requester_id=requester.id, target_id=target_id
        )
    )
    if choice in ("must", "want") and (wish is None or wish.choice == "no"):
        outgoing = db.session.scalars(
            select(MeetingWish).filter_by(event_id=event.id, requester_id=requester.id)
        ).all()
        if sum(w.choice in ("must", "want") for w in outgoing) >= event.wish_cap:
            raise MeetingRuleError(
                "choice", f"you already have {event.wish_cap} wishes, the most this event allows"
            )
    is_new_request = choice != "no" and (wish is None or wish.choice == "no")
    if wish is None:
        wish = MeetingWish(event_id=event.id, requester_id=requester.id, target_id=target_id)
        db.session.add(wish)
    wish.choice = choice
    db.session.flush()
    if is_new_request:
        link = url_for("meetings.show", event_id=event.id, _anchor="asked")
        notify(
            db.session.get(User, target_id),
            event="meeting_wish",
            message=f"{requester.name} would like to meet you at {event.name}",
            link=link,
        )
    return wish


def answer_wish(wish: MeetingWish, *, accept: bool, reason: str = "") -> MeetingWish:
    """The asked person's answer; a decline keeps its reason for the organiser only."""
    wish.answer = "accepted" if accept else "declined"
    wish.decline_reason = "" if accept else reason.strip()[:300]
    db.session.flush()
    return wish


def build_schedule(event: MeetingEvent, *, mode: str = "mixed"):
    """Compute a draft with matching/ and store it, keeping locked meetings and every UID."""
    if len(event.participants) < 2:
        raise MeetingRuleError("participants", "at least two people must register first")
    result = schedule_data.schedule_for(event, mode=mode)
    existing = {
        (m.a_id, m.b_id): m
        for m in db.session.scalars(select(Meeting).filter_by(event_id=event.id))
    }
    kept = set()
    for planned in result.meetings:
        a, b = sorted((int(planned.a), int(planned.b)))
        meeting = existing.get((a, b))
        if meeting is None:
            meeting = Meeting(event_id=event.id, a_id=a, b_id=b)
            db.session.add(meeting)
        _place(meeting, slot_id=int(planned.slot), table=planned.table)
        meeting.cancelled = False
        meeting.kind, meeting.mode = planned.kind, mode if planned.kind != "request" else ""
        meeting.reasons_json = json.dumps(list(planned.reasons), ensure_ascii=False)
        kept.add((a, b))
    for key, meeting in existing.items():
        if key not in kept and not meeting.cancelled:
            _drop(event, meeting)
    event.last_build_json = json.dumps(
        {"unscheduled": [u.to_dict() for u in result.unscheduled], "summary": result.summary}
    )
    if event.phase == "wishes":
        event.phase = "draft"
    db.session.flush()
    return result


def _place(meeting: Meeting, *, slot_id: int, table: int) -> bool:
    """Put a meeting at slot and table; a real change raises its calendar SEQUENCE."""
    changed = meeting.id is not None and (meeting.slot_id, meeting.table) != (slot_id, table)
    meeting.slot_id, meeting.table = slot_id, table
    if changed or meeting.cancelled:
        meeting.sequence += 1
        meeting.updated_at = utcnow()
    return changed


def _drop(event: MeetingEvent, meeting: Meeting) -> None:
    """Remove a meeting: before publishing it just goes, afterwards it is cancelled for calendars."""
    if event.phase in ("published", "follow_up"):
        meeting.cancelled = True
        meeting.sequence += 1
        meeting.updated_at = utcnow()
        _tell_both(event, meeting, "was cancelled")
    else:
        db.session.execute(delete(Meeting).where(Meeting.id == meeting.id))


def move_meeting(meeting: Meeting, *, slot_id: int, table: int) -> Meeting:
    """Move a meeting to another slot or table, re-checking every hard rule first."""
    event = db.session.get(MeetingEvent, meeting.event_id)
    schedule_data.check_move(event, meeting, slot_id=slot_id, table=table)
    if _place(meeting, slot_id=slot_id, table=table):
        db.session.flush()
        _tell_both(event, meeting, "has moved")
    db.session.flush()
    return meeting


def cancel_meeting(meeting: Meeting) -> None:
    """Take a meeting off the schedule (a published one stays as a cancelled calendar entry)."""
    _drop(db.session.get(MeetingEvent, meeting.event_id), meeting)
    db.session.flush()


def set_locked(meeting: Meeting, *, locked: bool) -> Meeting:
    """Lock a meeting so "Build schedule" keeps it where it is, or unlock it."""
    meeting.locked = locked
    db.session.flush()
    return meeting


def publish(event: MeetingEvent) -> int:
    """Publish the schedule and tell every participant who has meetings; returns how many."""
    event.phase = "published"
    db.session.flush()
    told = 0
    for user_id in schedule_data.people_with_meetings(event):
        notify(
            db.session.get(User, user_id),
            event="meeting_published",
            message=f"Your agenda for {event.name} is ready",
            link=url_for("meetings.agenda", event_id=event.id),
        )
        told += 1
    return told


def _tell_both(event: MeetingEvent, meeting: Meeting, what: str) -> None:
    if event.phase not in ("published", "follow_up"):
        return
    for user in (meeting.a, meeting.b):
        other = meeting.other(user.id)
        notify(
            user,
            event="meeting_changed",
            message=f"Your meeting with {other.name} at {event.name} {what}",
            link=url_for("meetings.agenda", event_id=event.id),
        )


def set_phase(event: MeetingEvent, *, phase: str) -> MeetingEvent:
    """Set the phase; publishing goes through `publish`, which also tells participants."""
    if phase == "published" and event.phase != "published":
        publish(event)
    event.phase = phase
    db.session.flush()
    return event


def record_follow_up(meeting: Meeting, *, held: bool | None, outcome: str | None) -> Meeting:
    """ "Did you meet?" and, later, what came of it."""
    if held is not None:
        meeting.held = held
    if outcome:
        meeting.outcome = outcome
    db.session.flush()
    return meeting
