"""pair(): tandems with the best total score, across countries, with one trio for odd cohorts."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.pairing import PairWeights, greedy_pairing, max_weight_pairing, pair, pairing_total
from tests.matching.conftest import person, vectors

TOPIC_ONLY = PairWeights(complement=0, ecosystem=0, maturity=0)


def best_possible(scores: np.ndarray) -> float:
    """Exact optimum by trying every perfect matching (fine up to 10 people)."""

    def search(free: list[int]) -> float:
        if not free:
            return 0.0
        a, rest = free[0], free[1:]
        return max(scores[a, b] + search([x for x in rest if x != b]) for b in rest)

    return search(list(range(len(scores))))


def random_scores(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    scores = rng.random((n, n))
    scores = (scores + scores.T) / 2
    np.fill_diagonal(scores, -np.inf)
    return scores


def test_people_with_the_same_challenge_are_paired():
    people = [person(p, country=c) for p, c in zip("abcd", ["PT", "SI", "ES", "FR"], strict=True)]
    vecs = vectors([[1, 0], [0, 1], [0.95, 0.1], [0.1, 0.95]])
    result = pair(people, vectors=vecs, weights=TOPIC_ONLY)
    assert sorted(map(sorted, result.pairs)) == [["a", "c"], ["b", "d"]]
    assert result.trio is None


def test_an_odd_cohort_gets_exactly_one_trio_and_everyone_is_placed():
    people = [person(str(i), country=["PT", "SI", "ES"][i % 3]) for i in range(7)]
    vecs = vectors(np.random.default_rng(0).standard_normal((7, 4)))
    result = pair(people, vectors=vecs)
    assert len(result.pairs) == 2 and len(result.trio) == 3
    placed = [pid for group in result.groups for pid in group]
    assert sorted(placed) == sorted(p.id for p in people)
    assert result.to_dict()["pairs"][-1] == list(result.trio)


def test_partners_come_from_different_countries_whenever_possible():
    # Topics pull the Portuguese together; the country rule must win.
    people = [person(f"pt{i}", country="PT") for i in range(3)] + [
        person(f"es{i}", country="ES") for i in range(3)
    ]
    vecs = vectors([[1, 0]] * 3 + [[0, 1]] * 3)
    result = pair(people, vectors=vecs)
    assert all(a[:2] != b[:2] for a, b in result.pairs)
    assert result.unmet == []


def test_unavoidable_same_country_pairs_are_reported_by_name():
    people = [person(f"pt{i}", country="PT") for i in range(4)]
    result = pair(people, vectors=vectors([[1, 0]] * 4))
    assert len(result.unmet) == 2
    assert "both from Portugal" in result.unmet[0]


def test_people_who_already_met_are_not_paired_again():
    people = [
        person("a", met={"b"}),
        person("b", country="SI"),
        person("c", country="ES"),
        person("d", country="FR"),
    ]
    vecs = vectors([[1, 0], [1, 0], [0, 1], [0, 1]])
    result = pair(people, vectors=vecs, weights=PairWeights(already_met=5))
    assert ("a", "b") not in result.pairs and ("b", "a") not in result.pairs


def test_pair_reasons_say_who_can_help_whom_with_what():
    people = [
        person("ana", name="Ana", country="SI", needs="Advice on Interreg applications."),
        person("jo", name="João", expertise="Interreg applications and project management."),
    ]
    result = pair(people, vectors=vectors([[1, 0]] * 2))
    assert any(
        line.startswith("João can help Ana with “interreg applications”")
        for line in result.reasons[0]
    )


@pytest.mark.parametrize("seed", range(25))
def test_local_search_reaches_the_exact_optimum_on_small_cohorts(seed):
    n = [4, 6, 8, 10][seed % 4]
    scores = random_scores(n, seed)
    pairs, _ = max_weight_pairing(scores)
    assert pairing_total(scores, pairs) == pytest.approx(best_possible(scores))


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 40).filter(lambda n: n % 2 == 0), seed=st.integers(0, 10_000))
def test_local_search_is_never_worse_than_greedy(n, seed):
    scores = random_scores(n, seed)
    pairs, _ = max_weight_pairing(scores, random_state=seed)
    assert pairing_total(scores, pairs) >= pairing_total(scores, greedy_pairing(scores)) - 1e-9
    assert sorted(m for p in pairs for m in p) == list(range(n))


def test_pairing_is_deterministic_for_a_seed():
    scores = random_scores(30, 4)
    assert max_weight_pairing(scores, random_state=1) == max_weight_pairing(scores, random_state=1)
