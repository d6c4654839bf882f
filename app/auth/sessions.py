"""Login sessions: each login on each device is a row, named in the session and remember-me cookies.

Flask's session cookie is signed but lives in the browser, so logging out cannot take it back; the
row can go instead. A cookie whose login session is gone opens nothing: that is how log out, "Log
out of all devices" and a password reset end sessions elsewhere, remember-me cookies included.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from app.extensions import db
from app.models import LoginSession, User


def user_for_session_id(session_id: str) -> User | None:
    """The user a cookie's "<user id>:<token>" names, while that login session lasts."""
    user_id, _, token = (session_id or "").partition(":")
    if not token or not user_id.isdigit():
        return None  # a cookie from before login sessions, or forged
    user = db.session.scalar(
        select(User)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(User.id == int(user_id), LoginSession.token == token)
    )
    if user is not None:
        user.session_token = token
    return user


def end_login_session(user: User) -> None:
    """End the login session this request came with (log out here only)."""
    token = getattr(user, "session_token", None)
    if token:
        db.session.execute(delete(LoginSession).where(LoginSession.token == token))
        user.session_token = None
    db.session.flush()


def end_all_login_sessions(user: User) -> int:
    """End every login session of the user, on every device; returns how many ended."""
    ended = db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id)).rowcount
    user.session_token = None
    db.session.flush()
    return ended
