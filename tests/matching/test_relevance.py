"""Relevance: embeddings fused with the community's words, one dot product per pair of texts."""

from __future__ import annotations

import numpy as np

from matching.recommendations.relevance import EMBEDDING_SHARE, MIN_TEXTS, Relevance
from matching.text.vectors import normalise_rows

WORDS = ["fees", "export", "hydrogen", "tourism", "timber", "training", "robots", "wine"]


def community(n: int, dims: int = 16, seed: int = 0) -> tuple[list[str], np.ndarray]:
    """n texts of two topic words each, and random unit vectors sharing one big common direction."""
    rng = np.random.default_rng(seed)
    texts = [f"{WORDS[i % 8]} {WORDS[(i * 3 + 1) % 8]} cluster members" for i in range(n)]
    vectors = rng.standard_normal((n, dims)).astype(np.float32)
    vectors[:, 0] += 6.0  # what every text says: the direction real profiles share
    return texts, normalise_rows(vectors)


def test_one_dot_product_is_the_fused_cosine_of_centred_vectors_and_lsa():
    texts, vectors = community(60)
    relevance = Relevance.fit(texts, vectors)
    rows = relevance.fuse(vectors, texts)
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    semantic = normalise_rows(vectors - relevance.mean)
    lexical = rows[:, vectors.shape[1] :] / np.sqrt(1 - EMBEDDING_SHARE)
    expected = EMBEDDING_SHARE * semantic @ semantic.T + (1 - EMBEDDING_SHARE) * lexical @ lexical.T
    assert np.allclose(rows @ rows.T, expected, atol=1e-5)


def test_centring_removes_what_every_text_shares():
    texts, vectors = community(60)
    plain = vectors @ vectors.T
    rows = Relevance.fit(texts, vectors, embedding_share=1.0).fuse(vectors, texts)
    fused = rows @ rows.T
    off_diagonal = ~np.eye(60, dtype=bool)
    assert plain[off_diagonal].mean() > 0.6  # everyone alike by the raw cosine
    assert abs(fused[off_diagonal].mean()) < 0.1  # centred: likeness is what differs


def test_shared_specific_words_count_when_the_vectors_say_nothing():
    texts, vectors = community(60)
    vectors[:] = vectors[0]  # identical vectors: only the words can tell texts apart
    rows = Relevance.fit(texts, vectors).fuse(vectors, texts)
    same_words = [j for j in range(1, 60) if texts[j] == texts[0]]
    other_words = [
        j for j in range(1, 60) if set(texts[j].split()[:2]).isdisjoint(texts[0].split())
    ]
    assert min(rows[0] @ rows[j] for j in same_words) > max(rows[0] @ rows[j] for j in other_words)


def test_a_small_community_keeps_plain_vectors_and_no_lexical_part():
    texts, vectors = community(MIN_TEXTS - 1)
    rows = Relevance.fit(texts, vectors).fuse(vectors, texts)
    assert np.allclose(rows[:, : vectors.shape[1]], vectors, atol=1e-6)
    assert not rows[:, vectors.shape[1] :].any()


def test_an_empty_text_gives_a_zero_row():
    texts, vectors = community(40)
    relevance = Relevance.fit(texts, vectors)
    row = relevance.fuse(np.zeros((1, vectors.shape[1]), np.float32), [""])
    assert not row.any()


def test_a_large_community_keeps_its_principal_directions_only():
    texts, vectors = community(300, dims=32)
    full = Relevance.fit(texts, vectors, semantic_dimensions=None)
    projected = Relevance.fit(texts, vectors, semantic_dimensions=8, project_from=200)
    kept = Relevance.fit(texts, vectors, semantic_dimensions=8, project_from=301)
    assert projected.fuse(vectors, texts).shape[1] == 8 + projected.dimensions
    assert kept.fuse(vectors, texts).shape[1] == 32 + kept.dimensions  # too few texts: all kept
    # Vectors that live in 8 directions lose nothing by the projection.
    low = normalise_rows(vectors[:, :8] @ np.random.default_rng(1).standard_normal((8, 32)))
    low = low.astype(np.float32)
    exact = Relevance.fit(texts, low, semantic_dimensions=None).fuse(low, texts)
    reduced = Relevance.fit(texts, low, semantic_dimensions=8, project_from=200).fuse(low, texts)
    assert np.allclose(exact @ exact.T, reduced @ reduced.T, atol=1e-4)
    assert full.components is None
