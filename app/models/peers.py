"""Peer connections: introductions between managers, what came of them, and suggestions set aside."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.checks import one_of
from app.models.user import utcnow

INTRODUCTION_STATUSES = ("pending", "accepted", "declined", "withdrawn")
#: Requests in these states block a new request between the same two people.
OPEN_STATUSES = ("pending", "accepted")
#: The find-peers tabs a suggestion can come from, stored with the feedback it led to.
SUGGESTION_MODES = ("similar", "helpers", "surprise")
OUTCOME_KINDS = {
    "met": "We met",
    "collaborating": "We are collaborating",
    "no_follow_up": "No follow-up",
}


class Introduction(db.Model):
    """A request by `sender` to be introduced to `recipient`, with a short message."""

    __tablename__ = "introduction"
    __table_args__ = (
        Index("ix_introduction_sender_created", "sender_id", "created_at"),
        Index("ix_introduction_recipient_status", "recipient_id", "status"),
        one_of("status", INTRODUCTION_STATUSES),
        one_of("suggestion_mode", SUGGESTION_MODES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sender_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    message: Mapped[str] = mapped_column(String(600), default="")
    status: Mapped[str] = mapped_column(String(10), default="pending")
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    # The suggestion that led to the request (tab and score), when it came from a suggestion card.
    suggestion_mode: Mapped[str | None] = mapped_column(String(10))
    suggestion_score: Mapped[float | None] = mapped_column(Float)

    sender: Mapped[User] = relationship(foreign_keys=[sender_id])  # noqa: F821
    recipient: Mapped[User] = relationship(foreign_keys=[recipient_id])  # noqa: F821
    outcomes: Mapped[list[IntroductionOutcome]] = relationship(
        back_populates="introduction",
        cascade="all, delete-orphan",
        order_by="IntroductionOutcome.created_at",
    )

    def involves(self, user) -> bool:
        """True when `user` is one of the two sides."""
        return user.id in (self.sender_id, self.recipient_id)

    def other_side(self, user):
        """The person on the other side from `user`."""
        return self.recipient if user.id == self.sender_id else self.sender

    def outcome_of(self, user) -> IntroductionOutcome | None:
        """What `user` recorded about this introduction, if anything."""
        return next((o for o in self.outcomes if o.user_id == user.id), None)

    def __repr__(self) -> str:
        return f"<Introduction {self.id} {self.sender_id}→{self.recipient_id} {self.status}>"


class IntroductionOutcome(db.Model):
    """What one side says came of an accepted introduction ("we met", "we are collaborating on …")."""

    __tablename__ = "introduction_outcome"
    __table_args__ = (
        UniqueConstraint("introduction_id", "user_id", name="uq_introduction_outcome_side"),
        one_of("kind", OUTCOME_KINDS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    introduction_id: Mapped[int] = mapped_column(
        ForeignKey("introduction.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    introduction: Mapped[Introduction] = relationship(back_populates="outcomes")

    @property
    def label(self) -> str:
        """The outcome in words."""
        return OUTCOME_KINDS.get(self.kind, self.kind)

    def __repr__(self) -> str:
        return f"<IntroductionOutcome {self.introduction_id} by {self.user_id}: {self.kind}>"


class HiddenSuggestion(db.Model):
    """A peer `user` marked "not relevant": never suggested to them again."""

    __tablename__ = "hidden_suggestion"
    __table_args__ = (
        UniqueConstraint("user_id", "hidden_user_id", name="uq_hidden_suggestion_pair"),
        one_of("suggestion_mode", SUGGESTION_MODES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    hidden_user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    # The suggestion that was set aside (tab and score), for learning which suggestions miss.
    suggestion_mode: Mapped[str | None] = mapped_column(String(10))
    suggestion_score: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<HiddenSuggestion {self.user_id} hides {self.hidden_user_id}>"
