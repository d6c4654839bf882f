"""Account reads: finding a user by email and the failed-login throttle."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from app.extensions import db
from app.models import LoginAttempt, User, utcnow


def find_user_by_email(email: str) -> User | None:
    """The account for an email, whatever its case."""
    return db.session.scalar(select(User).where(User.email == User.normalise_email(email)))


def email_is_registered(email: str) -> bool:
    """True when an account already uses this email (case-insensitively)."""
    return find_user_by_email(email) is not None


def login_wait_seconds(email: str, ip: str, *, now: datetime | None = None) -> int:
    """Seconds until another login attempt is allowed; 0 when it is allowed now.

    An account (or an IP) may fail at most its configured number of times within the window;
    the attempt after that is refused until the oldest failure leaves the window.
    """
    config = current_app.config
    now = now or utcnow()
    window = timedelta(seconds=config["LOGIN_FAILURE_WINDOW"])
    limits = (
        (
            LoginAttempt.email == User.normalise_email(email),
            config["LOGIN_MAX_FAILURES_PER_ACCOUNT"],
        ),
        (LoginAttempt.ip == ip, config["LOGIN_MAX_FAILURES_PER_IP"]),
    )
    wait = 0
    for matches, limit in limits:
        count, oldest = db.session.execute(
            select(func.count(LoginAttempt.id), func.min(LoginAttempt.created_at)).where(
                matches, LoginAttempt.created_at > now - window
            )
        ).one()
        if count >= limit:
            wait = max(wait, _seconds_until(_aware(oldest) + window, now))
    return wait


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, int((moment - now).total_seconds()) + 1)
