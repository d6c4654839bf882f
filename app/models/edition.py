"""Editions: editions of the Cluster Booster Academy and who took part in which role."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.checks import one_of
from app.models.user import utcnow

MEMBER_ROLES = ("participant", "coach", "organiser")


class Edition(db.Model):
    """One Academy edition: online days, in-person days, a place and its call for applications."""

    __tablename__ = "edition"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    place: Mapped[str] = mapped_column(String(120), default="")
    host: Mapped[str] = mapped_column(String(160), default="")
    description: Mapped[str] = mapped_column(db.Text, default="")
    online_start: Mapped[date | None]
    online_end: Mapped[date | None]
    in_person_start: Mapped[date | None]
    in_person_end: Mapped[date | None]
    applications_open: Mapped[bool] = mapped_column(default=False)
    application_deadline: Mapped[date | None]
    min_size: Mapped[int] = mapped_column(default=25)
    max_size: Mapped[int] = mapped_column(default=40)
    # Set while a background job accepts the shortlist (app/editions/shortlist_job.py).
    accepting_since: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    members: Mapped[list[EditionMember]] = relationship(
        back_populates="edition", cascade="all, delete-orphan"
    )

    @property
    def starts_on(self) -> date | None:
        """The first day of the edition, online or in person."""
        days = [d for d in (self.online_start, self.in_person_start) if d]
        return min(days) if days else None

    def __repr__(self) -> str:
        return f"<Edition {self.id} {self.name!r}>"


class EditionMember(db.Model):
    """A user's part in an edition: participant, coach or organiser."""

    __tablename__ = "edition_member"
    __table_args__ = (UniqueConstraint("edition_id", "user_id"), one_of("role", MEMBER_ROLES))

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("edition.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(12), default="participant")
    attending: Mapped[bool] = mapped_column(default=True)
    joined_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    edition: Mapped[Edition] = relationship(back_populates="members")
    user: Mapped[User] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<EditionMember edition={self.edition_id} user={self.user_id} {self.role}>"
