"""Writes of the API area: personal access tokens. They flush; the request commits."""

from __future__ import annotations

from app.extensions import db
from app.models import ApiToken, User, utcnow
from app.models.api_token import hash_token

MAX_ACTIVE_TOKENS = 20


class TooManyTokens(ValueError):
    """A person may keep a limited number of active tokens; the message says what to do."""


def create_token(owner: User, *, name: str, scope: str) -> tuple[ApiToken, str]:
    """Make a token for `owner`; returns it and its secret, which is never stored or shown again."""
    active = sum(1 for _ in active_tokens(owner))
    if active >= MAX_ACTIVE_TOKENS:
        raise TooManyTokens(
            f"You have {active} active tokens, the most allowed. Revoke one you no longer use first."
        )
    secret = ApiToken.new_secret()
    token = ApiToken(
        user_id=owner.id, name=name, scope=scope, token_hash=hash_token(secret), hint=secret[:10]
    )
    db.session.add(token)
    db.session.flush()
    return token, secret


def revoke_token(token: ApiToken) -> ApiToken:
    """Stop a token from working; it stays in the list, marked revoked."""
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.flush()
    return token


def active_tokens(owner: User):
    """The owner's tokens that still work."""
    return (t for t in tokens_of(owner) if t.is_active)


def tokens_of(owner: User) -> list[ApiToken]:
    """The owner's tokens, newest first."""
    from sqlalchemy import select

    query = select(ApiToken).where(ApiToken.user_id == owner.id).order_by(ApiToken.id.desc())
    return list(db.session.scalars(query))
