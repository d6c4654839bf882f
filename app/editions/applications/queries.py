"""Reads for applications: one application, a manager's application, the review list."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Cohort, Profile, User
from app.models.coaching import (
    Application,
)


def get_application_or_404(application_id: int) -> Application:
    """An application by id, or 404 (coach views only)."""
    return db.get_or_404(Application, application_id)


def application_of(cohort: Cohort, user: User) -> Application | None:
    """The user's application to the edition, if they applied."""
    return db.session.scalar(select(Application).filter_by(cohort_id=cohort.id, user_id=user.id))


def applications(cohort: Cohort, *, status: str | None = None) -> list[Application]:
    """The edition's applications with the applicants' profiles, best score first."""
    query = (
        select(Application)
        .where(Application.cohort_id == cohort.id)
        .options(
            selectinload(Application.user)
            .selectinload(User.profile)
            .selectinload(Profile.ecosystem_links)
        )
        .order_by(Application.score.desc().nulls_last(), Application.created_at)
    )
    if status:
        query = query.where(Application.status == status)
    return list(db.session.scalars(query))
