"""Meeting figures: meetings held, no-shows and outcomes, by wish type and by matcher mode.

One function for the event report and the edition dashboard (`meeting_figures(event_ids)`).
A row is how the pair got on the schedule: a "Must meet" or "Would like to meet" wish (the
stronger of the pair's wishes), or the matcher in a mode, to reach someone's minimum or to fill
a free slot. Outcomes come twice: "What came of it" asked after the day, and the six-month
rating, where a meeting counts once with the furthest outcome either person gave.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select

from app.extensions import db
from app.meetings.follow_up.queries import ratings_by_meeting
from app.models import Meeting, MeetingWish
from app.models.meeting import OUTCOMES, WISH_CHOICES

MATCHER_KINDS = {"minimum": "to reach the minimum", "suggestion": "to fill a free slot"}


@dataclass
class Figures:
    """Rows by how the pair was made (label → counts), and their total."""

    rows: dict[str, Counter] = field(default_factory=dict)
    total: Counter = field(default_factory=Counter)


def meeting_figures(event_ids: list[int]) -> Figures:
    """The figures over the scheduled (not cancelled) meetings of these events."""
    figures = Figures()
    if not event_ids:
        return figures
    meetings = db.session.scalars(
        select(Meeting)
        .where(Meeting.event_id.in_(event_ids), Meeting.cancelled.is_(False))
        .order_by(Meeting.id)
    ).all()
    wishes = _strongest_wishes(event_ids)
    later = ratings_by_meeting([m.id for m in meetings])
    for meeting in meetings:
        label = _how_made(meeting, wishes)
        row = figures.rows.setdefault(label, Counter())
        for counts in (row, figures.total):
            counts["meetings"] += 1
            counts["held"] += meeting.held is True
            counts["no_show"] += meeting.held is False
            if meeting.outcome:
                counts[f"day:{meeting.outcome}"] += 1
            if later.get(meeting.id):
                counts["rated"] += 1
                counts[f"later:{_furthest(later[meeting.id])}"] += 1
    figures.rows = dict(sorted(figures.rows.items(), key=lambda item: _row_order(item[0])))
    return figures


def _strongest_wishes(event_ids: list[int]) -> dict[tuple[int, int, int], str]:
    """(event, lower user id, higher user id) → "must" if either wished "Must meet", else "want"."""
    strongest: dict[tuple[int, int, int], str] = {}
    rows = db.session.execute(
        select(
            MeetingWish.event_id,
            MeetingWish.requester_id,
            MeetingWish.target_id,
            MeetingWish.choice,
        ).where(MeetingWish.event_id.in_(event_ids), MeetingWish.choice.in_(("must", "want")))
    )
    for event_id, requester, target, choice in rows:
        key = (event_id, *sorted((requester, target)))
        if strongest.get(key) != "must":
            strongest[key] = choice
    return strongest


def _how_made(meeting: Meeting, wishes: dict) -> str:
    if meeting.kind == "request":
        choice = wishes.get((meeting.event_id, meeting.a_id, meeting.b_id), "want")
        return f"Wish: {WISH_CHOICES[choice]}"
    how = MATCHER_KINDS.get(meeting.kind, meeting.kind)
    return f"Matcher ({meeting.mode or 'mixed'} mode), {how}"


def _furthest(outcomes: list[str]) -> str:
    order = list(OUTCOMES)
    return max(outcomes, key=order.index)


def _row_order(label: str) -> tuple[int, str]:
    return (0 if label.startswith("Wish: Must") else 1 if label.startswith("Wish") else 2, label)
