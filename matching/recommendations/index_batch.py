"""Everyone's top-k at once, for PeerIndex.top_k_all.

The relevance of a block of rows is one float32 GEMM, followed by a cheap top-k per row; the
country, ecosystem and maturity terms are computed for that small pool only, and the pool is
re-ranked within relevance bands (matching/recommendations/mmr.py). PeerIndex keeps the row data and caches the matrices built here.
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

from matching.recommendations.mmr import mmr_rerank
from matching.recommendations.scoring import RecommendWeights, semantic_parts
from matching.recommendations.topk import pad_to_groups, pool_size, top_columns

if TYPE_CHECKING:
    from matching.recommendations.index import PeerIndex


# Scores held per block: ~32 MB of float32. Blocks of a few hundred rows or more keep BLAS near its
# peak (256 rows reached ~80% of it on 2 cores at N=10,000), and the buffer stays bounded at large N.
BLOCK_SCORES = 1 << 23


def augmented_matrices(
    index: PeerIndex, mode: str, weights: RecommendWeights
) -> tuple[np.ndarray, np.ndarray]:
    """(queries, keys_t): queries[i] @ keys_t[:, j] is i's relevance for j (padding columns -inf).

    Only relevance goes through the product: the country, ecosystem and maturity terms are added
    for each row's small candidate pool afterwards (they only re-order within relevance bands).
    """
    parts = semantic_parts(mode, weights)
    queries = np.hstack([weights.topic * factor * index.matrices[q] for q, _, factor in parts])
    keys = np.hstack([index.matrices[key] for _, key, _ in parts])
    queries, keys = pad_to_groups(queries.astype(np.float32), keys)
    return (
        np.ascontiguousarray(queries),
        np.ascontiguousarray(keys.T),  # stored transposed: the GEMM reads it without a copy
    )


def top_k_in_blocks(
    index: PeerIndex,
    rows: np.ndarray,
    k: int,
    *,
    matrices: tuple[np.ndarray, np.ndarray],
    mode: str,
    weights: RecommendWeights,
    block: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Top-k of each of `rows` (indices, relevance), `block` rows per GEMM, from
    `augmented_matrices`' output."""
    queries, keys_t = matrices
    block = block or max(64, BLOCK_SCORES // keys_t.shape[1])
    exclusions = Exclusions(index)
    found = np.full((len(rows), k), -1, dtype=np.int64)
    best = np.full((len(rows), k), -np.inf, dtype=np.float32)
    # One buffer for every block: a fresh 30 MB array per block costs page faults each time.
    buffer = np.empty((min(block, len(rows)), keys_t.shape[1]), dtype=np.float32)
    for start in range(0, len(rows), block):
        chunk = rows[start : start + block]
        scores = buffer[: len(chunk)]
        np.matmul(queries[chunk], keys_t, out=scores)
        scores[exclusions.pairs_for(chunk)] = -np.inf
        done = slice(start, start + len(chunk))
        found[done], best[done] = diversified_top_k(index, chunk, scores, k, mode, weights)
    return found, best


def diversified_top_k(
    index: PeerIndex,
    chunk: np.ndarray,
    relevance: np.ndarray,
    k: int,
    mode: str,
    weights: RecommendWeights,
) -> tuple[np.ndarray, np.ndarray]:
    """Banded, MMR-ranked top-k of each row of a relevance block, from a pool of its best columns."""
    n = len(index)
    pool = top_columns(relevance, pool_size(n, k))
    pool_relevance = np.take_along_axis(relevance, pool, axis=1)
    pool = np.minimum(pool, n - 1)  # padding columns score -inf; any real row will do
    order = mmr_rerank(
        pool_relevance,
        index.country[pool],
        index.ecosystem_mask[pool],
        k,
        weights.diversity,
        bonus=index.bonus(chunk, pool, mode=mode, weights=weights),
        band=weights.band,
    )
    found = order >= 0
    safe = np.where(found, order, 0)
    indices = np.where(found, np.take_along_axis(pool, safe, axis=1), -1)
    best = np.where(found, np.take_along_axis(pool_relevance, safe, axis=1), -np.inf)
    return indices, best.astype(np.float32)


class Exclusions:
    """Every (row, excluded column) pair, grouped by row, to blank out blocks of the score matrix."""

    def __init__(self, index: PeerIndex):
        self.organisation = index.organisation
        # Rows sorted by organisation: each organisation's members are one slice of `colleagues`.
        self.colleagues = np.argsort(index.organisation, kind="stable")
        self.org_size = np.bincount(index.organisation)
        self.org_start = np.cumsum(self.org_size) - self.org_size
        # Everyone's met set flattened: row r's are met_flat[met_start[r] : met_start[r] + met_size[r]].
        self.met_size = np.fromiter(map(len, index.met), dtype=np.int64, count=len(index.met))
        self.met_start = np.cumsum(self.met_size) - self.met_size
        self.met_flat = np.fromiter(
            chain.from_iterable(index.met), dtype=np.int64, count=int(self.met_size.sum())
        )

    def pairs_for(self, chunk: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(positions in chunk, columns) of every pair the chunk's rows must not be offered."""
        orgs = self.organisation[chunk]
        colleagues = _slices(self.colleagues, self.org_start[orgs], self.org_size[orgs])
        met = _slices(self.met_flat, self.met_start[chunk], self.met_size[chunk])
        return np.concatenate([colleagues[0], met[0]]), np.concatenate([colleagues[1], met[1]])


def _slices(
    values: np.ndarray, starts: np.ndarray, sizes: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(i repeated sizes[i] times, values[starts[i] : starts[i] + sizes[i]]) for every i, joined."""
    positions = np.repeat(np.arange(len(starts)), sizes)
    offsets = np.arange(len(positions)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return positions, values[np.repeat(starts, sizes) + offsets]
