"""Writes for the calendar feed: subscribe (or get a new link), stop the feed, note its use.

Only the token's SHA-256 is stored, as for API tokens: the link is shown once, right after it
is made, and a new one can be made at any time (the old one then stops working).
"""

from __future__ import annotations

import secrets

from sqlalchemy import delete

from app.extensions import db
from app.meetings.feed.queries import feed_of
from app.models import MeetingFeed, User, utcnow
from app.models.api_token import hash_token


def new_feed_token(user: User) -> str:
    """Make the user's feed, or replace its secret; returns the new secret (shown once)."""
    token = secrets.token_urlsafe(32)
    feed = feed_of(user)
    if feed is None:
        feed = MeetingFeed(user_id=user.id)
        db.session.add(feed)
    feed.token_hash = hash_token(token)
    feed.created_at = utcnow()
    feed.last_used_at = None
    db.session.flush()
    return token


def revoke_feed(user: User) -> bool:
    """Stop the user's feed: its link answers 404 from now on. False when there was none."""
    removed = db.session.execute(delete(MeetingFeed).where(MeetingFeed.user_id == user.id))
    db.session.flush()
    return bool(removed.rowcount)


def note_feed_used(feed: MeetingFeed) -> None:
    """Remember when a calendar last fetched the feed (shown beside "Stop the feed")."""
    feed.last_used_at = utcnow()
    db.session.flush()
