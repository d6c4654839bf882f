"""Writes for editions: the real Academy editions, and adding people to an edition."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app import reference
from app.extensions import db
from app.models import MEMBER_ROLES, Edition, EditionMember, User
from app.signals import edition_member_added


def ensure_reference_editions() -> list[Edition]:
    """Create the past Academy editions from app/data/cohorts.json that are missing; safe to call again."""
    existing = {edition.name: edition for edition in db.session.scalars(select(Edition))}
    editions = []
    for listed in reference.past_editions():
        edition = existing.get(listed["name"])
        if edition is None:
            edition = Edition(name=listed["name"], **_listed_fields(listed))
            db.session.add(edition)
        editions.append(edition)
    db.session.flush()
    return editions


def _listed_fields(listed: dict) -> dict:
    online = _dates(listed.get("online"))
    in_person = _dates(listed.get("in_person"))
    return {
        "place": listed.get("place") or "",
        "host": listed.get("host") or "",
        "online_start": online[0],
        "online_end": online[1],
        "in_person_start": in_person[0],
        "in_person_end": in_person[1],
    }


def _dates(pair: list[str] | None) -> tuple[date | None, date | None]:
    if not pair:
        return None, None
    return date.fromisoformat(pair[0]), date.fromisoformat(pair[-1])


def add_member(edition: Edition, user: User, *, role: str = "participant") -> EditionMember:
    """Put `user` in `edition` with `role` (or change their role); signals edition_member_added when they join."""
    if role not in MEMBER_ROLES:
        raise ValueError(f"role must be one of {', '.join(MEMBER_ROLES)}, not {role!r}")
    membership = db.session.scalar(
        select(EditionMember).where(
            EditionMember.edition_id == edition.id, EditionMember.user_id == user.id
        )
    )
    if membership is not None:
        membership.role = role
        db.session.flush()
        return membership
    membership = EditionMember(edition=edition, user=user, role=role)
    db.session.add(membership)
    db.session.flush()
    edition_member_added.send(edition, user=user, role=role)
    return membership
