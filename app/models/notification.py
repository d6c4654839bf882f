"""Notifications shown under the bell, and each user's choice of which ones arrive and how."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.user import utcnow

#: Events a user can switch off; other areas may send further events, which are always on.
NOTIFICATION_EVENTS = {
    "introduction_requested": "Someone asks for an introduction",
    "introduction_answered": "My introduction request was accepted or declined",
    "introduction_message": "Someone I was introduced to writes to me",
    "invited_to_reply": "A challenge author invites me to reply",
    "reply_posted": "Someone replies to my challenge",
    "reply_marked_helpful": "My reply was marked helpful",
    "practice_adopted": "Someone adopts a practice I shared",
    "coaching": "Academy applications and homework",
    "meetings": "Meeting days: wishes to meet me, my schedule and its changes",
}
#: Event name prefixes that one switch in NOTIFICATION_EVENTS covers.
EVENT_GROUPS = {"application_": "coaching", "homework_": "coaching", "meeting_": "meetings"}


def event_switch(event: str) -> str:
    """The preference switch an event falls under (itself, or its group)."""
    return next(
        (group for prefix, group in EVENT_GROUPS.items() if event.startswith(prefix)), event
    )


class Notification(db.Model):
    """One thing that happened that a user should know about, with a link to it."""

    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_user_read", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(String(300))
    link: Mapped[str | None] = mapped_column(String(300))
    read_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    digested_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    @property
    def is_read(self) -> bool:
        """True once the user opened or dismissed it."""
        return self.read_at is not None

    def __repr__(self) -> str:
        return f"<Notification {self.id} to {self.user_id}: {self.event}>"


class NotificationPreference(db.Model):
    """Which events a user wants, whether by email too, and whether a weekly digest of unread ones."""

    __tablename__ = "notification_preference"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    #: Comma-separated event names the user switched off.
    muted_events: Mapped[str] = mapped_column(String(400), default="")
    email_enabled: Mapped[bool] = mapped_column(default=True)
    weekly_digest: Mapped[bool] = mapped_column(default=False)
    last_digest_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))

    @property
    def muted(self) -> set[str]:
        """The switched-off events as a set."""
        return {e for e in self.muted_events.split(",") if e}

    @muted.setter
    def muted(self, events) -> None:
        self.muted_events = ",".join(sorted(set(events)))

    def wants(self, event: str) -> bool:
        """True unless the user switched this event off."""
        return event_switch(event) not in self.muted

    def __repr__(self) -> str:
        return f"<NotificationPreference {self.user_id}>"
