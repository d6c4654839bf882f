"""Personal access tokens for the JSON API: created on the account page, stored hashed, scoped."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.checks import one_of
from app.models.user import utcnow

TOKEN_SCOPES = {
    "read": "Read: profiles, challenges, editions and my notifications",
    "write": "Read and write: also post challenges and replies, and request introductions",
}
TOKEN_PREFIX = "cbc_"


def hash_token(secret: str) -> str:
    """The stored form of a token: a SHA-256 digest (tokens are long random strings, not passwords)."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(db.Model):
    """One personal access token; only its hash and its first characters are kept."""

    __tablename__ = "api_token"
    __table_args__ = (one_of("scope", TOKEN_SCOPES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    scope: Mapped[str] = mapped_column(String(8), default="read")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters, shown in the list so people can tell their tokens apart.
    hint: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))

    user: Mapped[User] = relationship()  # noqa: F821

    @staticmethod
    def new_secret() -> str:
        """A fresh token: the prefix and 32 random bytes, URL-safe."""
        return TOKEN_PREFIX + secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        """True until revoked."""
        return self.revoked_at is None

    @property
    def can_write(self) -> bool:
        """Write-scoped tokens may post; read tokens only read."""
        return self.scope == "write"

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} user={self.user_id} {self.scope} {self.hint}…>"
