"""Fixtures for the peers tests: hand-built vectors stored straight into the database."""

from __future__ import annotations

import numpy as np
import pytest

from app.extensions import db
from app.models import StoredVector
from matching.text.embedder import DIMENSIONS


def unit(*hot: int, weights: tuple[float, ...] | None = None) -> np.ndarray:
    """A 384-d unit vector with weight on the given axes: unit(0) is axis 0, unit(0, 1) halfway."""
    vector = np.zeros(DIMENSIONS, np.float32)
    for axis, weight in zip(hot, weights or [1.0] * len(hot), strict=True):
        vector[axis] = weight
    return vector / np.linalg.norm(vector)


def store_vectors(
    owner_kind: str, owner_id: int, *, stale: bool = False, **fields: np.ndarray
) -> None:
    """Write vectors for an owner (profile: about/expertise/needs; challenge: text) as fresh rows."""
    for field, vector in fields.items():
        row = db.session.scalar(
            db.select(StoredVector).filter_by(owner_kind=owner_kind, owner_id=owner_id, field=field)
        )
        row = row or StoredVector(owner_kind=owner_kind, owner_id=owner_id, field=field)
        row.vector, row.model_name, row.text_hash, row.stale = (
            vector.astype(np.float32).tobytes(),
            "test",
            "",
            stale,
        )
        db.session.add(row)
    db.session.flush()


@pytest.fixture
def give_vectors(app):
    """give_vectors(user, about=unit(0), expertise=..., needs=...) stores vectors for the user's profile."""

    def _give(user, **fields):
        fields.setdefault("about", unit(300))
        fields.setdefault("expertise", unit(301))
        fields.setdefault("needs", unit(302))
        store_vectors("profile", user.profile.id, **fields)
        return user

    return _give


@pytest.fixture
def community(make_user, give_vectors):
    """Ana (SI, digital) and three peers: Bo's challenge is nearest hers, Cy next, Di far away."""
    ana = give_vectors(
        make_user(name="Ana Novak", country="SI", ecosystems=["digital"]), about=unit(0)
    )
    bo = give_vectors(
        make_user(name="Bo Berg", country="SE", ecosystems=["digital"]),
        about=unit(0, 1, weights=(0.95, 0.05)),
    )
    cy = give_vectors(
        make_user(name="Cy Costa", country="PT", ecosystems=["health"]),
        about=unit(0, 1, weights=(0.6, 0.4)),
    )
    di = give_vectors(
        make_user(name="Di Dimitrov", country="BG", ecosystems=["tourism"]), about=unit(5)
    )
    db.session.commit()
    return {"ana": ana, "bo": bo, "cy": cy, "di": di}
