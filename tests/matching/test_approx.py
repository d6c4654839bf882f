"""IVFIndex: approximate search that finds what exact search finds on clustered vectors."""

from __future__ import annotations

import numpy as np

from matching.recommendations.approx import IVFIndex


def clustered(n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((20, 32))
    vectors = centres[rng.integers(0, 20, n)] + 0.3 * rng.standard_normal((n, 32))
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def test_probing_every_list_is_exact_search():
    vectors = clustered(2000)
    index = IVFIndex(n_lists=16, n_probe=16).fit(vectors)
    query = vectors[7]
    found, scores = index.search(query, 10)
    exact = np.argsort(-(vectors @ query), kind="stable")[:10]
    assert set(found.tolist()) == set(exact.tolist())
    assert np.all(np.diff(scores) <= 1e-6)


def test_a_few_probes_recall_most_true_neighbours_on_clustered_vectors():
    vectors = clustered(5000, seed=1)
    index = IVFIndex(n_lists=40, n_probe=4).fit(vectors)
    recalls = []
    for row in range(0, 5000, 250):
        truth = set(np.argpartition(-(vectors @ vectors[row]), 10)[:10].tolist())
        recalls.append(len(truth & set(index.search(vectors[row], 10)[0].tolist())) / 10)
    assert np.mean(recalls) >= 0.9


def test_fitting_is_deterministic_for_a_random_state():
    vectors = clustered(1000)
    first = IVFIndex(n_lists=8, random_state=3).fit(vectors)
    second = IVFIndex(n_lists=8, random_state=3).fit(vectors)
    assert np.array_equal(first.centroids_, second.centroids_)
