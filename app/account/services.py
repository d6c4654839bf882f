"""A member's own data: everything we hold about them as JSON, and deleting the account.

Deleting keeps the community's memory: challenges and replies stay, with no author ("Former
member"); the profile, its vectors, introductions, notifications and memberships go; the user row is
anonymised (other tables may still point at it) and can no longer log in.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime

from sqlalchemy import delete, or_, select, update

from app.extensions import db
from app.models import (
    Challenge,
    CohortMember,
    HiddenSuggestion,
    Introduction,
    LoginAttempt,
    Notification,
    NotificationPreference,
    OutboxMessage,
    Reply,
    StoredVector,
    User,
)
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
    }


def delete_account(user: User, *, password: str) -> None:
    """Check the password, then remove or anonymise everything about the user (see the module header)."""
    if not user.check_password(password):
        raise WrongPassword(
            "That password is not right. Enter your current password to delete your account."
        )
    db.session.execute(
        update(Challenge).where(Challenge.author_id == user.id).values(author_id=None)
    )
    db.session.execute(update(Reply).where(Reply.author_id == user.id).values(author_id=None))
    for statement in (
        delete(Introduction).where(
            or_(Introduction.sender_id == user.id, Introduction.recipient_id == user.id)
        ),
        delete(HiddenSuggestion).where(
            or_(HiddenSuggestion.user_id == user.id, HiddenSuggestion.hidden_user_id == user.id)
        ),
        delete(Notification).where(Notification.user_id == user.id),
        delete(NotificationPreference).where(NotificationPreference.user_id == user.id),
        delete(CohortMember).where(CohortMember.user_id == user.id),
        delete(OutboxMessage).where(OutboxMessage.user_id == user.id),
        delete(LoginAttempt).where(LoginAttempt.email == user.email),
    ):
        db.session.execute(statement.execution_options(synchronize_session=False))
    if user.profile is not None:
        db.session.execute(
            delete(StoredVector).where(
                StoredVector.owner_kind == "profile", StoredVector.owner_id == user.profile.id
            )
        )
        db.session.delete(user.profile)
    _anonymise(user)
    db.session.flush()
    db.session.expire_all()


def _anonymise(user: User) -> None:
    """Keep the row (other tables may point at it) but nothing that identifies the person."""
    user.email = f"deleted-{user.id}-{secrets.token_hex(4)}@invalid.example"
    user.name = "Former member"
    user.set_password(secrets.token_urlsafe(32))
    user.is_active_account = False
    user.role = "participant"
    user.last_login_at = None
