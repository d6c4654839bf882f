"""Which texts' similarity the topic term uses: the given vectors, TF-IDF, or both fused.

Measured on the real-text yardstick (docs/benchmarks.md, "breakout groups on real texts"): with
embeddings alone, groups are on topic by the model's judgement but barely by shared words; with
TF-IDF alone, the reverse. Fusing both, each standardised by its spread over the cohort's pairs,
lifts both judges well above random partitions, so "fused" is the default when vectors are given.

The fusion is itself a set of vectors, so every solver keeps working with dot products:
[a·e, b·t] · [a·e', b·t'] = a²·cos(e, e') + b²·cos(t, t').
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matching.groups.scale import cohort_pairs
from matching.text.tfidf import tfidf_vectors

TOPIC_SIMILARITIES = ("fused", "vectors", "tfidf")
# Above this many people, TF-IDF is reduced to 128 directions (TruncatedSVD) before fusing.
DENSE_TFIDF_UP_TO = 500


def _pair_spread(vectors: np.ndarray) -> float:
    """Standard deviation of the cosine over the cohort's pairs (1 when it cannot be measured)."""
    if len(vectors) < 2:
        return 1.0
    a, b = cohort_pairs(len(vectors))
    spread = float(np.einsum("ij,ij->i", vectors[a], vectors[b]).std())
    return spread if spread > 1e-6 else 1.0


def _compact(vectors: np.ndarray) -> np.ndarray:
    """Same dot products in at most n columns (R of a QR of the transpose) when d > n."""
    if vectors.shape[1] <= vectors.shape[0]:
        return vectors
    upper = np.linalg.qr(vectors.astype(np.float64).T, mode="r")
    return np.asarray(upper).T.astype(np.float32)


def topic_vectors(
    vectors: np.ndarray | None,
    texts: Sequence[str],
    *,
    similarity: str = "fused",
    share: float = 0.6,
    random_state: int = 0,
) -> np.ndarray:
    """The vectors whose dot products are the topic term's pair similarity.

    similarity: "fused" (default: `share` of the given vectors' cosine and 1 - share of TF-IDF's,
    each divided by its spread over the cohort's pairs), "vectors" (the given ones only) or
    "tfidf" (the texts only). Without vectors, TF-IDF of the texts stands in.
    """
    if vectors is None or similarity == "tfidf":
        return tfidf_vectors(texts, random_state=random_state, dense_limit=DENSE_TFIDF_UP_TO)
    if similarity == "vectors":
        return vectors
    lexical = _compact(
        tfidf_vectors(texts, random_state=random_state, dense_limit=DENSE_TFIDF_UP_TO)
    )
    if not lexical.any():
        return vectors
    semantic_weight = np.sqrt(share / _pair_spread(vectors))
    lexical_weight = np.sqrt((1.0 - share) / _pair_spread(lexical))
    fused = np.hstack([semantic_weight * vectors, lexical_weight * lexical]).astype(np.float32)
    # Unit rows again, so the topic value stays a cosine in [-1, 1] (the scale divides it anyway).
    norms = np.linalg.norm(fused, axis=1, keepdims=True)
    return fused / np.maximum(norms, 1e-12)
