"""Mailed tokens: password-reset links (void once the password changes) and email confirmation
links (void once the address changes). Both are signed with SECRET_KEY and expire."""

from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.extensions import db
from app.models import User

SALT = "password-reset"
CONFIRM_SALT = "email-confirmation"  # a reset token can never pass as a confirmation, nor back


def _serializer(salt: str = SALT) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def password_fingerprint(user: User) -> str:
    """A short digest of the current password hash: changing the password voids older tokens."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def make_reset_token(user: User, *, invitation: bool = False) -> str:
    """A URL-safe token naming the user and their current password.

    An invitation (someone imported who has never chosen a password) lasts INVITATION_MAX_AGE
    instead of the reset link's few hours; both stop working once a password is set."""
    payload = {"user": user.id, "fp": password_fingerprint(user)}
    if invitation:
        payload["invite"] = True
    return _serializer().dumps(payload)


def user_from_reset_token(token: str) -> User | None:
    """The user a valid, unexpired, unused token was made for; None otherwise."""
    config = current_app.config
    longest = max(config["PASSWORD_RESET_MAX_AGE"], config.get("INVITATION_MAX_AGE", 0))
    try:
        payload, signed_at = _serializer().loads(token, max_age=longest, return_timestamp=True)
    except BadSignature:  # also covers SignatureExpired
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("user"), int):
        return None
    max_age = (
        config["INVITATION_MAX_AGE"] if payload.get("invite") else config["PASSWORD_RESET_MAX_AGE"]
    )
    now = _serializer().make_signer(SALT).get_timestamp()  # the signer's clock, as loads() uses
    if now - signed_at.timestamp() > max_age:
        return None
    user = db.session.get(User, payload["user"])
    if (
        user is None
        or not user.is_active_account
        or payload.get("fp") != password_fingerprint(user)
    ):
        return None
    return user


def make_confirmation_token(user: User) -> str:
    """A URL-safe token naming the user and the address it was mailed to."""
    return _serializer(CONFIRM_SALT).dumps({"user": user.id, "email": user.email})


def user_from_confirmation_token(token: str) -> User | None:
    """The active user a valid, unexpired confirmation token was made for, at the same address."""
    try:
        payload = _serializer(CONFIRM_SALT).loads(
            token, max_age=current_app.config["EMAIL_CONFIRMATION_MAX_AGE"]
        )
    except BadSignature:  # also covers SignatureExpired
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("user"), int):
        return None
    user = db.session.get(User, payload["user"])
    if user is None or not user.is_active_account or payload.get("email") != user.email:
        return None
    return user
