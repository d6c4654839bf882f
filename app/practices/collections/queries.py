"""Reads for collections of practices: which collections a viewer may open, and what is in them.

Who sees a collection: coaches and admins, and the members of its edition. Inside it, each
practice still follows its own visibility rule (app/practices/queries.py).
"""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import (
    CoachingSession,
    Edition,
    EditionMember,
    Practice,
    PracticeCollection,
    PracticeCollectionItem,
    User,
)
from app.practices.queries import visible_practices_clause


def visible_collections(viewer: User) -> list[PracticeCollection]:
    """The collections `viewer` may open: all for coaches, their editions' for members."""
    stmt = select(PracticeCollection).options(selectinload(PracticeCollection.edition))
    if not viewer.is_coach:
        mine = select(EditionMember.edition_id).where(EditionMember.user_id == viewer.id)
        stmt = stmt.where(PracticeCollection.edition_id.in_(mine))
    return list(db.session.scalars(stmt.order_by(PracticeCollection.created_at.desc())))


def get_collection_or_404(collection_id: int, *, viewer: User) -> PracticeCollection:
    """The collection if `viewer` may open it, else 404."""
    collection = db.session.get(PracticeCollection, collection_id)
    if collection is None or not _may_open(viewer, collection):
        abort(404)
    return collection


def _may_open(viewer: User, collection: PracticeCollection) -> bool:
    if viewer.is_coach:
        return True
    member = select(EditionMember.id).where(
        EditionMember.edition_id == collection.edition_id, EditionMember.user_id == viewer.id
    )
    return db.session.scalar(member) is not None


def visible_items(collection: PracticeCollection, viewer: User) -> list[PracticeCollectionItem]:
    """The collection's practices that `viewer` may see, in the curator's order."""
    visible = select(Practice.id).where(
        visible_practices_clause(viewer), Practice.published.is_(True)
    )
    return list(
        db.session.scalars(
            select(PracticeCollectionItem)
            .where(
                PracticeCollectionItem.collection_id == collection.id,
                PracticeCollectionItem.practice_id.in_(visible),
            )
            .options(selectinload(PracticeCollectionItem.practice).selectinload(Practice.tags))
            .order_by(PracticeCollectionItem.position)
        )
    )


def session_collection(session_id: int) -> PracticeCollection | None:
    """The materials collection of a coaching session, if its coach made one."""
    return db.session.scalar(
        select(PracticeCollection).where(PracticeCollection.session_id == session_id)
    )


def editions() -> dict[int, str]:
    """Every edition, newest first, id → name (for the collection form)."""
    rows = db.session.execute(select(Edition.id, Edition.name).order_by(Edition.created_at.desc()))
    return dict(rows.all())


def sessions_of(edition_id: int | None = None) -> dict[int, str]:
    """Coaching sessions without materials yet, id → "edition: title"."""
    taken = select(PracticeCollection.session_id).where(PracticeCollection.session_id.is_not(None))
    stmt = (
        select(CoachingSession.id, Edition.name, CoachingSession.title)
        .join(Edition, Edition.id == CoachingSession.edition_id)
        .where(CoachingSession.id.not_in(taken))
        .order_by(CoachingSession.starts_at)
    )
    if edition_id:
        stmt = stmt.where(CoachingSession.edition_id == edition_id)
    return {sid: f"{edition}: {title}" for sid, edition, title in db.session.execute(stmt)}
