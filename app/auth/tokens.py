"""Password-reset tokens: signed, time-limited, and void once the password changes."""

from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.extensions import db
from app.models import User

SALT = "password-reset"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def password_fingerprint(user: User) -> str:
    """A short digest of the current password hash: changing the password voids older tokens."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def make_reset_token(user: User) -> str:
    """A URL-safe token naming the user and their current password."""
    return _serializer().dumps({"user": user.id, "fp": password_fingerprint(user)})


def user_from_reset_token(token: str) -> User | None:
    """The user a valid, unexpired, unused token was made for; None otherwise."""
    max_age = current_app.config["PASSWORD_RESET_MAX_AGE"]
    try:
        payload = _serializer().loads(token, max_age=max_age)
    except BadSignature:  # also covers SignatureExpired
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("user"), int):
        return None
    user = db.session.get(User, payload["user"])
    if (
        user is None
        or not user.is_active_account
        or payload.get("fp") != password_fingerprint(user)
    ):
        return None
    return user
