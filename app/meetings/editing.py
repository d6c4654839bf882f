"""Editing a meeting event after it was created, without orphaning what depends on it.

Every check runs before anything is written, so a refused change leaves the event as it was:
- slots that would disappear (other days, window, slot length, breaks or time zone) are refused
  while a meeting is on them; the organiser moves or cancels those meetings first;
- tables that would disappear are refused while a meeting sits at them;
- a maximum below someone's current number of meetings is refused.
Handled, and said so to the people concerned: slots that go are taken out of the availability
of those who marked them (cancelled meetings in them go too), and new slots are not marked free
for those who chose their slots; meetings whose place, table name or event name changed raise
their calendar SEQUENCE. Participants affected get one notification each.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time

from flask import url_for
from sqlalchemy import delete, select

from app.extensions import db
from app.meetings.calendar import table_name
from app.meetings.rules import MeetingRuleError
from app.meetings.slots import local, plan_slots, span_label
from app.models import Meeting, MeetingEvent, MeetingParticipant, MeetingSlot, User, utcnow
from app.notifications.services import notify

PUBLISHED = ("published", "follow_up")


def event_timing(event: MeetingEvent) -> dict:
    """The days, window and breaks that cut the event's current slots (for the edit form)."""
    starts = [local(s.starts_at, event.timezone) for s in event.slots]
    ends = [local(s.ends_at, event.timezone) for s in event.slots]
    if not starts:
        return {}
    first_day = [(s, e) for s, e in zip(starts, ends, strict=True) if s.date() == starts[0].date()]
    breaks = [
        f"{end:%H:%M}-{start:%H:%M}"
        for (_, end), (start, _) in zip(first_day, first_day[1:], strict=False)
        if start > end
    ]
    return {
        "first_day": starts[0].date(),
        "last_day": starts[-1].date() if starts[-1].date() != starts[0].date() else None,
        "window_start": min(s.time() for s in starts),
        "window_end": max(e.time() for e in ends),
        "breaks": "\n".join(breaks),
    }


def update_event(
    event: MeetingEvent,
    *,
    days: list[date],
    window_start: time,
    window_end: time,
    breaks: list[tuple[time, time]],
    **fields,
) -> MeetingEvent:
    """Apply the organiser's changes, or raise MeetingRuleError naming what depends on the old ones."""
    planned = plan_slots(
        days,
        window_start=window_start,
        window_end=window_end,
        minutes=fields["slot_minutes"],
        breaks=breaks,
        timezone=fields["timezone"],
    )
    meetings = list(db.session.scalars(select(Meeting).filter_by(event_id=event.id)))
    live = [m for m in meetings if not m.cancelled]
    kept = {(_utc(s.starts_at), _utc(s.ends_at)): s for s in event.slots}
    wanted = set(planned)
    gone = [s for key, s in kept.items() if key not in wanted]
    tables = [line.strip() for line in fields["table_names"].splitlines() if line.strip()]
    _refuse_orphans(event, live, gone, tables, fields["max_meetings"])

    changed = _changed_meetings(event, live, fields, tables)
    for name, value in fields.items():
        setattr(event, name, value)
    gone_ids = {s.id for s in gone}
    added = [(start, end) for start, end in planned if (start, end) not in kept]
    told_availability = _drop_slots(event, gone_ids, added=bool(added))
    for start, end in added:
        event.slots.append(MeetingSlot(starts_at=start, ends_at=end))
    for meeting in changed:
        meeting.sequence += 1
        meeting.updated_at = utcnow()
    db.session.flush()
    _tell(event, changed, told_availability)
    return event


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _refuse_orphans(event, live: list[Meeting], gone: list[MeetingSlot], tables, maximum) -> None:
    gone_ids = {s.id for s in gone}
    on_gone = [m for m in live if m.slot_id in gone_ids]
    if on_gone:
        raise MeetingRuleError(
            "slots",
            f"this change removes {_count(len(gone), 'slot')} holding "
            f"{_count(len(on_gone), 'meeting')} ({_list(_describe(event, m) for m in on_gone)}); "
            "move or cancel those meetings on the schedule first, or keep those times",
        )
    beyond = [m for m in live if m.table > len(tables)]
    if beyond:
        names = sorted({table_name(event, m.table) for m in beyond})
        raise MeetingRuleError(
            "table_names",
            f"{_list(names)} would go but {_count(len(beyond), 'meeting')} sit there "
            f"({_list(_describe(event, m) for m in beyond)}); move or cancel them first, "
            "or keep as many tables",
        )
    counts: dict[int, int] = {}
    for meeting in live:
        for user_id in (meeting.a_id, meeting.b_id):
            counts[user_id] = counts.get(user_id, 0) + 1
    over = sorted((n, uid) for uid, n in counts.items() if n > maximum)
    if over:
        people = [f"{db.session.get(User, uid).name} has {n}" for n, uid in reversed(over)]
        raise MeetingRuleError(
            "max_meetings",
            f"{_list(people)} meetings already; cancel some first or keep the maximum at "
            f"{over[-1][0]} or more",
        )


def _changed_meetings(event, live: list[Meeting], fields: dict, tables: list[str]) -> list[Meeting]:
    """Meetings whose calendar entry changes: the event's name or place, or their table's name."""
    if fields["name"] != event.name or fields["place"] != event.place:
        return live
    return [m for m in live if table_name(event, m.table) != tables[m.table - 1]]


def _drop_slots(event: MeetingEvent, gone_ids: set[int], *, added: bool) -> list[User]:
    """Take removed slots out of availability and the event; who chose slots and is affected."""
    affected = []
    for participant in db.session.scalars(select(MeetingParticipant).filter_by(event_id=event.id)):
        chosen = participant.available_slot_ids
        if chosen is None:
            continue  # free in every slot, old and new
        if chosen & gone_ids or added:
            participant.available_json = json.dumps(sorted(chosen - gone_ids))
            affected.append(participant.user)
    if gone_ids:
        db.session.execute(delete(Meeting).where(Meeting.slot_id.in_(gone_ids)))
        event.slots = [s for s in event.slots if s.id not in gone_ids]
    return affected


def _tell(event: MeetingEvent, changed: list[Meeting], availability: list[User]) -> None:
    """One notification per person: their meetings' details changed, or the slots did."""
    if event.phase in PUBLISHED:
        for user in {u.id: u for m in changed for u in (m.a, m.b)}.values():
            notify(
                user,
                event="meeting_changed",
                message=f"The details of your meetings at {event.name} changed (place or "
                "table); your calendar updates by itself",
                link=url_for("meetings.agenda", event_id=event.id),
            )
    for user in availability:
        notify(
            user,
            event="meeting_event_changed",
            message=f"The organiser changed the time slots of {event.name}; please check the "
            "slots you marked as free",
            link=url_for("meetings.show", event_id=event.id, _anchor="availability"),
        )


def _describe(event: MeetingEvent, meeting: Meeting) -> str:
    when = span_label(meeting.slot.starts_at, meeting.slot.ends_at, event.timezone)
    return f"{meeting.a.name} and {meeting.b.name}, {when}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _list(items) -> str:
    items = list(items)
    return "; ".join(items[:3]) + (f" and {len(items) - 3} more" if len(items) > 3 else "")
