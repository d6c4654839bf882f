"""PeerIndex: the fast paths agree with the plain definition of the score."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.recommendations.index import PeerIndex
from matching.recommendations.index_batch import Exclusions
from matching.recommendations.scoring import MODES, RecommendWeights
from matching.recommendations.topk import top_columns
from matching.text.vectors import PeopleVectors

COUNTRIES = ["PT", "SI", "ES", "FR"]
ECOSYSTEMS = ["digital", "health", "textile", "tourism"]


def random_index(n: int, seed: int, organisations: int | None = None) -> PeerIndex:
    """n people with random vectors, countries, ecosystems, organisations and maturity."""
    rng = np.random.default_rng(seed)
    vecs = PeopleVectors(*(rng.standard_normal((n, 16)).astype(np.float32) for _ in range(3)))
    orgs = organisations or max(1, n // 2)
    return PeerIndex(
        vecs,
        countries=[COUNTRIES[i] for i in rng.integers(0, 4, n)],
        ecosystems=[ECOSYSTEMS[i : i + 1 + i % 2] for i in rng.integers(0, 4, n)],
        organisations=[f"org{i}" for i in rng.integers(0, orgs, n)],
        maturity=rng.integers(1, 5, n).tolist(),
        met=[set(rng.integers(0, n, 2).tolist()) for _ in range(n)],
    )


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(2, 90),
    k=st.integers(1, 12),
    seed=st.integers(0, 10_000),
    mode=st.sampled_from(MODES),
    diversity=st.sampled_from([0.0, 0.3, 0.8]),
)
def test_everyones_top_k_equals_each_persons_own_query(n, k, seed, mode, diversity):
    index = random_index(n, seed)
    weights = RecommendWeights(diversity=diversity)
    found, scores = index.top_k_all(k, mode=mode, weights=weights, block=16)
    for i in range(n):
        single = index.query(i, k, mode=mode, weights=weights)
        assert [j for j in found[i] if j >= 0] == [j for j, _ in single]
        assert np.allclose(
            [s for s in scores[i] if np.isfinite(s)], [s for _, s in single], atol=1e-4
        )


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 60), k=st.integers(1, 8), seed=st.integers(0, 10_000))
def test_results_never_include_self_colleagues_or_people_met_and_never_repeat(n, k, seed):
    index = random_index(n, seed)
    found, _ = index.top_k_all(k)
    for i in range(n):
        peers = [j for j in found[i] if j >= 0]
        assert len(peers) == len(set(peers))
        assert i not in peers
        assert not set(peers) & index.met[i]
        assert all(index.organisation[j] != index.organisation[i] for j in peers)
        eligible = n - len(set(index.excluded(i).tolist()))
        assert len(peers) == min(k, eligible)


def test_scores_follow_the_documented_formula():
    rng = np.random.default_rng(5)
    vecs = PeopleVectors(*(rng.standard_normal((2, 16)).astype(np.float32) for _ in range(3)))
    index = PeerIndex(
        vecs,
        countries=["PT", "SI"],
        ecosystems=[["digital", "health"], ["health"]],
        organisations=["a", "b"],
        maturity=[1, 3],
    )
    weights = RecommendWeights(topic=1.0, country=0.3, ecosystem=0.2, maturity=0.1)
    expected = (
        vecs.needs[0] @ vecs.expertise[1]  # helpers: my needs, their expertise
        + 0.3 * 1  # another country
        + 0.2 * (1 - 1 / 2)  # they share one of my two ecosystems
        + 0.1 * (3 - 1) / 3
    )  # two levels more mature
    assert np.isclose(index.scores(0, mode="helpers", weights=weights)[1], expected, atol=1e-5)


def test_update_moves_a_person_to_where_their_new_profile_belongs():
    index = random_index(20, seed=1, organisations=20)
    index.met = [set() for _ in range(20)]
    target = index.matrices["challenge"][3]
    index.update(11, challenge=target * 2, country=str(COUNTRIES[0]))
    weights = RecommendWeights(country=0, ecosystem=0, maturity=0, diversity=0)
    assert index.query(3, 1, weights=weights)[0][0] == 11


def test_a_free_vector_queries_by_topic_alone():
    index = random_index(30, seed=2)
    best = index.query(index.matrices["challenge"][9] * 3.0, 1)
    assert best[0][0] == 9
    assert best[0][1] == np.float32(1.0) or abs(best[0][1] - 1.0) < 1e-5


@settings(max_examples=60, deadline=None)
@given(
    rows=st.integers(1, 6),
    groups=st.integers(1, 40),
    size=st.integers(1, 30),
    seed=st.integers(0, 999),
)
def test_top_columns_finds_the_same_set_as_a_full_partition(rows, groups, size, seed):
    rng = np.random.default_rng(seed)
    scores = rng.standard_normal((rows, groups * 64)).astype(np.float32)
    scores[rng.random(scores.shape) < 0.3] = -np.inf
    size = min(size, scores.shape[1])
    found = top_columns(scores, size)
    for row in range(rows):
        expected = np.sort(scores[row])[::-1][:size]
        assert np.array_equal(np.sort(scores[row, found[row]])[::-1], expected)


def test_top_columns_lists_the_best_first_and_ties_by_lower_column():
    # The order matters: MMR breaks exact ties by position in the pool.
    rng = np.random.default_rng(3)
    scores = rng.integers(0, 5, (4, 64 * 30)).astype(np.float32)  # many exact ties
    found = top_columns(scores, 12)
    for row in range(4):
        expected = sorted(range(scores.shape[1]), key=lambda j: (-scores[row, j], j))[:12]
        assert found[row].tolist() == expected


@settings(max_examples=30, deadline=None)
@given(n=st.integers(2, 80), seed=st.integers(0, 10_000))
def test_exclusion_pairs_are_exactly_each_rows_colleagues_and_people_met(n, seed):
    index = random_index(n, seed, organisations=max(1, n // 4))
    chunk = np.random.default_rng(seed).permutation(n)[: max(1, n // 2)]
    positions, columns = Exclusions(index).pairs_for(chunk)
    found = set(zip(positions.tolist(), columns.tolist(), strict=True))
    expected = {(p, c) for p, row in enumerate(chunk) for c in index.excluded(row).tolist()}
    assert found == expected


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(2, 120),
    k=st.integers(1, 10),
    seed=st.integers(0, 10_000),
    block=st.integers(1, 50),
    mode=st.sampled_from(MODES),
)
def test_the_block_size_changes_nothing_but_speed(n, k, seed, block, mode):
    index = random_index(n, seed)
    found, scores = index.top_k_all(k, mode=mode)
    blocked_found, blocked_scores = index.top_k_all(k, mode=mode, block=block)
    assert np.array_equal(found, blocked_found)
    assert np.allclose(scores, blocked_scores, atol=1e-5)


def test_a_new_profile_added_to_the_index_is_found_by_others():
    index = random_index(20, seed=7, organisations=20)
    target = index.matrices["challenge"][4]
    row = index.add(
        "newcomer",
        challenge=target,
        expertise=target,
        needs=target,
        country="MT",
        ecosystems=["tourism"],
        organisation="new org",
        maturity=2,
    )
    assert row == 20 and index.ids[row] == "newcomer"
    weights = RecommendWeights(country=0, ecosystem=0, maturity=0, diversity=0)
    assert index.query(4, 1, weights=weights)[0][0] == row
    found, _ = index.top_k_all(1, weights=weights)
    assert found[4][0] == row


def clustered_index(n: int, seed: int = 0) -> PeerIndex:
    """n people whose vectors fall into 30 topics, as real profiles do."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((30, 16))
    rows = centres[rng.integers(0, 30, n)] + 0.3 * rng.standard_normal((n, 16))
    vecs = PeopleVectors(rows, rows, rows)
    return PeerIndex(
        vecs,
        countries=[COUNTRIES[i % 4] for i in range(n)],
        ecosystems=[["digital"]] * n,
        organisations=[f"org{i}" for i in range(n)],
        maturity=[1 + i % 4 for i in range(n)],
    )


def test_approximate_queries_agree_with_exact_ones_on_clustered_profiles():
    exact = clustered_index(3000)
    approximate = clustered_index(3000).enable_approximate(n_lists=50, n_probe=8, candidates=100)
    agree = [
        set(j for j, _ in exact.query(i, 5)) == set(j for j, _ in approximate.query(i, 5))
        for i in range(0, 3000, 60)
    ]
    assert np.mean(agree) >= 0.9


def test_approximate_queries_still_find_rows_edited_or_added_after_the_build():
    index = clustered_index(2000).enable_approximate(n_lists=40, n_probe=2, candidates=20)
    far_away = -index.matrices["challenge"][0]
    index.update(7, challenge=far_away, expertise=far_away, needs=far_away)
    newcomer = index.add(
        "new",
        challenge=far_away,
        expertise=far_away,
        needs=far_away,
        country="MT",
        ecosystems=["tourism"],
        organisation="new org",
        maturity=2,
    )
    weights = RecommendWeights(country=0, ecosystem=0, maturity=0, diversity=0)
    assert {j for j, _ in index.query(newcomer, 1, weights=weights)} == {7}
