"""Reads of the editions area: load-or-404 helpers (with their access checks), lists and coverage."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Cohort, CohortMember, Profile, User


def get_edition_or_404(cohort_id: int) -> Cohort:
    """An edition by id, or 404."""
    return db.get_or_404(Cohort, cohort_id)


def membership(cohort_id: int, user: User) -> CohortMember | None:
    """The user's membership of the edition, if any."""
    return db.session.scalar(select(CohortMember).filter_by(cohort_id=cohort_id, user_id=user.id))


def editions() -> list[Cohort]:
    """Every edition, newest first."""
    return list(
        db.session.scalars(select(Cohort).order_by(Cohort.created_at.desc(), Cohort.id.desc()))
    )


def open_calls(today: date | None = None) -> list[Cohort]:
    """Editions whose call for applications is open and not past its deadline."""
    today = today or date.today()
    rows = db.session.scalars(
        select(Cohort)
        .where(Cohort.applications_open.is_(True))
        .order_by(Cohort.application_deadline)
    )
    return [c for c in rows if c.application_deadline is None or c.application_deadline >= today]


def participants(cohort: Cohort, *, attending_only: bool = False) -> list[User]:
    """The edition's participants (members with role participant), by name."""
    query = (
        select(User)
        .join(CohortMember, CohortMember.user_id == User.id)
        .where(CohortMember.cohort_id == cohort.id, CohortMember.role == "participant")
        .options(selectinload(User.profile).selectinload(Profile.ecosystem_links))
        .order_by(User.name)
    )
    if attending_only:
        query = query.where(CohortMember.attending.is_(True))
    return list(db.session.scalars(query))


def coaches(cohort: Cohort | None = None) -> list[User]:
    """The edition's coaches, else every active coach and admin, by name."""
    if cohort is not None:
        members = [m.user for m in cohort.members if m.role == "coach"]
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
