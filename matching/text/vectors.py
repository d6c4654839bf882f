"""The three text vectors of every person, as aligned arrays the algorithms read.

Algorithms never see the model: they take a `PeopleVectors`, built here from an `Embedder` or by
hand in tests, or by the web app from vectors stored in its database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from matching.people import Person

if TYPE_CHECKING:
    from matching.text.embedder import Embedder


@dataclass(frozen=True)
class PeopleVectors:
    """Unit-length challenge, expertise and needs vectors, row i belonging to person i."""

    challenge: np.ndarray
    expertise: np.ndarray
    needs: np.ndarray

    def __post_init__(self) -> None:
        shapes = {self.challenge.shape, self.expertise.shape, self.needs.shape}
        if len(shapes) != 1 or self.challenge.ndim != 2:
            raise ValueError(
                f"challenge, expertise and needs must be equal n×d matrices, got {shapes}"
            )
        for name in ("challenge", "expertise", "needs"):
            object.__setattr__(self, name, normalise_rows(getattr(self, name)))

    def __len__(self) -> int:
        return self.challenge.shape[0]

    @classmethod
    def from_dict(cls, arrays: dict[str, np.ndarray]) -> PeopleVectors:
        """Build from a dict with 'challenge', 'expertise' and 'needs' arrays."""
        return cls(arrays["challenge"], arrays["expertise"], arrays["needs"])


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Float32 copy with unit-length rows; all-zero rows (empty texts) stay zero."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def embed_people(people: Sequence[Person], embedder: Embedder) -> PeopleVectors:
    """Embed every person's challenge (with their about text), expertise and needs in one batch."""
    texts = (
        [p.challenge_text for p in people]
        + [p.expertise for p in people]
        + [p.needs for p in people]
    )
    vectors = embedder.embed(texts)
    n = len(people)
    return PeopleVectors(vectors[:n], vectors[n : 2 * n], vectors[2 * n :])
