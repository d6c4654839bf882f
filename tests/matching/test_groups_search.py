"""The tabu search's stopping rule: it stops on its own once only the soft score is left to gain."""

from __future__ import annotations

import numpy as np
import pytest

from matching.groups import GroupWeights, form_groups
from matching.groups.pairs import dense_costs, penalties
from matching.groups.problem import build_problem
from matching.groups.search import _is_clean, met_matrix, tabu_search
from matching.groups.solve import _greedy_schedule
from matching.groups.start import movable_mask
from matching.groups.synthetic import make_cohort

CAP = 5000  # far more iterations than a clean search of 40 people needs


def academy_problem(n: int = 40, size: int = 4, rounds: int = 3, seed: int = 0):
    """The builder's usual request: an Academy-like cohort of n in groups of size, several rounds."""
    people, vectors, _ = make_cohort(n, random_state=seed, skew=0.6)
    return build_problem(
        people,
        size,
        rounds=rounds,
        weights=GroupWeights(),
        together=(),
        apart=(),
        locked={},
        vectors=vectors,
        previous_rounds=(),
    )


def test_pair_costs_are_exactly_symmetric():
    # Swap deltas assume c_ij == c_ji; a rounding asymmetry let the search "improve" forever.
    costs = dense_costs(academy_problem())
    assert np.array_equal(costs, costs.T)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_search_that_reaches_clean_rounds_stops_well_before_its_cap(seed):
    problem = academy_problem(seed=seed)
    rng = np.random.default_rng(seed)
    start = _greedy_schedule(problem, rng)
    costs = dense_costs(problem)
    found = tabu_search(problem, start, movable_mask(problem), costs, rng, CAP)
    _, repeat, _ = penalties(problem)
    assert _is_clean(problem, costs, met_matrix(problem), repeat, found.assign)
    assert found.iterations < CAP // 2


@pytest.mark.parametrize(("n", "size", "rounds"), [(40, 4, 3), (24, 4, 5), (30, 5, 4)])
def test_academy_cohorts_still_get_rounds_without_repeats_or_broken_rules(n, size, rounds):
    people, vectors, _ = make_cohort(n, random_state=3, skew=0.6)
    result = form_groups(people, size, rounds=rounds, vectors=vectors, random_state=3)
    assert result.metrics["repeats"] == 0
    assert not [rule for rule in result.unmet if "organisation" in rule or "apart" in rule]


def test_the_builders_request_gives_the_same_groups_for_the_same_seed():
    people, vectors, _ = make_cohort(40, random_state=7, skew=0.6)
    first = form_groups(people, 4, rounds=3, vectors=vectors, random_state=11)
    second = form_groups(people, 4, rounds=3, vectors=vectors, random_state=11)
    assert first.to_dict() == second.to_dict()
