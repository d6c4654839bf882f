"""The edition that is live in the demo: the 4th Academy, with its call closed and sessions ahead.

Its dates count from the day of seeding (app/demo/data/live_edition.json), so `make run` always
shows a present: applicants with decisions, a kick-off held, online days in the coming weeks and
homework due soon. The sessions, breakout round and homework come from app/editions/demo.py.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from app.demo.people import DemoPerson
from app.extensions import db
from app.models import Application, Edition
from app.models.coaching import COMMITMENTS

LIVE_FILE = Path(__file__).resolve().parent / "data" / "live_edition.json"
with open(LIVE_FILE, encoding="utf-8") as _handle:
    LIVE = json.load(_handle)


def _day(today: date, offset: int) -> date:
    return today + timedelta(days=offset)


def ensure_live_edition(today: date) -> Edition:
    """The live edition, created with dates around `today` when it is missing."""
    edition = db.session.scalar(select(Edition).where(Edition.name == LIVE["name"]))
    if edition is None:
        online, in_person = LIVE["online_in_days"], LIVE["in_person_in_days"]
        edition = Edition(
            name=LIVE["name"],
            place=LIVE["place"],
            host=LIVE["host"],
            description=LIVE["description"],
            online_start=_day(today, online[0]),
            online_end=_day(today, online[-1]),
            in_person_start=_day(today, in_person[0]),
            in_person_end=_day(today, in_person[-1]),
            applications_open=False,
            application_deadline=_day(today, -LIVE["deadline_days_ago"]),
        )
        db.session.add(edition)
        db.session.flush()
    return edition


def live_texts(person: DemoPerson, today: date) -> dict:
    """The words an applicant's motivation and homework are filled with."""
    need = person.needs.split(". ")[0].rstrip(".") + "."
    return {
        **person.slots,
        "years": max(1, today.year - person.founded_year),
        "need": need,
        "need_lower": need[0].lower() + need[1:],
    }


def insert_applications(
    rng: random.Random,
    people: list[DemoPerson],
    user_ids: list[int],
    edition: Edition,
    *,
    live_index: int,
    today: date,
) -> int:
    """Accepted applications for the live edition's participants, and the others' decisions."""
    deadline = datetime.combine(edition.application_deadline, time(12), tzinfo=UTC)
    decided = deadline + timedelta(days=9)
    rows = [
        _application(rng, person, user_id, edition, deadline, status="accepted", decided=decided)
        for person, user_id in zip(people, user_ids, strict=True)
        if person.edition == live_index
    ]
    others = [
        i
        for i, person in enumerate(people)
        if person.edition is None and person.visibility != "hidden"
    ]
    wanted = LIVE["extra_applicants"]
    chosen = rng.sample(others, min(len(others), sum(wanted.values())))
    statuses = [status for status, n in wanted.items() for _ in range(n)]
    for index, status in zip(chosen, statuses, strict=False):
        row = _application(
            rng,
            people[index],
            user_ids[index],
            edition,
            deadline,
            status="declined" if status == "ineligible" else status,
            decided=decided if status in ("declined", "ineligible") else None,
        )
        if status == "ineligible":
            row["eligible"] = False
            row["eligibility_notes"] = rng.choice(LIVE["ineligible_notes"])
            row["commitments"] = sorted(c for c in COMMITMENTS if c != "attend_all_days")
        rows.append(row)
    if rows:
        db.session.execute(insert(Application), rows)
    return len(rows)


def _application(
    rng: random.Random,
    person: DemoPerson,
    user_id: int,
    edition: Edition,
    deadline: datetime,
    *,
    status: str,
    decided: datetime | None,
) -> dict:
    texts = live_texts(person, deadline.date())
    return {
        "edition_id": edition.id,
        "user_id": user_id,
        "motivation": rng.choice(LIVE["motivations"]).format(**texts),
        "challenges": person.needs,
        "commitments": sorted(COMMITMENTS),
        "eligible": True,
        "eligibility_notes": "",
        "status": status,
        "score": rng.randint(3, 5) if status in ("accepted", "shortlisted") else None,
        "created_at": deadline - timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 20)),
        "decided_at": decided,
    }
