"""Approximate nearest neighbours for very large communities: an IVF index in plain numpy.

A spherical k-means coarse quantiser splits the unit vectors into `n_lists` lists; a query
scores the list centroids and searches only the `n_probe` closest lists. Rows are stored sorted
by list, so each probed list is one contiguous slice and one small matrix-vector product.
This is the plan for a million profiles (see docs/matching.md); recall@10 is measured by
benchmarks/bench_matching_recommend.py.
"""

from __future__ import annotations

import numpy as np

from matching.text.vectors import normalise_rows


class IVFIndex:
    """Inverted-file index over unit vectors: fit once, then search many queries."""

    def __init__(
        self,
        n_lists: int = 256,
        n_probe: int = 16,
        *,
        iterations: int = 8,
        sample: int = 25_000,
        random_state: int = 0,
    ):
        self.n_lists = n_lists
        self.n_probe = n_probe
        self.iterations = iterations
        self.sample = sample
        self.random_state = random_state

    def fit(self, vectors: np.ndarray) -> IVFIndex:
        """Learn the centroids on a sample, then file every row under its nearest centroid."""
        vectors = normalise_rows(vectors)
        rng = np.random.default_rng(self.random_state)
        sample = vectors[
            rng.choice(len(vectors), size=min(self.sample, len(vectors)), replace=False)
        ]
        self.centroids_ = spherical_kmeans(sample, self.n_lists, self.iterations, rng)
        lists = nearest_centroid(vectors, self.centroids_)
        self.order_ = np.argsort(lists, kind="stable")
        self.vectors_ = np.ascontiguousarray(vectors[self.order_])
        self.offsets_ = np.searchsorted(lists[self.order_], np.arange(self.n_lists + 1))
        return self

    def search(
        self, query: np.ndarray, k: int = 10, *, n_probe: int | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(row indices, scores) of the best k rows among the probed lists, best first."""
        probe = n_probe or self.n_probe
        closest_lists = np.argpartition(-(self.centroids_ @ query), probe - 1)[:probe]
        row_parts: list[np.ndarray] = []
        score_parts: list[np.ndarray] = []
        for lst in closest_lists:
            start, end = self.offsets_[lst], self.offsets_[lst + 1]
            if end > start:
                row_parts.append(np.arange(start, end))
                score_parts.append(self.vectors_[start:end] @ query)
        rows, scores = np.concatenate(row_parts), np.concatenate(score_parts)
        top = np.argpartition(-scores, min(k, len(scores)) - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return self.order_[rows[top]], scores[top]


def spherical_kmeans(
    vectors: np.ndarray, k: int, iterations: int, rng: np.random.Generator
) -> np.ndarray:
    """k unit centroids maximising the summed cosine of each vector to its centroid."""
    centroids = vectors[rng.choice(len(vectors), size=k, replace=False)].copy()
    for _ in range(iterations):
        assigned = nearest_centroid(vectors, centroids)
        sums = np.zeros_like(centroids)
        np.add.at(sums, assigned, vectors)
        empty = np.linalg.norm(sums, axis=1) == 0
        sums[empty] = vectors[rng.choice(len(vectors), size=int(empty.sum()), replace=False)]
        centroids = normalise_rows(sums)
    return centroids


def nearest_centroid(vectors: np.ndarray, centroids: np.ndarray, block: int = 8192) -> np.ndarray:
    """Index of the most similar centroid for each row, computed in blocks to bound memory."""
    return np.concatenate(
        [
            np.argmax(vectors[s : s + block] @ centroids.T, axis=1)
            for s in range(0, len(vectors), block)
        ]
    )
