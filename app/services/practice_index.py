"""The per-process index of practice vectors, for "practices like my challenge" and "practices like this".

Built once per process from the stored vectors (app/models/vector.py, owner_kind "practice") and
rebuilt only when they change (a cheap fingerprint over the practice rows, looked at once per
request). Ranking is one matrix product over unit vectors; who may see which practice is not in
the index: callers pass the ranked ids through the visibility rule (app/practices/queries.py).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from flask import current_app, has_request_context, request
from sqlalchemy import func, select

from app.extensions import db
from app.models import StoredVector

_lock = threading.Lock()
_KIND = "practice"


@dataclass(frozen=True)
class PracticeIndex:
    """Unit vectors of every embedded practice, row i belonging to practice_ids[i]."""

    practice_ids: np.ndarray
    matrix: np.ndarray
    fingerprint: tuple

    def rank(
        self, vector: np.ndarray, *, limit: int, skip: int | None = None
    ) -> list[tuple[int, float]]:
        """(practice id, cosine similarity) of the `limit` closest practices, best first."""
        if not len(self.practice_ids):
            return []
        query = np.asarray(vector, np.float32)
        norm = float(np.linalg.norm(query))
        if norm == 0.0:
            return []
        similarity = self.matrix @ (query / norm)
        if skip is not None:
            similarity = np.where(self.practice_ids == skip, -np.inf, similarity)
        limit = min(limit, len(similarity))
        best = np.argpartition(-similarity, limit - 1)[:limit]
        best = best[np.argsort(-similarity[best], kind="stable")]
        return [
            (int(self.practice_ids[i]), float(similarity[i]))
            for i in best
            if np.isfinite(similarity[i])
        ]


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
    """Read every embedded practice vector into one normalised matrix."""
    rows = db.session.execute(
        select(StoredVector.owner_id, StoredVector.vector).where(
            StoredVector.owner_kind == _KIND, StoredVector.vector.is_not(None)
        )
    ).all()
    if not rows:
        return PracticeIndex(np.zeros(0, np.int64), np.zeros((0, 0), np.float32), stamp)
    ids = np.fromiter((owner_id for owner_id, _ in rows), dtype=np.int64, count=len(rows))
    matrix = np.vstack([np.frombuffer(blob, dtype=np.float32) for _, blob in rows])
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix = matrix / np.where(norms == 0, 1, norms)
    return PracticeIndex(ids, matrix.astype(np.float32), stamp)


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
