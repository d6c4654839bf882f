"""Between the database and matching.meetings: an event's rows in, the scheduler's input out,
and the hard rules re-checked when the organiser moves a meeting by hand."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from sqlalchemy import or_, select

from app.extensions import db
from app.meetings.rules import MeetingRuleError
from app.models import Meeting, MeetingEvent, MeetingParticipant, MeetingWish
from app.services.matching import peer_snapshot, people_for
from matching.meetings import FixedMeeting, Suggestion, make_event, schedule_meetings
from matching.recommendations.reasons import Explainer
from matching.text.vectors import PeopleVectors

# How many suggested peers per participant the build considers for free slots.
SUGGESTIONS_PER_PERSON = 6


def schedule_for(event: MeetingEvent, *, mode: str = "mixed"):
    """The scheduler's result for the event as it stands (wishes, availability, locks)."""
    participants = list(db.session.scalars(select(MeetingParticipant).filter_by(event_id=event.id)))
    ids = [p.user_id for p in participants]
    wishes = db.session.scalars(select(MeetingWish).filter_by(event_id=event.id)).all()
    registered = set(ids)
    requests, blocked = [], []
    for wish in wishes:
        if wish.requester_id not in registered or wish.target_id not in registered:
            continue
        if wish.choice == "no" or wish.answer == "declined":
            blocked.append((str(wish.requester_id), str(wish.target_id)))
        else:
            requests.append((str(wish.requester_id), str(wish.target_id), wish.choice))
    locked = [
        FixedMeeting(str(m.a_id), str(m.b_id), str(m.slot_id), m.table)
        for m in db.session.scalars(
            select(Meeting).filter_by(event_id=event.id, locked=True, cancelled=False)
        )
    ]
    meeting_event = make_event(
        [str(i) for i in ids],
        [str(s.id) for s in event.slots],
        tables=max(1, len(event.tables)),
        max_meetings=event.max_meetings,
        min_meetings=min(event.min_meetings, event.max_meetings),
        availability={
            str(p.user_id): [str(s) for s in p.available_slot_ids]
            for p in participants
            if p.available_slot_ids is not None
        },
        requests=requests,
        blocked=blocked,
        met=met_before(event, ids),
        locked=locked,
    )
    matcher = _Matcher(ids, mode=mode)
    result = schedule_meetings(
        meeting_event, suggestions=matcher.suggestions(), random_state=event.id
    )
    return matcher.explain(result)


class _Matcher:
    """The peer index's scores among the participants, and reasons for the pairs that got in.

    Scores come straight from the index (no reasons: most suggested pairs never make the
    schedule); reasons are written afterwards for the scheduled ones, with one Explainer over
    all participants instead of one per person.
    """

    def __init__(self, user_ids: list[int], *, mode: str):
        self.user_ids, self.mode = user_ids, mode
        self.snapshot = peer_snapshot()
        self.rows = {
            uid: self.snapshot.row_of[uid] for uid in user_ids if uid in self.snapshot.row_of
        }

    def suggestions(self) -> list[Suggestion]:
        """Each participant's best peers among the other participants."""
        index = self.snapshot.index
        inside = np.zeros(len(index), dtype=bool)
        inside[list(self.rows.values())] = True
        outside = np.flatnonzero(~inside)
        user_of_row = {row: uid for uid, row in self.rows.items()}
        found = []
        for uid, row in self.rows.items():
            for j, score in index.query(
                row, SUGGESTIONS_PER_PERSON, mode=self.mode, exclude=outside
            ):
                if j in user_of_row:
                    found.append(Suggestion(str(uid), str(user_of_row[j]), score))
        return found

    def explain(self, result):
        """The result with the matcher's reasons added to meetings it did not get from wishes."""
        wanted = {m for m in result.meetings if m.kind != "request" and int(m.a) in self.rows}
        if not wanted:
            return result
        ids = sorted({int(p) for m in wanted for p in (m.a, m.b) if int(p) in self.rows})
        position = {uid: k for k, uid in enumerate(ids)}
        matrices = self.snapshot.index.matrices
        rows = [self.rows[uid] for uid in ids]
        vectors = PeopleVectors(*(matrices[n][rows] for n in ("challenge", "expertise", "needs")))
        explainer = Explainer(people_for(ids), vectors)
        meetings = []
        for m in result.meetings:
            if m in wanted and int(m.b) in position:
                reasons = explainer.recommendation(
                    position[int(m.a)], position[int(m.b)], self.mode
                )
                m = replace(m, reasons=tuple(reasons) + m.reasons)
            meetings.append(m)
        return replace(result, meetings=tuple(meetings))


def met_before(event: MeetingEvent, user_ids: list[int]) -> list[tuple[str, str]]:
    """Pairs of these people who held a meeting at another event."""
    if not user_ids:
        return []
    rows = db.session.execute(
        select(Meeting.a_id, Meeting.b_id).where(
            Meeting.event_id != event.id,
            Meeting.held.is_(True),
            Meeting.a_id.in_(user_ids),
            Meeting.b_id.in_(user_ids),
        )
    )
    return [(str(a), str(b)) for a, b in rows]


def check_move(event: MeetingEvent, meeting: Meeting, *, slot_id: int, table: int) -> None:
    """Raise MeetingRuleError when the meeting cannot go to this slot and table."""
    if slot_id not in {s.id for s in event.slots}:
        raise MeetingRuleError("slot", "choose one of this event's slots")
    if not 1 <= table <= max(1, len(event.tables)):
        raise MeetingRuleError("table", f"choose a table from 1 to {len(event.tables)}")
    for user_id in (meeting.a_id, meeting.b_id):
        participant = db.session.scalar(
            select(MeetingParticipant).filter_by(event_id=event.id, user_id=user_id)
        )
        free = participant.available_slot_ids if participant else None
        if free is not None and slot_id not in free:
            name = meeting.a.name if user_id == meeting.a_id else meeting.b.name
            raise MeetingRuleError("slot", f"{name} is not available in that slot")
    others = db.session.scalars(
        select(Meeting).where(
            Meeting.event_id == event.id,
            Meeting.slot_id == slot_id,
            Meeting.cancelled.is_(False),
            Meeting.id != meeting.id,
        )
    ).all()
    for other in others:
        if {other.a_id, other.b_id} & {meeting.a_id, meeting.b_id}:
            raise MeetingRuleError("slot", "one of the two already has a meeting in that slot")
        if other.table == table:
            raise MeetingRuleError("table", "that table is taken in that slot")


def people_with_meetings(event: MeetingEvent) -> list[int]:
    """User ids with at least one scheduled meeting at the event."""
    rows = db.session.execute(
        select(Meeting.a_id, Meeting.b_id).filter_by(event_id=event.id, cancelled=False)
    )
    return sorted({uid for pair in rows for uid in pair})


def meetings_of(event: MeetingEvent, user_id: int) -> list[Meeting]:
    """One person's scheduled meetings at the event, in time order."""
    meetings = db.session.scalars(
        select(Meeting).where(
            Meeting.event_id == event.id,
            Meeting.cancelled.is_(False),
            or_(Meeting.a_id == user_id, Meeting.b_id == user_id),
        )
    ).all()
    return sorted(meetings, key=lambda m: (m.slot.starts_at, m.table))
