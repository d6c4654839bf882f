"""How much person i would gain from meeting person j: the recommendation score, term by term.

    score(i → j) = topic     · semantic(i, j)
                 + country   · [country_i ≠ country_j]
                 + ecosystem · (share of i's ecosystems that j is not in)
                 + maturity  · fit(maturity_i, maturity_j)

`semantic` depends on the mode: *similar* compares challenges; *helpers* compares my needs with
their expertise (so it is asymmetric); *mixed* blends the two. `fit` rewards similar stages in
*similar* mode and more mature peers in *helpers* mode.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from matching.people import InputError

# Recommendation modes: what "close" means (see the table in docs/matching.md).
MODES = ("similar", "helpers", "mixed")


@dataclass(frozen=True)
class RecommendWeights:
    """Named weights of the recommendation score and of the diversity re-ranking."""

    topic: float = 1.0
    country: float = 0.15
    ecosystem: float = 0.1
    maturity: float = 0.1
    # Maximal marginal relevance: 0 keeps the pure score order, 1 only spreads countries/ecosystems.
    diversity: float = 0.3
    # Width of a relevance band, as a share of the spread of the candidates' relevance. Country,
    # ecosystem, maturity and MMR only re-order peers within a band; 1 makes one band of all
    # candidates, so diversity leads (the "Surprise me" tab).
    band: float = 0.15
    # In mixed mode, the part of the topic score that comes from needs → expertise.
    helpers_share: float = 0.5

    def __post_init__(self) -> None:
        if not 0 <= self.diversity <= 1:
            raise InputError(f"diversity={self.diversity} must be between 0 and 1", field="weights")
        if self.band < 0:
            raise InputError(
                f"band={self.band} must be 0 or more (1 puts everyone in one band)", field="weights"
            )

    @classmethod
    def names(cls) -> list[str]:
        """The weight names, as the CLI's --weight NAME=VALUE accepts them."""
        return [f.name for f in fields(cls)]


def check_mode(mode: str) -> str:
    """Return mode unchanged, or raise ValueError listing the valid ones."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
    return mode


def maturity_fit(mode: str, weights: RecommendWeights) -> np.ndarray:
    """A 5×5 table fit[mine, theirs] in [0, 1] for maturity levels 1-4 (row/column 0 unused)."""
    levels = np.arange(5, dtype=np.float32)
    gap = levels[None, :] - levels[:, None]  # theirs minus mine
    similar_stage = 1.0 - np.abs(gap) / 3.0
    more_mature = np.clip(gap, 0, 3) / 3.0
    share = {"similar": 0.0, "helpers": 1.0, "mixed": weights.helpers_share}[check_mode(mode)]
    table = (1 - share) * similar_stage + share * more_mature
    table[0, :] = table[:, 0] = 0.0
    return table.astype(np.float32)


def metadata_bonus(
    mine: tuple[np.ndarray, np.ndarray, np.ndarray],
    theirs: tuple[np.ndarray, np.ndarray, np.ndarray],
    mode: str,
    weights: RecommendWeights,
) -> np.ndarray:
    """country + ecosystem + maturity terms of the score for (country codes, ecosystem bitmasks,
    maturity levels) of the askers `mine` against `theirs`; numpy broadcasting decides the shape."""
    country_i, mask_i, level_i = mine
    country_j, mask_j, level_j = theirs
    held = np.maximum(np.bitwise_count(mask_i), 1)
    shared = np.bitwise_count(mask_j & mask_i)
    bonus = np.float32(weights.country) * (country_j != country_i)
    bonus = bonus + np.float32(weights.ecosystem) * (1 - shared / held).astype(np.float32)
    fit = maturity_fit(mode, weights) * np.float32(weights.maturity)
    return (bonus + fit[level_i, level_j]).astype(np.float32)


def semantic_parts(mode: str, weights: RecommendWeights) -> list[tuple[str, str, float]]:
    """(query matrix, key matrix, factor) terms whose sum is the semantic score for the mode."""
    check_mode(mode)
    if mode == "similar":
        return [("challenge", "challenge", 1.0)]
    if mode == "helpers":
        return [("needs", "expertise", 1.0)]
    share = weights.helpers_share
    return [("challenge", "challenge", 1.0 - share), ("needs", "expertise", share)]
