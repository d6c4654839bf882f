"""Accounts: who can log in, with which role, and the throttle on failed logins."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models.checks import one_of

ROLES = ("participant", "alumni", "coach", "admin")


def utcnow() -> datetime:
    """Timezone-aware now, the default for every created_at."""
    return datetime.now(UTC)


class User(UserMixin, db.Model):
    """A person with an account; every cluster manager, coach and admin is one."""

    __tablename__ = "user"
    __table_args__ = (one_of("role", ROLES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    # Indexed: the directory lists people by name, and walks this index for a page of 20.
    name: Mapped[str] = mapped_column(String(120), index=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20), default="participant")
    # Indexed: the visibility rule looks up the few deactivated accounts on every directory page.
    is_active_account: Mapped[bool] = mapped_column(default=True, index=True)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    # When the owner opened the confirmation link (or set a password from a mailed link). Until
    # then the account is listed nowhere and cannot request introductions (app/profile_visibility.py).
    # Indexed: the visibility rule looks up the few unconfirmed accounts on every directory page.
    email_verified_at: Mapped[datetime | None] = mapped_column(
        db.DateTime(timezone=True), index=True
    )
    # The person's time zone (a zoneinfo name such as Europe/Brussels), or None until they say;
    # pages show event times in it as well when it differs from the event's.
    timezone: Mapped[str | None] = mapped_column(String(64))

    profile: Mapped[Profile | None] = relationship(back_populates="user", uselist=False)  # noqa: F821

    @staticmethod
    def normalise_email(email: str) -> str:
        """Emails are unique case-insensitively: store and look them up lower-cased."""
        return (email or "").strip().lower()

    def set_password(self, password: str) -> None:
        """Store a salted hash of the password, never the password."""
        method = (
            current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
            if has_app_context()
            else "scrypt"
        )
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        """True when the password matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        """Flask-Login's id in the session and remember cookie: the user and one login session.

        Ending that login session (log out, log out of all devices, a password reset) voids the
        cookies that carry it. A user logged in without the login form (the test client) gets a
        login session opened here.
        """
        token = getattr(self, "session_token", None) or self.open_login_session()
        return f"{self.id}:{token}"

    def open_login_session(self) -> str:
        """Start a login session for this user; its random token goes into their cookies."""
        login_session = LoginSession(user_id=self.id, token=secrets.token_urlsafe(32))
        db.session.add(login_session)
        db.session.flush()
        self.session_token = login_session.token
        return login_session.token

    @property
    def is_active(self) -> bool:
        """Flask-Login refuses deactivated accounts."""
        return self.is_active_account

    @property
    def email_verified(self) -> bool:
        """True once the owner proved the email is theirs (app/auth/confirmation.py)."""
        return self.email_verified_at is not None

    @property
    def is_coach(self) -> bool:
        """Coaches and admins run editions and breakout groups."""
        return self.role in ("coach", "admin")

    @property
    def is_admin(self) -> bool:
        """Admins manage users."""
        return self.role == "admin"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"


class LoginSession(db.Model):
    """One login on one device; the session and remember-me cookies name it, and end with it."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<LoginSession {self.id} of user {self.user_id}>"


class LoginAttempt(db.Model):
    """One failed login, kept for a short window to throttle guessing per account and per IP."""

    __tablename__ = "login_attempt"
    __table_args__ = (
        Index("ix_login_attempt_email_at", "email", "created_at"),
        Index("ix_login_attempt_ip_at", "ip", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    ip: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<LoginAttempt {self.email} from {self.ip}>"


class OutboxMessage(db.Model):
    """An email the site sent, kept so admins can read it when no mail server is configured."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(db.Text)
    sent: Mapped[bool] = mapped_column(default=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, server_default=func.now()
    )

    def __repr__(self) -> str:
        return f"<OutboxMessage to {self.recipient}: {self.subject}>"
