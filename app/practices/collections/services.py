"""Writes for collections of practices: coaches create them and add or remove practices.

Each verb flushes; the request commits once.
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.models import CoachingSession, Practice, PracticeCollection, PracticeCollectionItem, User


class AlreadyInCollection(ValueError):
    """The practice is in this collection already."""


def create_collection(
    curator: User,
    *,
    edition_id: int,
    title: str,
    description: str = "",
    session_id: int | None = None,
) -> PracticeCollection:
    """A new, empty collection for an edition (or for one of its sessions)."""
    if session_id:
        session = db.session.get(CoachingSession, session_id)
        if session is None or session.edition_id != edition_id:
            raise ValueError("Session: choose a session of the same edition.")
    collection = PracticeCollection(
        edition_id=edition_id,
        session_id=session_id or None,
        curator=curator,
        title=title,
        description=description,
    )
    db.session.add(collection)
    db.session.flush()
    return collection


def add_to_collection(
    collection: PracticeCollection, practice: Practice, *, note: str = ""
) -> PracticeCollectionItem:
    """Append a practice to the collection, with an optional note for the participants."""
    if db.session.get(PracticeCollectionItem, (collection.id, practice.id)) is not None:
        raise AlreadyInCollection(f"“{practice.title}” is in “{collection.title}” already.")
    last = db.session.scalar(
        select(func.max(PracticeCollectionItem.position)).where(
            PracticeCollectionItem.collection_id == collection.id
        )
    )
    item = PracticeCollectionItem(
        collection=collection, practice=practice, position=(last or 0) + 1, note=note
    )
    db.session.add(item)
    db.session.flush()
    return item


def remove_from_collection(collection: PracticeCollection, practice_id: int) -> None:
    """Take a practice out of the collection (missing is fine)."""
    item = db.session.get(PracticeCollectionItem, (collection.id, practice_id))
    if item is not None:
        db.session.delete(item)
        db.session.flush()
