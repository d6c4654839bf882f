"""Reads for notifications: the unread count under the bell, a user's list, load-or-404."""

from __future__ import annotations

from flask import abort
from sqlalchemy import func, select

from app.extensions import db
from app.models import Notification, User


def unread_count(user: User) -> int:
    """How many notifications the user has not read (one indexed COUNT)."""
    query = (
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )
    return db.session.scalar(query) or 0


def notifications_page(user: User, *, page: int, per_page: int):
    """One page of the user's notifications, newest first."""
    query = (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def get_notification_or_404(notification_id: int, *, owned_by: User) -> Notification:
    """The notification, or 404 when it is missing or belongs to someone else (no hint it exists)."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != owned_by.id:
        abort(404)
    return notification
