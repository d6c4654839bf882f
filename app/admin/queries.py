"""Admin reads: the searchable users list, one user, the outbox."""

from __future__ import annotations

from flask import abort, current_app
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import ROLES, OutboxMessage, Profile, User
from app.search import like_anywhere


def search_users(*, text: str = "", role: str = "", active: str = "", page: int = 1) -> Pagination:
    """Users matching the search (name, email, organisation) and filters, by name, a page at a time."""
    query = select(User).outerjoin(Profile).options(selectinload(User.profile))
    if text.strip():
        pattern = like_anywhere(text.strip())
        query = query.where(
            or_(
                User.name.ilike(pattern, escape="\\"),
                User.email.ilike(pattern, escape="\\"),
                Profile.organisation.ilike(pattern, escape="\\"),
            )
        )
    if role in ROLES:
        query = query.where(User.role == role)
    if active in ("yes", "no"):
        query = query.where(User.is_active_account.is_(active == "yes"))
    query = query.order_by(User.name, User.id)
    return db.paginate(query, page=page, per_page=current_app.config["PER_PAGE"], error_out=False)


def get_user_or_404(user_id: int) -> User:
    """The user with this id, or a 404 page."""
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def outbox_page(*, page: int = 1) -> Pagination:
    """Sent and unsent emails, newest first, a page at a time."""
    query = select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
    return db.paginate(query, page=page, per_page=current_app.config["PER_PAGE"], error_out=False)
