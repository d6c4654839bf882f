"""Reads of the editions area: load-or-404 helpers (with their access checks), lists and coverage."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Edition, EditionMember, Profile, User


def get_edition_or_404(edition_id: int) -> Edition:
    """An edition by id, or 404."""
    return db.get_or_404(Edition, edition_id)


def membership(edition_id: int, user: User) -> EditionMember | None:
    """The user's membership of the edition, if any."""
    return db.session.scalar(
        select(EditionMember).filter_by(edition_id=edition_id, user_id=user.id)
    )


def editions() -> list[Edition]:
    """Every edition, newest first."""
    return list(
        db.session.scalars(select(Edition).order_by(Edition.created_at.desc(), Edition.id.desc()))
    )


def open_calls(today: date | None = None) -> list[Edition]:
    """Editions whose call for applications is open and not past its deadline."""
    today = today or date.today()
    rows = db.session.scalars(
        select(Edition)
        .where(Edition.applications_open.is_(True))
        .order_by(Edition.application_deadline)
    )
    return [c for c in rows if c.application_deadline is None or c.application_deadline >= today]


def participants(edition: Edition, *, attending_only: bool = False) -> list[User]:
    """The edition's participants (members with role participant), by name."""
    query = (
        select(User)
        .join(EditionMember, EditionMember.user_id == User.id)
        .where(EditionMember.edition_id == edition.id, EditionMember.role == "participant")
        .options(selectinload(User.profile).selectinload(Profile.ecosystem_links))
        .order_by(User.name)
    )
    if attending_only:
        query = query.where(EditionMember.attending.is_(True))
    return list(db.session.scalars(query))


def coaches(edition: Edition | None = None) -> list[User]:
    """The edition's coaches, else every active coach and admin, by name."""
    if edition is not None:
        members = [m.user for m in edition.members if m.role == "coach"]
        if members:
            return sorted(members, key=lambda u: u.name)
    query = (
        select(User)
        .where(User.role.in_(("coach", "admin")), User.is_active_account.is_(True))
        .order_by(User.name)
    )
    return list(db.session.scalars(query.options(selectinload(User.profile))))


def profile_mix(users: list[User]) -> dict[str, Counter]:
    """How many people per country, ecosystem and maturity level (from their profiles)."""
    mix = {"countries": Counter(), "ecosystems": Counter(), "maturity": Counter()}
    for user in users:
        if user.profile is None:
            continue
        mix["countries"][user.profile.country] += 1
        mix["ecosystems"].update(user.profile.ecosystems)
        mix["maturity"][user.profile.maturity] += 1
    return mix
