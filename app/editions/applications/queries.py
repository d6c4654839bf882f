"""Reads for applications: one application, a manager's application, the review list."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Edition, Profile, User
from app.models.coaching import (
    Application,
)


def get_application_or_404(application_id: int) -> Application:
    """An application by id, or 404 (coach views only)."""
    return db.get_or_404(Application, application_id)


def application_of(edition: Edition, user: User) -> Application | None:
    """The user's application to the edition, if they applied."""
    return db.session.scalar(select(Application).filter_by(edition_id=edition.id, user_id=user.id))


def applications(edition: Edition, *, status: str | None = None) -> list[Application]:
    """The edition's applications with the applicants' profiles, best score first."""
    query = (
        select(Application)
        .where(Application.edition_id == edition.id)
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
