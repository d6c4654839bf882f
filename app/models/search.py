"""Search documents: the folded texts the directory and the challenge list search (see app/search.py).

One narrow row per profile and per challenge, written whenever the texts change. Kept apart from
the profile and challenge rows so a search reads a few hundred bytes per row, not the whole
profile, and so PostgreSQL's trigram indexes cover exactly what is searched.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.challenge import Challenge
from app.models.profile import Profile, trigram_index


class ProfileSearch(db.Model):
    """A profile's search texts, folded: `names` for visitors, `document` for members."""

    __tablename__ = "profile_search"
    __table_args__ = (
        trigram_index("profile_search", "names"),
        trigram_index("profile_search", "document"),
    )

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True
    )
    names: Mapped[str] = mapped_column(db.Text, default="")
    document: Mapped[str] = mapped_column(db.Text, default="")

    profile: Mapped[Profile] = relationship(back_populates="search")

    def __repr__(self) -> str:
        return f"<ProfileSearch {self.profile_id}>"


class ChallengeSearch(db.Model):
    """A challenge's title and body, folded."""

    __tablename__ = "challenge_search"
    __table_args__ = (trigram_index("challenge_search", "document"),)

    challenge_id: Mapped[int] = mapped_column(
        ForeignKey("challenge.id", ondelete="CASCADE"), primary_key=True
    )
    document: Mapped[str] = mapped_column(db.Text, default="")

    challenge: Mapped[Challenge] = relationship(back_populates="search")

    def __repr__(self) -> str:
        return f"<ChallengeSearch {self.challenge_id}>"
