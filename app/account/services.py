"""A member's own data: everything we hold about them as JSON, and deleting the account.

What is kept for others and what goes is app/privacy.py's policy.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import or_, select

from app.extensions import db
from app.models import (
    Challenge,
    CohortMember,
    Introduction,
    Notification,
    Reply,
    User,
)
from app.privacy import erase_person, export_account_extras, export_coaching
from app.profiles import photos
from app.profiles.services import PLAIN_FIELDS


class WrongPassword(ValueError):
    """The password typed to confirm the deletion does not match."""


def _plain(value):
    """JSON-friendly dates."""
    return value.isoformat() if isinstance(value, date | datetime) else value


def _row(obj, names: tuple[str, ...]) -> dict:
    return {name: _plain(getattr(obj, name)) for name in names}


def export_user_data(user: User) -> dict:
    """Everything the site holds about the user: account, profile, challenges, replies, introductions, notifications."""
    profile = user.profile
    introductions = db.session.scalars(
        select(Introduction)
        .where(or_(Introduction.sender_id == user.id, Introduction.recipient_id == user.id))
        .order_by(Introduction.created_at)
    )
    return {
        "account": _row(user, ("id", "email", "name", "role", "created_at", "last_login_at")),
        "profile": None
        if profile is None
        else {
            **_row(profile, (*PLAIN_FIELDS, "maturity", "created_at")),
            "ecosystems": profile.ecosystems,
            "photo": photos.export(profile),  # the kept thumbnail itself, base64 (None: no photo)
        },
        "cohorts": [
            {"cohort": m.cohort.name, "role": m.role}
            for m in db.session.scalars(select(CohortMember).where(CohortMember.user_id == user.id))
        ],
        "challenges": [
            {
                **_row(
                    c, ("id", "title", "body", "status", "ecosystem", "created_at", "solved_at")
                ),
                "themes": c.themes,
            }
            for c in db.session.scalars(select(Challenge).where(Challenge.author_id == user.id))
        ],
        "replies": [
            _row(r, ("id", "challenge_id", "body", "helpful", "created_at"))
            for r in db.session.scalars(select(Reply).where(Reply.author_id == user.id))
        ],
        "introductions": [
            {
                **_row(i, ("id", "status", "message", "created_at", "responded_at")),
                "direction": "sent" if i.sender_id == user.id else "received",
                "with": i.other_side(user).name,
                "outcomes": [
                    _row(o, ("kind", "note", "created_at"))
                    for o in i.outcomes
                    if o.user_id == user.id
                ],
            }
            for i in introductions
        ],
        "notifications": [
            _row(n, ("event", "message", "link", "created_at", "read_at"))
            for n in db.session.scalars(select(Notification).where(Notification.user_id == user.id))
        ],
        **export_coaching(user),
        **export_account_extras(user),
    }


def delete_account(user: User, *, password: str) -> None:
    """Check the password, then remove or anonymise everything about the user (app/privacy.py)."""
    if not user.check_password(password):
        raise WrongPassword(
            "That password is not right. Enter your current password to delete your account."
        )
    erase_person(user)
