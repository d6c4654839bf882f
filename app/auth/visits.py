"""The previous visit: when a user last logged in before this session, for "new since" on the home page."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import session

from app.models import User

SESSION_KEY = "previous_login_at"


def remember_previous_login(user: User) -> None:
    """Keep the user's last login time in the session before it is overwritten by this login."""
    session[SESSION_KEY] = user.last_login_at.isoformat() if user.last_login_at else None


def forget_previous_login() -> None:
    """Drop the stored time at logout."""
    session.pop(SESSION_KEY, None)


def previous_login_at(user: User) -> datetime | None:
    """The login before this session's; a remembered session falls back to the last recorded login."""
    if SESSION_KEY in session:
        stamp = session[SESSION_KEY]
        moment = datetime.fromisoformat(stamp) if stamp else None
    else:
        moment = user.last_login_at
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
