"""Who is calling the API: a personal access token in `Authorization: Bearer …`, its scope, its rate.

Every API view is wrapped in `token_required(scope)`. The token names its owner; the owner's role
and the visibility rules then apply exactly as on the site. A revoked token, a deactivated owner
or a malformed header all get the same 401, so a caller learns nothing about other accounts.
"""

from __future__ import annotations

from datetime import timedelta
from functools import wraps

from flask import current_app, g, request
from flask_smorest import abort
from sqlalchemy import select

from app.extensions import db, limiter
from app.models import ApiToken, User, utcnow
from app.models.api_token import hash_token

BEARER = "bearer "
# last_used_at is written at most this often per token, so reading the API does not write each time.
LAST_USED_RESOLUTION = timedelta(minutes=1)
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="api"'}


def _presented_secret() -> str | None:
    header = request.headers.get("Authorization", "")
    if header[: len(BEARER)].lower() != BEARER:
        return None
    return header[len(BEARER) :].strip() or None


def rate_limit_key() -> str:
    """Requests are counted per token (per address for calls without one)."""
    secret = _presented_secret()
    return f"token:{hash_token(secret)[:32]}" if secret else f"ip:{request.remote_addr}"


def _rate_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def current_token() -> ApiToken:
    """The active token of this request, its owner loaded; 401 otherwise."""
    secret = _presented_secret()
    token = None
    if secret:
        token = db.session.scalar(
            select(ApiToken)
            .join(ApiToken.user)
            .where(
                ApiToken.token_hash == hash_token(secret),
                ApiToken.revoked_at.is_(None),
                User.is_active_account.is_(True),
            )
        )
    if token is None:
        abort(401, message=_unauthorised_message(secret), headers=CHALLENGE)
    now = utcnow()
    last = token.last_used_at
    if last is None or _aware(last) < now - LAST_USED_RESOLUTION:
        token.last_used_at = now
        db.session.commit()
    return token


def _aware(moment):
    # SQLite gives naive datetimes back; they were stored as UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)


def _unauthorised_message(secret: str | None) -> str:
    if secret is None:
        return "Send a personal access token: `Authorization: Bearer <token>` (create one under API tokens on your account page)."
    return "This token is not valid: it may be mistyped or revoked. Create a new one on your account page."


def token_required(scope: str = "read"):
    """Let the view run for a valid token with `scope` (write tokens may also read); sets g.api_user."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            token = current_token()
            if scope == "write" and not token.can_write:
                abort(
                    403,
                    message="This token is read-only. Create a token with write access to post.",
                )
            g.api_token, g.api_user = token, token.user
            return view(*args, **kwargs)

        return limiter.limit(_rate_limit, key_func=rate_limit_key)(wrapped)

    return decorator


def api_user() -> User:
    """The owner of this request's token (inside a `token_required` view)."""
    return g.api_user
