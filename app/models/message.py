"""Messages between two managers after an accepted introduction: one short thread per introduction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.user import utcnow

MESSAGE_MAX_LENGTH = 2000


class IntroductionMessage(db.Model):
    """One message in the thread of an accepted introduction."""

    __tablename__ = "introduction_message"
    __table_args__ = (Index("ix_introduction_message_thread", "introduction_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    introduction_id: Mapped[int] = mapped_column(ForeignKey("introduction.id", ondelete="CASCADE"))
    # A closed account's messages stay readable for the other person, signed "A former member".
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(db.Text)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    introduction: Mapped[Introduction] = relationship()  # noqa: F821
    author: Mapped[User | None] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<IntroductionMessage {self.id} introduction={self.introduction_id}>"
