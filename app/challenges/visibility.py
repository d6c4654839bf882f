"""Who may read a challenge: the one rule, used by every page, search and suggestion that shows one.

- A challenge without an edition is public: anyone may read it, anonymous visitors included.
- A challenge tagged with an edition (an Academy edition) is for that edition: its author, the
  edition's members (participants, alumni, coaches of that edition) and the site's coaches and
  admins may read it. Everyone else, anonymous visitors included, gets a 404 as if it did not
  exist, and it is left out of lists, search, suggestions and the home page.

docs/security.md explains why; app/profiles/queries.py applies the same rule to a profile's list.
"""

from __future__ import annotations

from flask_login import AnonymousUserMixin
from sqlalchemy import ColumnElement, and_, exists, or_, select, true

from app.models import Challenge, EditionMember, User


def readable_by(viewer: User | AnonymousUserMixin | None) -> ColumnElement[bool]:
    """A WHERE condition keeping the challenges `viewer` may read."""
    if viewer is not None and getattr(viewer, "is_authenticated", False) and viewer.is_coach:
        return true()
    public = Challenge.edition_id.is_(None)
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return public
    member_of_its_edition = exists(
        select(EditionMember.id).where(
            EditionMember.edition_id == Challenge.edition_id, EditionMember.user_id == viewer.id
        )
    )
    return or_(public, Challenge.author_id == viewer.id, member_of_its_edition)


def listed_for(viewer: User | AnonymousUserMixin | None) -> ColumnElement[bool]:
    """What lists, search, suggestions and the home page show: readable, and not removed by its
    author (a removed challenge's page stays, for the replies others left on it)."""
    return and_(readable_by(viewer), Challenge.removed_at.is_(None))


def public_only() -> ColumnElement[bool]:
    """The challenges anyone may read (for texts that reach people the rule cannot check)."""
    return and_(Challenge.edition_id.is_(None), Challenge.removed_at.is_(None))


def may_read(viewer: User | AnonymousUserMixin | None, challenge: Challenge) -> bool:
    """True when `viewer` may read this challenge (the same rule as `readable_by`)."""
    if challenge.edition_id is None:
        return True
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return False
    if viewer.is_coach or challenge.author_id == viewer.id:
        return True
    from app.extensions import db

    return bool(
        db.session.scalar(
            select(EditionMember.id).where(
                EditionMember.edition_id == challenge.edition_id, EditionMember.user_id == viewer.id
            )
        )
    )
