"""Putting the objective's terms on one scale for the cohort at hand.

Each pair term has its own natural range: on real texts the topic cosine of two challenges
spreads over a few hundredths, while "different countries" or "no shared ecosystem" is 0 or 1.
Added as they are, a weight of 1 for topic is worth far less than a weight of 1 for ecosystem,
and the groups come out no more on topic than a random draw. So every term is divided by its
spread (standard deviation) over the cohort's pairs: a weight of 1 then means "one typical
difference between two pairs" for every term, on any cohort. Modes and hard rules are untouched.
"""

from __future__ import annotations

import numpy as np

ATTRIBUTES = ("topic", "country", "ecosystem", "maturity")
SCALES = ("cohort", "raw")
# All pairs up to this many people; a fixed sample of pairs beyond (same answer on any machine).
EXACT_UP_TO = 400
SAMPLED_PAIRS = 80_000
# A term whose values hardly vary cannot change the groups; it keeps its weight as given.
FLAT = 1e-6


def raw_pair_values(
    vectors: np.ndarray,
    country: np.ndarray,
    eco: np.ndarray,
    maturity: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
) -> dict[str, np.ndarray]:
    """The four pair values in [0, 1] (topic in [-1, 1]) for index arrays a and b.

    topic: cosine of the challenge vectors; country: 1 if different; ecosystem: 1 - cosine of
    the ecosystem tags; maturity: squared level gap / 9.
    """
    cos = np.einsum("ij,ij->i", vectors[a], vectors[b])
    eco_cos = np.einsum("ij,ij->i", eco[a], eco[b])
    return {
        "topic": cos.astype(np.float64),
        "country": (country[a] != country[b]).astype(np.float64),
        "ecosystem": 1.0 - eco_cos.astype(np.float64),
        "maturity": (maturity[a] - maturity[b]).astype(np.float64) ** 2 / 9.0,
    }


def cohort_pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i < j) of a small cohort, or a fixed random sample of pairs of a large one."""
    if n <= EXACT_UP_TO:
        a, b = np.triu_indices(n, 1)
        return a, b
    rng = np.random.default_rng(0)
    a = rng.integers(0, n, SAMPLED_PAIRS)
    b = (a + rng.integers(1, n, SAMPLED_PAIRS)) % n  # never a == b
    return a, b


def pair_spreads(
    vectors: np.ndarray, country: np.ndarray, eco: np.ndarray, maturity: np.ndarray
) -> dict[str, float]:
    """Standard deviation of each pair term over the cohort's pairs (0 for fewer than 2 people)."""
    if len(country) < 2:
        return dict.fromkeys(ATTRIBUTES, 0.0)
    a, b = cohort_pairs(len(country))
    values = raw_pair_values(vectors, country, eco, maturity, a, b)
    return {name: float(values[name].std()) for name in ATTRIBUTES}


def term_scales(spreads: dict[str, float], scale: str) -> dict[str, float]:
    """What each weight is multiplied by: 1 / spread on the "cohort" scale, 1 on the "raw" one."""
    if scale == "raw":
        return dict.fromkeys(ATTRIBUTES, 1.0)
    return {name: 1.0 / s if s > FLAT else 1.0 for name, s in spreads.items()}
