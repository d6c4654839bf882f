"""Writes for notifications: `notify` (every area calls it), marking read, preferences, weekly digests."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from app.extensions import db
from app.mail import send_email
from app.models import Notification, NotificationPreference, User, utcnow
from app.security import absolute_link

DIGEST_INTERVAL = timedelta(days=7)


def preferences_for(user: User) -> NotificationPreference:
    """The user's preferences, created with the defaults (all events, email on, no digest) if missing."""
    preference = db.session.get(NotificationPreference, user.id)
    if preference is None:
        preference = NotificationPreference(
            user_id=user.id, muted_events="", email_enabled=True, weekly_digest=False
        )
        db.session.add(preference)
        db.session.flush()
    return preference


def notify(
    user: User, *, event: str, message: str, link: str | None = None, email: bool = True
) -> Notification | None:
    """Tell `user` something happened; None when they switched the event off or the account is closed.

    `email=False` when the caller already emailed the same news (a formal letter), so nobody gets it twice.
    """
    if user is None or not user.is_active_account:
        return None
    preference = preferences_for(user)
    if not preference.wants(event):
        return None
    notification = Notification(user_id=user.id, event=event, message=message[:300], link=link)
    db.session.add(notification)
    db.session.flush()
    if email and preference.email_enabled:
        send_email(
            user.email,
            f"Cluster Booster Community: {message[:120]}",
            _email_body(message, link),
            user_id=user.id,
        )
    return notification


def _email_body(message: str, link: str | None) -> str:
    """Plain-text email for one notification, with an absolute link when there is one."""
    lines = [message]
    if link:
        lines += ["", _absolute(link)]
    lines += [
        "",
        "You can choose which notifications you receive by email on your notification settings page.",
    ]
    return "\n".join(lines)


def _absolute(link: str) -> str:
    """Turn a site path into a full URL on PUBLIC_URL (never on the Host a request named)."""
    return absolute_link(link)


def mark_read(notification: Notification) -> Notification:
    """Mark one notification read (idempotent)."""
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()
    return notification


def mark_all_read(user: User) -> int:
    """Mark all of the user's notifications read; returns how many changed."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    return result.rowcount or 0


def save_preferences(
    user: User, *, muted: set[str], email_enabled: bool, weekly_digest: bool
) -> NotificationPreference:
    """Store which events the user wants and how."""
    preference = preferences_for(user)
    preference.muted = muted
    preference.email_enabled = email_enabled
    preference.weekly_digest = weekly_digest
    db.session.flush()
    return preference


def send_weekly_digests(*, now: datetime | None = None) -> int:
    """Email each opted-in user a digest of unread notifications not yet digested; returns emails sent."""
    now = now or utcnow()
    sent = 0
    preferences = db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.weekly_digest.is_(True))
    )
    for preference in list(preferences):
        if preference.last_digest_at and _aware(preference.last_digest_at) > now - DIGEST_INTERVAL:
            continue
        user = db.session.get(User, preference.user_id)
        unread = list(
            db.session.scalars(
                select(Notification)
                .where(
                    Notification.user_id == user.id,
                    Notification.read_at.is_(None),
                    Notification.digested_at.is_(None),
                )
                .order_by(Notification.created_at)
            )
        )
        preference.last_digest_at = now
        if not unread or not user.is_active_account:
            continue
        send_email(
            user.email,
            f"Your weekly Cluster Booster digest: {len(unread)} unread",
            _digest_body(unread),
            user_id=user.id,
        )
        for notification in unread:
            notification.digested_at = now
        sent += 1
    db.session.flush()
    current_app.logger.info("sent %d weekly digests", sent)
    return sent


def _digest_body(unread: list[Notification]) -> str:
    """The digest email: one line per unread notification."""
    lines = ["Here is what happened in the community that you have not read yet:", ""]
    lines += [f"- {n.message}" + (f" ({_absolute(n.link)})" if n.link else "") for n in unread]
    lines += ["", "You can turn this digest off on your notification settings page."]
    return "\n".join(lines)


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; treat them as UTC so comparisons work on both databases."""
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
