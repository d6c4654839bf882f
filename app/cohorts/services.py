"""Writes for cohorts: the real Academy editions, and adding people to an edition."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app import reference
from app.extensions import db
from app.models import MEMBER_ROLES, Cohort, CohortMember, User
from app.signals import cohort_member_added


def ensure_reference_cohorts() -> list[Cohort]:
    """Create the past Academy editions from app/data/cohorts.json that are missing; safe to call again."""
    existing = {cohort.name: cohort for cohort in db.session.scalars(select(Cohort))}
    cohorts = []
    for edition in reference.past_cohorts():
        cohort = existing.get(edition["name"])
        if cohort is None:
            cohort = Cohort(name=edition["name"], **_edition_fields(edition))
            db.session.add(cohort)
        cohorts.append(cohort)
    db.session.flush()
    return cohorts


def _edition_fields(edition: dict) -> dict:
    online = _dates(edition.get("online"))
    in_person = _dates(edition.get("in_person"))
    return {
        "place": edition.get("place") or "",
        "host": edition.get("host") or "",
        "online_start": online[0],
        "online_end": online[1],
        "in_person_start": in_person[0],
        "in_person_end": in_person[1],
    }


def _dates(pair: list[str] | None) -> tuple[date | None, date | None]:
    if not pair:
        return None, None
    return date.fromisoformat(pair[0]), date.fromisoformat(pair[-1])


def add_member(cohort: Cohort, user: User, *, role: str = "participant") -> CohortMember:
    """Put `user` in `cohort` with `role` (or change their role); signals cohort_member_added when they join."""
    if role not in MEMBER_ROLES:
        raise ValueError(f"role must be one of {', '.join(MEMBER_ROLES)}, not {role!r}")
    membership = db.session.scalar(
        select(CohortMember).where(
            CohortMember.cohort_id == cohort.id, CohortMember.user_id == user.id
        )
    )
    if membership is not None:
        membership.role = role
        db.session.flush()
        return membership
    membership = CohortMember(cohort=cohort, user=user, role=role)
    db.session.add(membership)
    db.session.flush()
    cohort_member_added.send(cohort, user=user, role=role)
    return membership
