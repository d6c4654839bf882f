"""The per-process store of practice vectors, for "practices like my challenge" and "like this".

Built once per process from the stored vectors (app/models/vector.py, owner_kind "practice") into
a matching.TextLibrary, and rebuilt only when they change (a cheap fingerprint over the vector
rows, looked at once per request). It only stores and caches: the ranking is matching/'s
(matching/search.py), reached through app/services/matching.py; who may see which practice is
not in the store either: callers pass the ranked ids through the visibility rule
(app/practices/queries.py).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from flask import current_app, has_request_context, request
from sqlalchemy import func, select

from app.extensions import db
from app.models import StoredVector
from app.services import embedding
from matching.search import TextLibrary
from matching.text.embedder import ModelUnavailableError

log = logging.getLogger(__name__)
_lock = threading.Lock()
_KIND = "practice"


@dataclass(frozen=True)
class PracticeIndex:
    """Every embedded practice as a TextLibrary keyed by practice id, and the rows' fingerprint."""

    library: TextLibrary
    fingerprint: tuple


def fingerprint() -> tuple:
    """Moves when a practice vector is added, removed or re-embedded."""
    return tuple(
        db.session.execute(
            select(
                func.count(StoredVector.id),
                func.max(StoredVector.updated_at),
                func.max(StoredVector.id),
            ).where(StoredVector.owner_kind == _KIND)
        ).one()
    )


def practice_index() -> PracticeIndex:
    """This process's index, rebuilt if the stored practice vectors changed (checked once per request)."""
    if has_request_context():
        if not hasattr(request, "practice_index"):
            request.practice_index = _current_index()
        return request.practice_index
    return _current_index()


def _current_index() -> PracticeIndex:
    current = fingerprint()
    index = current_app.extensions.get("practice_index")
    if index is not None and index.fingerprint == current:
        return index
    with _lock:
        index = build_index(current)
        current_app.extensions["practice_index"] = index
    return index


def build_index(stamp: tuple = ()) -> PracticeIndex:
    """Read every embedded practice vector into one library."""
    rows = db.session.execute(
        select(StoredVector.owner_id, StoredVector.vector).where(
            StoredVector.owner_kind == _KIND, StoredVector.vector.is_not(None)
        )
    ).all()
    if not rows:
        return PracticeIndex(TextLibrary([], np.zeros((0, 0), np.float32)), stamp)
    matrix = np.vstack([np.frombuffer(blob, dtype=np.float32) for _, blob in rows])
    return PracticeIndex(TextLibrary((owner_id for owner_id, _ in rows), matrix), stamp)


def stored_vector(kind: str, owner_id: int) -> np.ndarray | None:
    """The stored vector of one text owner (a challenge, a practice), or None before it is embedded."""
    blob = db.session.scalar(
        select(StoredVector.vector).where(
            StoredVector.owner_kind == kind,
            StoredVector.owner_id == owner_id,
            StoredVector.vector.is_not(None),
        )
    )
    return None if blob is None else np.frombuffer(blob, dtype=np.float32)


def vector_for_text(text: str) -> np.ndarray | None:
    """The vector of a text someone typed ("Describe your challenge"), or None when this site does
    not embed (EMBEDDING_BACKEND "off") or the model cannot load. The same text is embedded once."""
    if embedding.setting("EMBEDDING_BACKEND", "thread") == "off":
        return None
    model = " ".join(
        str(embedding.setting(name, "")) for name in ("EMBEDDER_FACTORY", "EMBEDDING_MODEL")
    )
    try:
        return _embedded(model, " ".join(text.split()))
    except ModelUnavailableError:
        log.warning("The embedding model is unavailable; semantic search answers with nothing")
        return None


@lru_cache(maxsize=256)
def _embedded(model: str, text: str) -> np.ndarray:
    # keyed by the model too, so a test or setting that swaps models never reads another's vector
    vector = embedding.embedder().embed([text])[0]
    vector = np.asarray(vector, dtype=np.float32)
    vector.setflags(write=False)
    return vector
