"""How close two texts are, in the words people read: "Very close", "Close" or "Related".

A score of real texts has no fixed scale: a small community's plain cosines run higher than a large
one's centred, fused ones, and a practice's cosine to a challenge is another scale again. So the
words follow the percentiles of the scores the same comparison gives across the community: at or
above the 99th percentile "Very close", at or above the 90th "Close", below that "Related".
"closeness 0.51" means nothing to a cluster manager; every place that shows closeness to people
(peer cards, challenge suggestions, tandems, practices) takes its word from `closeness_word`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

#: (percentile of the community's scores, words) from the closest down; below them all: RELATED.
CLOSENESS_WORDS = ((99, "Very close"), (90, "Close"))
RELATED = "Related"
#: Rows sampled to estimate the percentiles (each scored against every key row once).
SAMPLE_ROWS = 200

Cuts = list[tuple[float, str]]


def closeness_cuts(scores: ArrayLike) -> Cuts:
    """(threshold, words) from a set of scores of the same comparison; zeros (an empty text) and
    non-finite scores are left out. No scores: no cuts, so everything reads "Related"."""
    values = np.asarray(scores, dtype=np.float64).ravel()
    values = values[np.isfinite(values) & (values != 0)]
    if not len(values):
        return []
    return [(float(np.percentile(values, q)), words) for q, words in CLOSENESS_WORDS]


def closeness_word(score: float, cuts: Sequence[tuple[float, str]]) -> str:
    """The words of the first threshold the score reaches, else "Related"."""
    return next((words for cut, words in cuts if score >= cut), RELATED)


def sampled_cuts(
    queries: np.ndarray,
    keys: np.ndarray | None = None,
    *,
    sample: int = SAMPLE_ROWS,
    random_state: int = 0,
) -> Cuts:
    """Cuts from a fixed sample of `queries` rows scored against every row of `keys` (default:
    the queries themselves, each row's score with itself left out)."""
    same = keys is None
    keys = queries if keys is None else keys
    if not len(queries) or not len(keys):
        return []
    rows = np.random.default_rng(random_state).permutation(len(queries))[:sample]
    scores = (queries[rows] @ keys.T).astype(np.float64)
    if same:
        scores[np.arange(len(rows)), rows] = np.nan
    return closeness_cuts(scores)
