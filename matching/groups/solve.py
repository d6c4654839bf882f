"""Choosing and running a solver for a validated breakout `Problem`.

Small cohorts (up to DENSE_LIMIT people) get the joint tabu search over all rounds; when the
cohort is exactly q groups of s with q a prime power >= s (a transversal design) or a shape
with a cyclic design (6 x 4), a repeat-free design schedule seeds it and a relabelling tabu
fits people to its slots. Large cohorts get the
sampled swap descent. Iteration counts depend only on the problem's shape, never on time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
from threadpoolctl import ThreadpoolController

from matching.groups.large import solve_large
from matching.groups.pairs import dense_costs, penalties
from matching.groups.problem import Problem, connected_roots
from matching.groups.rounds import design_schedule
from matching.groups.search import _is_clean, met_matrix, tabu_search, total_cost
from matching.groups.start import (
    deal_order,
    freedom_schedule,
    initial_round,
    movable_mask,
    neighbour_lists,
)

DENSE_LIMIT = 150
STARTS = 4  # multi-round searches: the dealt start plus three freedom-greedy starts
_THREADPOOLS: list[ThreadpoolController] = []  # inspecting the loaded libraries takes ~15 ms


def _iterations(problem: Problem) -> int:
    """Tabu iteration cap from the cohort shape: more people and rounds, more moves."""
    n, rounds = problem.n, problem.rounds
    if rounds == 1:
        return int(min(3000, 400 + 15 * n))
    return int(min(9000, 1500 + 120 * n * (rounds - 1) // 4))


def _greedy_schedule(problem: Problem, rng: np.random.Generator) -> np.ndarray:
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


def _design_schedule(problem: Problem, rng: np.random.Generator) -> np.ndarray | None:
    """Repeat-free seed from a design in groups_rounds, or None when none applies."""
    k, sizes = len(problem.sizes), problem.sizes
    if (
        problem.rounds < 2
        or problem.met_before
        or problem.units
        or (problem.locks >= 0).any()
        or min(sizes) != max(sizes)
    ):
        return None
    found = design_schedule(k, sizes[0], problem.rounds)
    if found is None:
        return None
    design, classes = found
    slot_of = _pack_classes(problem, classes, rng)
    schedule = np.empty((problem.rounds, problem.n), dtype=np.int64)
    for r, round_groups in enumerate(design):
        group_of_slot = np.empty(problem.n, dtype=np.int64)
        for g, slots in enumerate(round_groups):
            group_of_slot[slots] = g
        schedule[r] = group_of_slot[slot_of]
    return schedule


def _union(n: int, code_lists: list[np.ndarray]) -> list[int]:
    """Root per person after joining everyone who shares a code in any of code_lists."""

    def links() -> Iterator[tuple[int, int]]:
        for codes in code_lists:
            first: dict[int, int] = {}
            for i, c in enumerate(codes):
                if c >= 0:
                    yield i, first.setdefault(int(c), i)

    return connected_roots(n, links())


def _pack_classes(
    problem: Problem, classes: list[list[int]], rng: np.random.Generator
) -> np.ndarray:
    """Design slot per person: people who must never meet share a class (classes never meet).

    Hard blocks join colleagues and compatriots of countries that fit one per group; a bigger
    country is kept together when there is room but may be split (its pairs are soft). Blocks
    are placed first-fit decreasing into the design's classes of slots.
    """
    n = problem.n
    counts = np.bincount(problem.country)
    diversify = problem.weights.country_mode == "diversify"
    small = np.where(counts[problem.country] <= len(problem.sizes), problem.country, -1)
    big = np.where(counts[problem.country] > len(problem.sizes), problem.country, -1)
    hard_keys = [problem.org] + ([small] if diversify else [])
    sub = _union(n, hard_keys)
    top = _union(n, hard_keys + ([big] if diversify else []))
    order = deal_order(problem, np.arange(n), rng)
    blocks: dict[int, dict[int, list[int]]] = {}
    for i in order:
        blocks.setdefault(top[i], {}).setdefault(sub[i], []).append(int(i))
    free = [list(c) for c in classes]
    slot_of = np.empty(n, dtype=np.int64)

    def place(people: list[int]) -> None:
        while people:
            room = max(range(len(free)), key=lambda a: len(free[a]))
            take, people[:] = people[: len(free[room])], people[len(free[room]) :]
            for person in take:
                slot_of[person] = free[room].pop(0)

    for block in sorted(blocks.values(), key=lambda b: -sum(map(len, b.values()))):
        everyone = [i for part in block.values() for i in part]
        if max(len(f) for f in free) >= len(everyone):
            place(everyone)
            continue
        for part in sorted(block.values(), key=len, reverse=True):
            place(list(part))
    return slot_of


def solve(problem: Problem, random_state: int) -> np.ndarray:
    """Return a rounds x n array of group indexes."""
    # The solvers multiply many small matrices; BLAS threads only add hand-off latency there,
    # and on a busy machine they make runs several times slower.
    if not _THREADPOOLS:
        _THREADPOOLS.append(ThreadpoolController())
    with _THREADPOOLS[0].limit(limits=1, user_api="blas"):
        return _solve(problem, random_state)


def _solve(problem: Problem, random_state: int) -> np.ndarray:
    """Run the solver that fits the cohort's size and shape."""
    rng = np.random.default_rng(random_state)
    if problem.n > DENSE_LIMIT:
        return solve_large(problem, rng)
    costs = dense_costs(problem)
    movable = movable_mask(problem)
    iterations = _iterations(problem)
    design = _design_schedule(problem, rng)
    seeds = []
    if design is not None:
        design = tabu_search(
            problem, design, movable, costs, rng, iterations // 2, linked=True
        ).assign
        _, repeat, _ = penalties(problem)
        if _is_clean(problem, costs, met_matrix(problem), repeat, design):
            return tabu_search(problem, design, movable, costs, rng, iterations // 2).assign
        seeds = [design]  # the cohort's rules do not fit the design's classes: search freely
    schedule = _greedy_schedule(problem, rng)
    if problem.rounds > 1:  # first chase repeats and broken rules, then polish everything
        schedule = _multi_start(problem, schedule, movable, costs, rng, iterations // 2, seeds)
        iterations -= iterations // 2
    return tabu_search(problem, schedule, movable, costs, rng, iterations).assign


def _multi_start(
    problem: Problem,
    schedule: np.ndarray,
    movable: np.ndarray,
    costs: np.ndarray,
    rng: np.random.Generator,
    iterations: int,
    seeds: Sequence[np.ndarray] = (),
) -> np.ndarray:
    """Conflict-directed tabu from several starts; the first clean one wins, else the best.

    Starts are any `seeds` (a relabelled design), "freedom" greedy schedules (when nobody is
    locked or tied) and the dealt schedule;
    repeat-free search is very sensitive to its start. Each start gets the full budget, so a
    hard schedule can cost up to STARTS times a single search.
    """
    _, repeat, iso_weight = penalties(problem)
    met = met_matrix(problem)
    starts = [schedule]
    if not problem.units and not (problem.locks >= 0).any():
        forbidden = (costs > 1.5 * repeat) | (met > 0)
        starts = [freedom_schedule(problem, forbidden, rng) for _ in range(STARTS - 1)] + starts
    starts = list(seeds) + starts
    best, best_cost = schedule, np.inf
    for start in starts:
        found = tabu_search(problem, start, movable, costs, rng, iterations, focus=True).assign
        cost = total_cost(costs, met, repeat, found)
        if cost < best_cost:
            best, best_cost = found, cost
        if _is_clean(problem, costs, met, repeat, found):
            break
    return best
