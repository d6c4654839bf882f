"""Top-k selection helpers for PeerIndex: candidate pools and a fast per-row top-k.

`np.argpartition` over every row of a 10,000-wide score block costs as much as the matrix
product that made it; `top_columns` avoids most of that work (see its docstring).
"""

from __future__ import annotations

import numpy as np


def pool_size(n: int, k: int) -> int:
    """How many top candidates MMR chooses from: enough room to swap in other countries."""
    return min(n, max(2 * k, k + 10))


def pool_for_row(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the best few finite scores of one row."""
    size = pool_size(len(scores), k)
    pool = (
        np.argpartition(-scores, size - 1)[:size] if size < len(scores) else np.arange(len(scores))
    )
    return pool[np.isfinite(scores[pool])]


def pad_to_groups(
    queries: np.ndarray, keys: np.ndarray, group: int = 64
) -> tuple[np.ndarray, np.ndarray]:
    """Pad keys with dummy rows scoring -inf, so score rows split evenly into groups of 64."""
    padding = -len(keys) % group
    queries = np.hstack([queries, np.ones((len(queries), 1), dtype=np.float32)])
    keys = np.hstack([keys, np.zeros((len(keys), 1), dtype=np.float32)])
    dummies = np.zeros((padding, keys.shape[1]), dtype=np.float32)
    dummies[:, -1] = -np.inf
    return queries, np.vstack([keys, dummies])


def top_columns(scores: np.ndarray, size: int, *, group: int = 64) -> np.ndarray:
    """Per row, the columns of the `size` largest scores: best first, ties by lower column.

    (Rows that do not split into more than `size` whole groups use argpartition: any order.)

    A full argpartition of every row costs as much as the matrix product itself, so each row is
    cut into groups (column j belongs to group j mod n_groups, which keeps the reduction fast).
    At least `size` scores reach the size-th highest group maximum, so that maximum is a safe
    threshold: only the few scores above it are sorted.
    """
    n_rows, n_cols = scores.shape
    n_groups = n_cols // group
    if n_cols % group or n_groups <= size:
        if size >= n_cols:
            return np.broadcast_to(np.arange(n_cols), scores.shape).copy()
        return np.argpartition(scores, n_cols - size, axis=1)[:, n_cols - size :]
    maxima = scores.reshape(n_rows, group, n_groups).max(axis=1)
    threshold = np.partition(maxima, n_groups - size, axis=1)[:, n_groups - size]
    # flatnonzero is ~15x faster than a 2-D nonzero here, and gives the same row-major order.
    found = np.flatnonzero(scores >= threshold[:, None])
    rows, columns = np.divmod(found, n_cols)
    order = np.lexsort((-np.take(scores, found), rows))
    rows, columns = rows[order], columns[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, np.arange(n_rows))[rows]
    return columns[rank < size].reshape(n_rows, size)
