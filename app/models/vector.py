"""Stored text vectors: one row per owner (profile, challenge or practice) and text field, shared by every worker.

A row keeps the last good vector while its text waits to be re-embedded (`stale`), so pages keep
working from the previous vector if the background worker is slow, down or killed mid-batch.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
from sqlalchemy import Index, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.checks import one_of
from app.models.user import utcnow

#: The texts we embed: a profile's expertise, needs and "about / our challenge", a challenge's title + body,
#: a practice's title, summary, problem and steps.
VECTOR_FIELDS = {
    "profile": ("expertise", "needs", "about"),
    "challenge": ("text",),
    "practice": ("text",),
}
#: Every field name above, once each.
VECTOR_FIELD_NAMES = tuple(dict.fromkeys(f for fields in VECTOR_FIELDS.values() for f in fields))


class StoredVector(db.Model):
    """The float32 vector of one text, with the model that made it and the hash of the text it is for."""

    __tablename__ = "stored_vector"
    __table_args__ = (
        UniqueConstraint("owner_kind", "owner_id", "field", name="uq_stored_vector_owner_field"),
        Index("ix_stored_vector_stale", "stale"),
        Index("ix_stored_vector_updated_at", "updated_at"),
        one_of("owner_kind", VECTOR_FIELDS),
        one_of("field", VECTOR_FIELD_NAMES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_kind: Mapped[str] = mapped_column(String(12))
    owner_id: Mapped[int]
    field: Mapped[str] = mapped_column(String(12))
    model_name: Mapped[str] = mapped_column(String(120), default="")
    #: sha256 of the text the vector was computed from ("" until first embedded).
    text_hash: Mapped[str] = mapped_column(String(64), default="")
    vector: Mapped[bytes | None] = mapped_column(LargeBinary)
    stale: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(
        db.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    @property
    def array(self) -> np.ndarray | None:
        """The vector as a float32 array, or None before the first embedding."""
        return None if self.vector is None else np.frombuffer(self.vector, dtype=np.float32)

    def __repr__(self) -> str:
        state = "stale" if self.stale else "fresh"
        return f"<StoredVector {self.owner_kind}:{self.owner_id}.{self.field} {state}>"
