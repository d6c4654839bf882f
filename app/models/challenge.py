"""Challenges cluster managers post, and the replies peers give."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.checks import one_of
from app.models.user import utcnow

STATUSES = ("open", "solved")


class Challenge(db.Model):
    """A problem a manager faces, in Markdown, tagged with 1-3 themes and an ecosystem."""

    __tablename__ = "challenge"
    # created_at alone serves the unfiltered list, newest first, at any page.
    __table_args__ = (
        Index("ix_challenge_status_created", "status", "created_at"),
        one_of("status", STATUSES),
        Index("ix_challenge_created", "created_at"),
        # Text search reads challenge_search (app/models/search.py), not these columns.
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(160))
    body: Mapped[str] = mapped_column(db.Text)
    body_html: Mapped[str] = mapped_column(db.Text, default="")
    ecosystem: Mapped[str | None] = mapped_column(String(40), index=True)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    status: Mapped[str] = mapped_column(String(10), default="open")
    accepted_reply_id: Mapped[int | None] = mapped_column(
        ForeignKey("reply.id", ondelete="SET NULL", use_alter=True)
    )
    edition_id: Mapped[int | None] = mapped_column(
        ForeignKey("edition.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    solved_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    # Set when the author deleted a challenge others had replied to: their replies stay, the
    # challenge's own text goes (app/challenges/services.py delete_challenge).
    removed_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])  # noqa: F821
    theme_links: Mapped[list[ChallengeTheme]] = relationship(
        back_populates="challenge", cascade="all, delete-orphan", order_by="ChallengeTheme.position"
    )
    replies: Mapped[list[Reply]] = relationship(
        back_populates="challenge",
        cascade="all, delete-orphan",
        order_by="Reply.created_at",
        foreign_keys="Reply.challenge_id",
    )
    accepted_reply: Mapped[Reply | None] = relationship(
        foreign_keys=[accepted_reply_id], post_update=True
    )
    search: Mapped[ChallengeSearch | None] = relationship(  # noqa: F821 — app/models/search.py
        back_populates="challenge", cascade="all, delete-orphan", uselist=False
    )

    @property
    def themes(self) -> list[str]:
        """The 1-3 theme slugs."""
        return [link.theme for link in self.theme_links]

    @themes.setter
    def themes(self, slugs: list[str]) -> None:
        self.theme_links = [ChallengeTheme(theme=s, position=i) for i, s in enumerate(slugs)]

    @property
    def is_removed(self) -> bool:
        """True once the author removed it; only others' replies are left."""
        return self.removed_at is not None

    @property
    def is_solved(self) -> bool:
        """True once the author marked the challenge solved."""
        return self.status == "solved"

    def __repr__(self) -> str:
        return f"<Challenge {self.id} {self.title!r} {self.status}>"


class ChallengeTheme(db.Model):
    """A theme a challenge is tagged with (a row each, for filtering)."""

    __tablename__ = "challenge_theme"

    challenge_id: Mapped[int] = mapped_column(
        ForeignKey("challenge.id", ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)

    challenge: Mapped[Challenge] = relationship(back_populates="theme_links")

    def __repr__(self) -> str:
        return f"<ChallengeTheme {self.challenge_id} {self.theme}>"


class Reply(db.Model):
    """A peer's answer to a challenge; the author can mark one helpful (the accepted answer)."""

    __tablename__ = "reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(
        ForeignKey("challenge.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(db.Text)
    body_html: Mapped[str] = mapped_column(db.Text, default="")
    helpful: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    challenge: Mapped[Challenge] = relationship(
        back_populates="replies", foreign_keys=[challenge_id]
    )
    author: Mapped[User | None] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<Reply {self.id} on challenge {self.challenge_id}>"
