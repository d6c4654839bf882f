"""Meeting days: an event's slots and tables, who takes part and when, their wishes, and meetings.

One aggregate: `MeetingEvent` owns its slots, participants (with their availability), wishes and
meetings. A `Meeting` keeps one `uid` for its whole life and raises `sequence` whenever its time or
table changes, so calendars update the entry instead of adding a second one.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.checks import one_of
from app.models.user import utcnow

PHASES = {
    "wishes": "Wishes open",
    "draft": "Draft schedule",
    "published": "Published",
    "follow_up": "Follow-up",
}
OPEN_TO = {"edition": "The edition's participants", "anyone": "Anyone who registers"}
WISH_CHOICES = {"must": "Must meet", "want": "Would like to meet", "no": "No thanks"}
ANSWERS = ("pending", "accepted", "declined")
#: How a meeting got on the schedule: the kinds matching/meetings writes (result.py), and
#: "organiser" for a locked meeting nobody wished for.
MEETING_KINDS = ("request", "minimum", "suggestion", "organiser")
#: The matcher mode that suggested a meeting ("" for wishes): matching's recommendation MODES.
MEETING_MODES = ("", "similar", "helpers", "mixed")
OUTCOMES = {
    "no_contact": "No contact",
    "knowledge": "Knowledge gained",
    "joint_action": "Joint action",
    "agreement": "Cooperation agreement",
}


class MeetingEvent(db.Model):
    """A day (or days) of one-to-one meetings, for an edition's in-person days or the community."""

    __tablename__ = "meeting_event"
    __table_args__ = (one_of("open_to", OPEN_TO), one_of("phase", PHASES))

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    place: Mapped[str] = mapped_column(String(160), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Brussels")
    edition_id: Mapped[int | None] = mapped_column(
        ForeignKey("edition.id", ondelete="SET NULL"), index=True
    )
    open_to: Mapped[str] = mapped_column(String(12), default="anyone")
    slot_minutes: Mapped[int] = mapped_column(default=20)
    table_names: Mapped[str] = mapped_column(db.Text, default="")
    min_meetings: Mapped[int] = mapped_column(default=2)
    max_meetings: Mapped[int] = mapped_column(default=8)
    wish_cap: Mapped[int] = mapped_column(default=15)
    phase: Mapped[str] = mapped_column(String(12), default="wishes")
    wishes_until: Mapped[date | None]
    draft_until: Mapped[date | None]
    follow_up_from: Mapped[date | None]
    # The last "Build schedule": wishes left out (with why) and the summary, as JSON.
    last_build_json: Mapped[str | None] = mapped_column(db.Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    edition: Mapped[Edition | None] = relationship()  # noqa: F821
    slots: Mapped[list[MeetingSlot]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="MeetingSlot.starts_at"
    )
    participants: Mapped[list[MeetingParticipant]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )

    @property
    def tables(self) -> list[str]:
        """The tables' names, one per line as the organiser typed them."""
        return [line.strip() for line in self.table_names.splitlines() if line.strip()]

    def __repr__(self) -> str:
        return f"<MeetingEvent {self.id} {self.name!r} {self.phase}>"


class MeetingSlot(db.Model):
    """One time slot, stored in UTC; the event's time zone turns it back into local time."""

    __tablename__ = "meeting_slot"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_event.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True))

    event: Mapped[MeetingEvent] = relationship(back_populates="slots")

    def __repr__(self) -> str:
        return f"<MeetingSlot {self.id} {self.starts_at:%Y-%m-%d %H:%M}>"


class MeetingParticipant(db.Model):
    """A user registered for a meeting event, with the slots they are free in."""

    __tablename__ = "meeting_participant"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_event.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    # Slot ids as a JSON list; None until they say, which counts as free in every slot.
    available_json: Mapped[str | None] = mapped_column(db.Text)
    registered_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    event: Mapped[MeetingEvent] = relationship(back_populates="participants")
    user: Mapped[User] = relationship()  # noqa: F821

    @property
    def available_slot_ids(self) -> set[int] | None:
        """The slots they marked as free, or None when they have not said (free all day)."""
        return None if self.available_json is None else set(json.loads(self.available_json))

    def __repr__(self) -> str:
        return f"<MeetingParticipant event={self.event_id} user={self.user_id}>"


