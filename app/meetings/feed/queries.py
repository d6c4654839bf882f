"""Reads for the calendar feed: whose feed a token opens, and the meetings it serves."""

from __future__ import annotations

from flask import abort
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Meeting, MeetingEvent, MeetingFeed, MeetingSlot, User
from app.models.api_token import hash_token

PUBLISHED = ("published", "follow_up")


def feed_of(user: User) -> MeetingFeed | None:
    """The user's feed, if they subscribed (and did not revoke it since)."""
    return db.session.scalar(select(MeetingFeed).filter_by(user_id=user.id))


def get_feed_by_token_or_404(token: str) -> MeetingFeed:
    """The feed this secret opens, or 404 (a wrong, old or revoked token looks like no page)."""
    feed = db.session.scalar(select(MeetingFeed).filter_by(token_hash=hash_token(token)))
    if feed is None:
        abort(404)
    owner = db.session.get(User, feed.user_id)
    if owner is None or not owner.is_active_account:
        abort(404)
    return feed


def feed_meetings(user: User) -> list[Meeting]:
    """Every meeting of the user in a published schedule, cancelled ones included, in time order."""
    return list(
        db.session.scalars(
            select(Meeting)
            .join(MeetingEvent, Meeting.event_id == MeetingEvent.id)
            .join(MeetingSlot, Meeting.slot_id == MeetingSlot.id)
            .where(
                MeetingEvent.phase.in_(PUBLISHED),
                or_(Meeting.a_id == user.id, Meeting.b_id == user.id),
            )
            .order_by(MeetingSlot.starts_at, Meeting.id)
            .options(
                selectinload(Meeting.event),
                selectinload(Meeting.slot),
                selectinload(Meeting.a),
                selectinload(Meeting.b),
            )
        )
    )
