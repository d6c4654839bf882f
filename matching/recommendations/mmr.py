"""Relevance first, then diversity: re-rank a candidate pool within bands of comparable relevance.

The pool's relevance is cut into bands `band` × (best − worst relevance in the pool) wide,
counted down from the best. Peers of a better band always come first: country, ecosystem and
maturity bonuses and maximal marginal relevance (MMR) only decide the order *within* a band, so a
clearly more relevant peer is never pushed out of the list by a bonus.

Within a band each step picks the candidate with the best
`(1 - diversity) · (relevance + bonus) - diversity · redundancy`, where redundancy is the
candidate's highest likeness to anyone already picked, and likeness is half "same country" plus
half "shares an ecosystem". Works on a whole block of people at once.
"""

from __future__ import annotations

import math

import numpy as np


def likeness(countries: np.ndarray, ecosystem_masks: np.ndarray) -> np.ndarray:
    """B×P×P likeness of pool members: 0.5 for the same country, 0.5 for a shared ecosystem."""
    same_country = countries[:, :, None] == countries[:, None, :]
    shared_ecosystem = (ecosystem_masks[:, :, None] & ecosystem_masks[:, None, :]) != 0
    return 0.5 * same_country.astype(np.float32) + 0.5 * shared_ecosystem.astype(np.float32)


def relevance_bands(relevance: np.ndarray, band: float) -> np.ndarray:
    """B×P band numbers (0 = the best): floor((best − relevance) / (band × spread)).

    The spread is each row's best minus worst finite relevance; `band` ≥ 1 gives one band.
    Unavailable candidates (-inf) get a band past every other.
    """
    finite = np.isfinite(relevance)
    if band <= 0:  # pure relevance order: every candidate its own band
        return np.argsort(np.argsort(-relevance, axis=1, kind="stable"), axis=1, kind="stable")
    best = np.where(finite, relevance, -np.inf).max(axis=1, initial=-np.inf, keepdims=True)
    worst = np.where(finite, relevance, np.inf).min(axis=1, initial=np.inf, keepdims=True)
    width = band * (best - worst)
    last = max(math.ceil(1 / band) - 1, 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        bands = np.floor((best - relevance) / np.where(width > 0, width, np.inf))
    bands = np.minimum(np.nan_to_num(bands, nan=0.0, posinf=last), last)
    return np.where(finite, bands, last + 1).astype(np.int64)


def mmr_rerank(
    relevance: np.ndarray,
    countries: np.ndarray,
    ecosystem_masks: np.ndarray,
    k: int,
    diversity: float,
    *,
    bonus: np.ndarray | None = None,
    band: float = 1.0,
) -> np.ndarray:
    """B×k positions into each row's pool, best first; -1 where the pool ran out (-inf relevance).

    `bonus` (B×P, the country/ecosystem/maturity terms) is added to relevance within a band.
    """
    rows = np.arange(relevance.shape[0])
    alike = likeness(countries, ecosystem_masks)
    available = np.isfinite(relevance)
    value = relevance if bonus is None else relevance + bonus
    bands = relevance_bands(relevance, band)
    redundancy = np.zeros(relevance.shape, dtype=np.float32)
    picked = np.full((relevance.shape[0], k), -1, dtype=np.int64)
    for step in range(min(k, relevance.shape[1])):
        current = np.where(available, bands, np.iinfo(np.int64).max).min(axis=1, keepdims=True)
        eligible = available & (bands == current)
        gain = np.where(eligible, (1 - diversity) * value - diversity * redundancy, -np.inf)
        choice = np.argmax(gain, axis=1)
        valid = available[rows, choice]
        picked[valid, step] = choice[valid]
        available[rows[valid], choice[valid]] = False
        redundancy[valid] = np.maximum(redundancy[valid], alike[rows[valid], choice[valid], :])
    return picked