class MeetingWish(db.Model):
    """One participant's wish about another: must / want / no, and the other side's answer."""

    __tablename__ = "meeting_wish"
    __table_args__ = (
        UniqueConstraint("event_id", "requester_id", "target_id"),
        one_of("choice", WISH_CHOICES),
        one_of("answer", ANSWERS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_event.id", ondelete="CASCADE"), index=True
    )
    requester_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    choice: Mapped[str] = mapped_column(String(8))
    answer: Mapped[str] = mapped_column(String(10), default="pending")
    decline_reason: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    requester: Mapped[User] = relationship(foreign_keys=[requester_id])  # noqa: F821
    target: Mapped[User] = relationship(foreign_keys=[target_id])  # noqa: F821

    def __repr__(self) -> str:
        return f"<MeetingWish {self.requester_id}→{self.target_id} {self.choice} {self.answer}>"


def new_uid() -> str:
    """A calendar UID that never changes for the meeting's life."""
    return f"{uuid.uuid4()}@clusterbooster.community"


class Meeting(db.Model):
    """Two participants at one table in one slot, with why they meet and what came of it."""

    __tablename__ = "meeting"
    __table_args__ = (
        UniqueConstraint("event_id", "a_id", "b_id"),
        one_of("kind", MEETING_KINDS),
        one_of("mode", MEETING_MODES),
        one_of("outcome", OUTCOMES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_event.id", ondelete="CASCADE"), index=True
    )
    slot_id: Mapped[int] = mapped_column(ForeignKey("meeting_slot.id", ondelete="CASCADE"))
    table: Mapped[int] = mapped_column(default=1)
    a_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    b_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12), default="request")
    mode: Mapped[str] = mapped_column(String(12), default="")
    reasons_json: Mapped[str] = mapped_column(db.Text, default="[]")
    locked: Mapped[bool] = mapped_column(default=False)
    cancelled: Mapped[bool] = mapped_column(default=False)
    uid: Mapped[str] = mapped_column(String(80), unique=True, default=new_uid)
    sequence: Mapped[int] = mapped_column(default=0)
    held: Mapped[bool | None]
    outcome: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    event: Mapped[MeetingEvent] = relationship()
    slot: Mapped[MeetingSlot] = relationship()
    a: Mapped[User] = relationship(foreign_keys=[a_id])  # noqa: F821
    b: Mapped[User] = relationship(foreign_keys=[b_id])  # noqa: F821

    @property
    def reasons(self) -> list[str]:
        """Why these two meet, as the scheduler explained it."""
        return json.loads(self.reasons_json or "[]")

    def other(self, user_id: int) -> User:  # noqa: F821
        """The person this user meets."""
        return self.b if self.a_id == user_id else self.a

    def __repr__(self) -> str:
        return f"<Meeting {self.id} {self.a_id}+{self.b_id} slot={self.slot_id} t{self.table}>"


#: The six-month follow-up's reminder steps: the first asks, the second reminds two weeks later.
REMINDER_STEPS = ("due", "reminder")


class MeetingFeed(db.Model):
    """A person's private calendar feed of all their published meetings; only the token's hash is kept.

    Regenerating replaces the hash (the old link stops working); revoking deletes the row.
    """

    __tablename__ = "meeting_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))

    def __repr__(self) -> str:
        return f"<MeetingFeed user={self.user_id}>"


class MeetingRating(db.Model):
    """One participant's six-month rating of one meeting: what came of it (an OUTCOMES key)."""

    __tablename__ = "meeting_rating"
    __table_args__ = (
        UniqueConstraint("meeting_id", "user_id"),
        CheckConstraint(
            "outcome IN ('no_contact', 'knowledge', 'joint_action', 'agreement')", name="outcome"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    rated_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<MeetingRating meeting={self.meeting_id} user={self.user_id} {self.outcome}>"


class MeetingReminder(db.Model):
    """A six-month follow-up mail sent to a person for an event, so re-runs never send it twice."""

    __tablename__ = "meeting_reminder"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id", "step"),
        CheckConstraint("step IN ('due', 'reminder')", name="step"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_event.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    step: Mapped[str] = mapped_column(String(10))
    sent_on: Mapped[date] = mapped_column()

    def __repr__(self) -> str:
        return f"<MeetingReminder event={self.event_id} user={self.user_id} {self.step}>"
