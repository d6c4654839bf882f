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


def login_wait_seconds(
    email: str, ip: str, *, excluding: int | None = None, now: datetime | None = None
) -> int:
    """Seconds until another login attempt is allowed; 0 when it is allowed now.

    Failures are counted per (account, address), with a wait that doubles at each failure past
    the limit, so a guesser elsewhere cannot lock the owner out; a higher cap per account (over
    every address) and per address stops guessing spread over many addresses or many accounts.
    Attempts still being checked count as failures: that is what makes concurrent guesses wait.
    `excluding` is the caller's own attempt.
    """
    config = current_app.config
    now = now or utcnow()
    window = timedelta(seconds=config["LOGIN_FAILURE_WINDOW"])
    email = User.normalise_email(email)
    recent = [LoginAttempt.created_at > now - window]
    if excluding is not None:
        recent.append(LoginAttempt.id != excluding)

    count, latest = _failures(
        LoginAttempt.email == email, LoginAttempt.ip == ip, *recent, last=True
    )
    excess = count - config["LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS"]
    wait = 0
    if excess >= 0:
        backoff = min(
            window.total_seconds(), config["LOGIN_BACKOFF_SECONDS"] * 2 ** min(excess, 20)
        )
        wait = _seconds_until(_aware(latest) + timedelta(seconds=backoff), now, at_least=0)
    for matches, cap in (
        (LoginAttempt.email == email, config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]),
        (LoginAttempt.ip == ip, config["LOGIN_MAX_FAILURES_PER_IP"]),
    ):
        count, oldest = _failures(matches, *recent, last=False)
        if count >= cap:
            wait = max(wait, _seconds_until(_aware(oldest) + window, now))
    return wait


def _failures(*conditions, last: bool) -> tuple[int, datetime | None]:
    """How many recorded attempts match, with the latest (or oldest) one's time."""
    moment = func.max(LoginAttempt.created_at) if last else func.min(LoginAttempt.created_at)
    return db.session.execute(select(func.count(LoginAttempt.id), moment).where(*conditions)).one()


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _seconds_until(moment: datetime, now: datetime, *, at_least: int = 1) -> int:
    seconds = (moment - now).total_seconds()
    return 0 if seconds <= 0 and at_least == 0 else max(1, int(seconds) + 1)
