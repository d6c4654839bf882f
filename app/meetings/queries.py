"""Reads of the meetings area: events, a participant's wishes and suggestions, the grid, agendas.

Load-or-404 helpers carry the ownership rules: a participant only ever loads their own wishes and
meetings; who declined them or said "No thanks" is never read for them.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from flask import abort
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.meetings.schedule_data import meetings_of
from app.meetings.slots import span_label
from app.models import (
    Edition,
    EditionMember,
    Meeting,
    MeetingEvent,
    MeetingParticipant,
    MeetingWish,
    User,
)
from app.services.matching import recommend_for


def events() -> list[MeetingEvent]:
    """Every meeting event, the latest first."""
    return list(db.session.scalars(select(MeetingEvent).order_by(MeetingEvent.id.desc())))


def editions() -> list[Edition]:
    """Editions an event may belong to."""
    return list(db.session.scalars(select(Edition).order_by(Edition.name)))


def get_event_or_404(event_id: int) -> MeetingEvent:
    """The event, or 404."""
    return db.get_or_404(MeetingEvent, event_id)


def get_meeting_or_404(meeting_id: int, *, event: MeetingEvent) -> Meeting:
    """A meeting of this event, or 404."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.event_id != event.id:
        abort(404)
    return meeting


def get_own_meeting_or_404(meeting_id: int, *, user: User) -> Meeting:
    """A meeting the user takes part in, or 404."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or user.id not in (meeting.a_id, meeting.b_id):
        abort(404)
    return meeting


def get_wish_to_or_404(wish_id: int, *, user: User) -> MeetingWish:
    """A must/want wish addressed to the user, or 404 ("No thanks" is never theirs to see)."""
    wish = db.session.get(MeetingWish, wish_id)
    if wish is None or wish.target_id != user.id or wish.choice == "no":
        abort(404)
    return wish


def participant_of(event: MeetingEvent, user: User) -> MeetingParticipant | None:
    """The user's registration for the event, if any."""
    if not user.is_authenticated:
        return None
    return db.session.scalar(
        select(MeetingParticipant).filter_by(event_id=event.id, user_id=user.id)
    )


def may_register(event: MeetingEvent, user: User) -> bool:
    """Whether the user may take part: anyone, or the edition's participants."""
    if event.open_to == "anyone" or event.edition_id is None:
        return True
    return (
        db.session.scalar(
            select(EditionMember.id).filter_by(edition_id=event.edition_id, user_id=user.id)
        )
        is not None
    )


def participants(event: MeetingEvent) -> list[MeetingParticipant]:
    """Everyone registered, by name."""
    rows = db.session.scalars(
        select(MeetingParticipant)
        .filter_by(event_id=event.id)
        .options(selectinload(MeetingParticipant.user))
    ).all()
    return sorted(rows, key=lambda p: p.user.name.lower())


def my_wishes(event: MeetingEvent, user: User) -> dict[int, MeetingWish]:
    """The user's own wishes, by the person they are about."""
    rows = db.session.scalars(
        select(MeetingWish).filter_by(event_id=event.id, requester_id=user.id)
    )
    return {w.target_id: w for w in rows}


def wishes_to_me(event: MeetingEvent, user: User) -> list[MeetingWish]:
    """Who wants to meet the user (must or want; never "No thanks")."""
    rows = db.session.scalars(
        select(MeetingWish).where(
            MeetingWish.event_id == event.id,
            MeetingWish.target_id == user.id,
            MeetingWish.choice != "no",
        )
    )
    return sorted(rows, key=lambda w: (w.answer != "pending", w.requester.name.lower()))


@dataclass
class SuggestedPerson:
    """A participant the matcher suggests meeting, with its reasons."""

    user: User
    reasons: list[str] = field(default_factory=list)


def suggested_people(event: MeetingEvent, user: User, *, k: int = 8) -> list[SuggestedPerson]:
    """The matcher's best peers among the event's participants, with its reasons."""
    registered = {p.user_id for p in participants(event)} - {user.id}
    if not registered:
        return []
    outsiders = set(db.session.scalars(select(User.id))) - registered
    found = recommend_for(user.id, mode="mixed", excluded=outsiders, k=k)
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(registered)))}
    return [SuggestedPerson(users[m.user_id], m.reasons) for m in found if m.user_id in users]


def agenda(event: MeetingEvent, user: User) -> list[Meeting]:
    """The user's meetings at the event, in time order."""
    return meetings_of(event, user.id)


@dataclass
class Grid:
    """Slots × tables with meetings, per-person counts and what could not be placed."""

    slots: list
    labels: dict[int, str]
    tables: list[str]
    cells: dict[tuple[int, int], Meeting]
    counts: list[tuple[User, int]]
    below_minimum: list[User]
    unscheduled: list[dict]
    summary: dict


def grid(event: MeetingEvent) -> Grid:
    """The organiser's view of the schedule."""
    meetings = db.session.scalars(
        select(Meeting)
        .filter_by(event_id=event.id, cancelled=False)
        .options(selectinload(Meeting.a), selectinload(Meeting.b))
    ).all()
    cells = {(m.slot_id, m.table): m for m in meetings}
    count = Counter(uid for m in meetings for uid in (m.a_id, m.b_id))
    people = [p.user for p in participants(event)]
    counts = sorted(((u, count[u.id]) for u in people), key=lambda item: (item[1], item[0].name))
    build = json.loads(event.last_build_json or "{}")
    names = {str(u.id): u.name for u in people}
    unscheduled = [
        {**u, "from_name": names.get(u["from"], "?"), "to_name": names.get(u["to"], "?")}
        for u in build.get("unscheduled", [])
    ]
    return Grid(
        slots=list(event.slots),
        labels={slot.id: slot_label(slot, event) for slot in event.slots},
        tables=event.tables,
        cells=cells,
        counts=counts,
        below_minimum=[u for u, n in counts if n < event.min_meetings],
        unscheduled=unscheduled,
        summary=build.get("summary", {}),
    )


def table_agendas(event: MeetingEvent) -> list[tuple[str, list[Meeting]]]:
    """For the venue: each table's meetings in time order."""
    meetings = db.session.scalars(
        select(Meeting).filter_by(event_id=event.id, cancelled=False)
    ).all()
    by_table = {t: [] for t in range(1, len(event.tables) + 1)}
    for m in sorted(meetings, key=lambda m: m.slot.starts_at):
        by_table.setdefault(m.table, []).append(m)
    return [
        (event.tables[t - 1] if t <= len(event.tables) else str(t), ms)
        for t, ms in by_table.items()
    ]


def everyone_meeting(event: MeetingEvent, user_ids: list[int]) -> list[Meeting]:
    """Meetings of any of these users (printable per-person agendas)."""
    return list(
        db.session.scalars(
            select(Meeting).where(
                Meeting.event_id == event.id,
                Meeting.cancelled.is_(False),
                or_(Meeting.a_id.in_(user_ids), Meeting.b_id.in_(user_ids)),
            )
        )
    )


def calendar_meetings(event: MeetingEvent, user: User) -> list[Meeting]:
    """The user's meetings for the calendar file, cancelled ones included so calendars drop them."""
    return list(
        db.session.scalars(
            select(Meeting).where(
                Meeting.event_id == event.id, or_(Meeting.a_id == user.id, Meeting.b_id == user.id)
            )
        )
    )


def slot_label(slot, event: MeetingEvent) -> str:
    """A slot as the event's local day and times, e.g. "Tue 6 Apr 09:00–09:20"."""
    return span_label(slot.starts_at, slot.ends_at, event.timezone)
