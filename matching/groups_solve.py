"""Choosing and running a solver for a validated breakout `Problem`.

Small cohorts (up to DENSE_LIMIT people) get the joint tabu search over all rounds; when the
cohort is exactly q groups of s with q a prime power >= s, a repeat-free transversal-design
schedule seeds it and a relabelling tabu fits people to its slots. Large cohorts get the
sampled swap descent. Iteration counts depend only on the problem's shape, never on time.
"""

from __future__ import annotations

import numpy as np

from matching.groups_large import solve_large
from matching.groups_pairs import dense_costs
from matching.groups_problem import Problem
from matching.groups_rounds import transversal_schedule
from matching.groups_search import tabu_search
from matching.groups_start import deal_order, initial_round, movable_mask, neighbour_lists

DENSE_LIMIT = 150


def _iterations(problem: Problem) -> int:
    """Tabu iteration cap from the cohort shape: more people and rounds, more moves."""
    n, rounds = problem.n, problem.rounds
    if rounds == 1:
        return int(min(3000, 600 + 25 * n))
    return int(min(9000, 1500 + 120 * n * (rounds - 1) // 4))


def _greedy_schedule(problem: Problem, rng) -> np.ndarray:
    """Rounds dealt one after another, each avoiding pairs met before it."""
    apart, met = neighbour_lists(problem)
    schedule = []
    for r in range(problem.rounds):
        assign = initial_round(problem, r, met, apart, rng)
        for g in range(len(problem.sizes)):
            members = np.flatnonzero(assign == g)
            for x in members:
                met[x].extend(int(y) for y in members if y != x)
        schedule.append(assign)
    return np.array(schedule)


def _design_schedule(problem: Problem, rng) -> np.ndarray | None:
    """Repeat-free seed from a transversal design, or None when it does not apply."""
    k, sizes = len(problem.sizes), problem.sizes
    if (problem.rounds < 2 or problem.met_before or problem.units or (problem.locks >= 0).any()
            or min(sizes) != max(sizes)):
        return None
    design = transversal_schedule(k, sizes[0], problem.rounds)
    if design is None:
        return None
    # People of the biggest countries fill one design class each: a class never meets itself.
    order = deal_order(problem, np.arange(problem.n), rng)
    slot_of = np.empty(problem.n, dtype=np.int64)
    slot_of[order] = np.arange(problem.n)
    schedule = np.empty((problem.rounds, problem.n), dtype=np.int64)
    for r, round_groups in enumerate(design):
        group_of_slot = np.empty(problem.n, dtype=np.int64)
        for g, slots in enumerate(round_groups):
            group_of_slot[slots] = g
        schedule[r] = group_of_slot[slot_of]
    return schedule


def solve(problem: Problem, seed: int) -> np.ndarray:
    """Return a rounds x n array of group indexes."""
    rng = np.random.default_rng(seed)
    if problem.n > DENSE_LIMIT:
        return solve_large(problem, rng)
    costs = dense_costs(problem)
    movable = movable_mask(problem)
    iterations = _iterations(problem)
    design = _design_schedule(problem, rng)
    if design is not None:
        design = tabu_search(problem, design, movable, costs, rng, iterations // 2, linked=True)
        return tabu_search(problem, design, movable, costs, rng, iterations // 2)
    return tabu_search(problem, _greedy_schedule(problem, rng), movable, costs, rng, iterations)
