"""Maximal marginal relevance: re-rank a candidate pool so one country or ecosystem cannot fill it.

Each step picks the candidate with the best `(1 - diversity) · score - diversity · redundancy`,
where redundancy is the candidate's highest likeness to anyone already picked, and likeness is
half "same country" plus half "shares an ecosystem". Works on a whole block of people at once.
"""

from __future__ import annotations

import numpy as np


def likeness(countries: np.ndarray, ecosystem_masks: np.ndarray) -> np.ndarray:
    """B×P×P likeness of pool members: 0.5 for the same country, 0.5 for a shared ecosystem."""
    same_country = countries[:, :, None] == countries[:, None, :]
    shared_ecosystem = (ecosystem_masks[:, :, None] & ecosystem_masks[:, None, :]) != 0
    return 0.5 * same_country.astype(np.float32) + 0.5 * shared_ecosystem.astype(np.float32)


def mmr_rerank(
    scores: np.ndarray,
    countries: np.ndarray,
    ecosystem_masks: np.ndarray,
    k: int,
    diversity: float,
) -> np.ndarray:
    """B×k positions into each row's pool, best first; -1 where the pool ran out (-inf scores)."""
    rows = np.arange(scores.shape[0])
    alike = likeness(countries, ecosystem_masks)
    available = np.isfinite(scores)
    redundancy = np.zeros(scores.shape, dtype=np.float32)
    picked = np.full((scores.shape[0], k), -1, dtype=np.int64)
    for step in range(min(k, scores.shape[1])):
        value = np.where(available, (1 - diversity) * scores - diversity * redundancy, -np.inf)
        choice = np.argmax(value, axis=1)
        valid = available[rows, choice]
        picked[valid, step] = choice[valid]
        available[rows[valid], choice[valid]] = False
        redundancy[valid] = np.maximum(redundancy[valid], alike[rows[valid], choice[valid], :])
    return picked
