"""The demo community's meeting day: one upcoming event with registrations and wishes.

Called once from the demo seed (app/demo/seed.py) so a newcomer finds "Meetings" working: the
demo participant (the last of `user_ids`) is registered, has wishes, and is wished for.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from sqlalchemy import insert

from app.extensions import db
from app.meetings.slots import plan_slots
from app.models import MeetingEvent, MeetingParticipant, MeetingSlot, MeetingWish

PARTICIPANTS = 40
WISHES_EACH = 3


def seed_meeting_day(
    rng: random.Random, user_ids: list[int], organiser_id: int, *, today: date
) -> MeetingEvent:
    """An upcoming one-day matchmaking event, wishes open, with registrations and wishes."""
    day = today + timedelta(days=21)
    event = MeetingEvent(
        name="Cluster matchmaking day",
        place="Brussels, Square Meeting Centre",
        timezone="Europe/Brussels",
        open_to="anyone",
        slot_minutes=20,
        table_names="\n".join(f"Table {n}" for n in range(1, 13)),
        min_meetings=3,
        max_meetings=8,
        wish_cap=12,
        phase="wishes",
        wishes_until=day - timedelta(days=7),
        draft_until=day - timedelta(days=3),
        follow_up_from=day + timedelta(days=1),
        created_by_id=organiser_id,
    )
    slots = plan_slots(
        [day],
        window_start=time(9, 0),
        window_end=time(12, 40),
        minutes=20,
        breaks=[(time(10, 40), time(11, 0))],
        timezone=event.timezone,
    )
    event.slots = [MeetingSlot(starts_at=start, ends_at=end) for start, end in slots]
    db.session.add(event)
    db.session.flush()
    demo_user = user_ids[-1]
    chosen = rng.sample(user_ids[:-1], min(PARTICIPANTS - 1, len(user_ids) - 1)) + [demo_user]
    db.session.execute(
        insert(MeetingParticipant), [{"event_id": event.id, "user_id": uid} for uid in chosen]
    )
    db.session.execute(insert(MeetingWish), _wishes(rng, event.id, chosen, demo_user))
    return event


def _wishes(rng: random.Random, event_id: int, chosen: list[int], demo_user: int) -> list[dict]:
    """A few wishes each, the demo participant asked by three people (one of them a must)."""
    rows, seen = [], set()
    for requester in chosen:
        targets = rng.sample([u for u in chosen if u != requester], WISHES_EACH)
        for target in targets:
            seen.add((requester, target))
            rows.append(_wish(event_id, requester, target, rng.choice(("must", "want", "want"))))
    for position, requester in enumerate(chosen[:3]):
        if (requester, demo_user) not in seen:
            rows.append(_wish(event_id, requester, demo_user, "must" if position == 0 else "want"))
    return rows


def _wish(event_id: int, requester: int, target: int, choice: str) -> dict:
    return {
        "event_id": event_id,
        "requester_id": requester,
        "target_id": target,
        "choice": choice,
        "answer": "pending",
        "decline_reason": "",
    }
