"""Account writes: the login throttle's records and password resets. They flush, never commit.

Registration and email confirmation are in app/auth/registration.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from flask import current_app
from sqlalchemy import delete
from werkzeug.security import check_password_hash, generate_password_hash

from app.auth.queries import find_user_by_email, login_wait_seconds
from app.auth.sessions import end_all_login_sessions
from app.auth.tokens import make_reset_token
from app.extensions import db
from app.mail import send_email
from app.models import LoginAttempt, User, utcnow
from app.security import external_url

WRONG_CREDENTIALS = "Email or password is incorrect."
DEACTIVATED = "This account has been deactivated. Contact an administrator."


@dataclass(frozen=True)
class LoginOutcome:
    """What a login attempt came to: a user to log in, an error to show, or a wait imposed."""

    user: User | None = None
    error: str | None = None
    wait_seconds: int = 0


def begin_login_attempt(*, email: str, ip: str) -> LoginAttempt:
    """Record an attempt before its password is checked; the caller commits it at once.

    Counting committed attempts, every concurrent guess sees the ones before it, so no more
    guesses are checked than the throttle allows, however many arrive at the same moment.
    """
    window_start = utcnow() - timedelta(seconds=current_app.config["LOGIN_FAILURE_WINDOW"])
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.created_at < window_start))
    attempt = LoginAttempt(email=User.normalise_email(email)[:254], ip=(ip or "unknown")[:64])
    db.session.add(attempt)
    db.session.flush()
    return attempt


def authenticate(attempt: LoginAttempt, *, password: str) -> LoginOutcome:
    """Check a begun attempt under the throttle; a wrong guess stays recorded, every one reads the same.

    A refused or successful attempt is forgotten. The deactivated message is only given after a
    correct password, so it reveals nothing to guessers.
    """
    wait = login_wait_seconds(attempt.email, attempt.ip, excluding=attempt.id)
    if wait:
        db.session.delete(attempt)
        return LoginOutcome(wait_seconds=wait)
    user = find_user_by_email(attempt.email)
    if not _password_matches(user, password):
        return LoginOutcome(error=WRONG_CREDENTIALS)
    db.session.delete(attempt)
    if not user.is_active_account:
        return LoginOutcome(error=DEACTIVATED)
    return LoginOutcome(user=user)


def _password_matches(user: User | None, password: str) -> bool:
    """Check the password, spending the same effort when there is no such user."""
    if user is None:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        check_password_hash(_unknown_user_hash(method), password)
        return False
    return user.check_password(password)


@cache
def _unknown_user_hash(method: str) -> str:
    """A hash made like real ones, checked when the email is unknown so both cases cost the same."""
    return generate_password_hash("no such user", method=method)


def clear_failed_logins(*, email: str, ip: str | None = None) -> None:
    """Forget an account's failed attempts: from one address after a login, all after a reset."""
    conditions = [LoginAttempt.email == User.normalise_email(email)]
    if ip is not None:
        conditions.append(LoginAttempt.ip == ip)
    db.session.execute(delete(LoginAttempt).where(*conditions))
    db.session.flush()


def record_login(user: User, *, ip: str | None = None) -> None:
    """Note a successful login: the time, and a clean slate for this address in the throttle."""
    user.last_login_at = utcnow()
    clear_failed_logins(email=user.email, ip=ip)


def send_password_reset(*, email: str) -> bool:
    """Mail a reset link if an active account has this email; says whether one was sent (never show it)."""
    user = find_user_by_email(email)
    if user is None or not user.is_active_account:
        return False
    token = make_reset_token(user)
    link = external_url("auth.reset_password", token=token)
    hours = max(1, current_app.config["PASSWORD_RESET_MAX_AGE"] // 3600)
    body = (
        f"Hello {user.name},\n\n"
        "Someone (hopefully you) asked to reset the password of your Cluster Booster Community account.\n"
        f"Open this link to choose a new password:\n\n{link}\n\n"
        f"The link works once and expires in {hours} hour{'s' if hours != 1 else ''}. "
        "If you did not ask for it, ignore this email:\n"
        "your password stays as it is.\n"
    )
    send_email(
        user.email,
        "Reset your Cluster Booster Community password",
        body,
        user_id=user.id,
        secrets=[token],
    )
    return True


def reset_password(user: User, *, password: str) -> None:
    """Set a new password; this voids every reset link made before and ends every login session.

    The link came by mail, so it also confirms the address: people imported through "Import
    people" become verified when they choose their password from the invitation."""
    user.set_password(password)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    end_all_login_sessions(user)
    clear_failed_logins(email=user.email)
    db.session.flush()
