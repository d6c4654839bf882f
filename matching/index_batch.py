"""Everyone's top-k at once, for PeerIndex.top_k_all.

The metadata terms are folded into the matrix product as one-hot columns, so the whole score of
a block of rows is one float32 GEMM (up to a constant), followed by a cheap top-k per row and an
MMR re-rank of a small pool. PeerIndex keeps the row data and caches the matrices built here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from matching.mmr import mmr_rerank
from matching.scoring import RecommendWeights, maturity_fit, semantic_parts
from matching.topk import pad_to_groups, pool_size, top_columns

if TYPE_CHECKING:
    from matching.index import PeerIndex


def augmented_matrices(index: PeerIndex, mode: str, weights: RecommendWeights):
    """(queries, keys, constant): queries[i] @ keys[j] + constant is person i's score for j."""
    countries = np.eye(index.distinct("country"), dtype=np.float32)[index.country]
    eco_bits = max(index.distinct("ecosystem"), 1)
    ecosystems = ((index.ecosystem_mask[:, None] >> np.arange(eco_bits)) & 1).astype(np.float32)
    counts = np.maximum(ecosystems.sum(axis=1, keepdims=True), 1)
    levels = np.eye(5, dtype=np.float32)[index.maturity]
    parts = semantic_parts(mode, weights)
    queries = np.hstack(
        [weights.topic * factor * index.matrices[q] for q, _, factor in parts]
        + [
            -weights.country * countries,
            -weights.ecosystem * ecosystems / counts,
            weights.maturity * maturity_fit(mode, weights)[index.maturity],
        ]
    )
    keys = np.hstack([index.matrices[key] for _, key, _ in parts] + [countries, ecosystems, levels])
    queries, keys = pad_to_groups(queries, keys)
    return (
        np.ascontiguousarray(queries),
        np.ascontiguousarray(keys),
        weights.country + weights.ecosystem,
    )


def top_k_in_blocks(
    index: PeerIndex,
    rows: np.ndarray,
    k: int,
    *,
    matrices: tuple[np.ndarray, np.ndarray, float],
    diversity: float,
    block: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Top-k of each of `rows`, `block` rows per GEMM, from `augmented_matrices`' output."""
    queries, keys, constant = matrices
    exclusions = Exclusions(index)
    parts = []
    for start in range(0, len(rows), block):
        chunk = rows[start : start + block]
        scores = queries[chunk] @ keys.T
        scores[exclusions.pairs_for(chunk)] = -np.inf
        parts.append(diversified_top_k(index, scores, constant, k, diversity))
    if not parts:
        return np.zeros((0, k), dtype=np.int64), np.zeros((0, k), dtype=np.float32)
    return np.vstack([p[0] for p in parts]), np.vstack([p[1] for p in parts])


def diversified_top_k(
    index: PeerIndex, scores: np.ndarray, constant: float, k: int, diversity: float
) -> tuple[np.ndarray, np.ndarray]:
    """MMR-ranked top-k of each row of a score block, from a pool of its best columns."""
    n = len(index)
    pool = top_columns(scores, pool_size(n, k))
    pool_scores = np.take_along_axis(scores, pool, axis=1) + constant
    pool = np.minimum(pool, n - 1)  # padding columns score -inf; any real row will do
    order = mmr_rerank(pool_scores, index.country[pool], index.ecosystem_mask[pool], k, diversity)
    found = order >= 0
    safe = np.where(found, order, 0)
    indices = np.where(found, np.take_along_axis(pool, safe, axis=1), -1)
    best = np.where(found, np.take_along_axis(pool_scores, safe, axis=1), -np.inf)
    return indices, best.astype(np.float32)


class Exclusions:
    """Every (row, excluded column) pair, grouped by row, to blank out blocks of the score matrix."""

    def __init__(self, index: PeerIndex):
        by_org: dict[int, list[int]] = {}
        for row, org in enumerate(index.organisation.tolist()):
            by_org.setdefault(org, []).append(row)
        self.index = index
        self.colleagues = by_org

    def pairs_for(self, chunk: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(positions in chunk, columns) of every pair the chunk's rows must not be offered."""
        positions, columns = [], []
        for position, row in enumerate(chunk.tolist()):
            blocked = self.colleagues[int(self.index.organisation[row])] + list(self.index.met[row])
            positions.extend([position] * len(blocked))
            columns.extend(blocked)
        return np.array(positions, dtype=np.int64), np.array(columns, dtype=np.int64)
