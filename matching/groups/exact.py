"""Exact optimum of one round, for benchmarks on small cohorts (N up to about 24).

Every group that breaks no hard rule is enumerated with its value (the sum of its weighted pair
values), then an exact-cover integer program (PuLP with CBC) picks groups covering everyone once
with the planned sizes. The value is the same objective `form_groups` reports, so the ratio
heuristic / exact is a fair quality measure. PuLP is a development dependency, imported here
only.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from matching.groups.pairs import ATTRIBUTES, pair_values
from matching.groups.problem import Problem


def pair_gains(problem: Problem) -> np.ndarray:
    """n x n weighted pair value (modes applied), divided by the pairs in a round."""
    n = problem.n
    a, b = np.triu_indices(n, 1)
    values = pair_values(problem, a, b)
    w = problem.weights
    total = np.zeros(len(a))
    for name in ATTRIBUTES:
        diversify = getattr(w, f"{name}_mode") == "diversify"
        want_high = (name == "topic") != diversify
        total += getattr(w, name) * (values[name] if want_high else 1.0 - values[name])
    gains = np.zeros((n, n))
    gains[a, b] = gains[b, a] = total / problem.pairs_per_round
    return gains


def _allowed(problem: Problem, group: tuple[int, ...], caps: np.ndarray, apart: set) -> bool:
    """Whether a candidate group keeps every hard rule."""
    orgs = problem.org[list(group)]
    if len(set(orgs.tolist())) < len(group):
        return False
    counts = np.bincount(problem.country[list(group)], minlength=len(caps))
    if (counts > caps).any():
        return False
    return not any(pair in apart for pair in combinations(group, 2))


def exact_round(problem: Problem, time_limit: float = 120.0) -> tuple[np.ndarray, float] | None:
    """Optimal single-round assignment and its objective, or None if CBC finds no solution."""
    import pulp

    gains = pair_gains(problem)
    k = len(problem.sizes)
    caps = -(-np.bincount(problem.country) // k)  # at most ceil(count / groups) per group
    if problem.weights.country_mode == "cluster":
        caps[:] = max(problem.sizes)
    apart = set(problem.apart)
    candidates, values = [], []
    for size in sorted(set(problem.sizes)):
        for group in combinations(range(problem.n), size):
            if _allowed(problem, group, caps, apart):
                candidates.append(group)
                values.append(sum(gains[i, j] for i, j in combinations(group, 2)))
    model = pulp.LpProblem("breakout", pulp.LpMaximize)
    pick = [pulp.LpVariable(f"g{c}", cat="Binary") for c in range(len(candidates))]
    model += pulp.lpSum(v * x for v, x in zip(values, pick, strict=True))
    covering: list[list[int]] = [[] for _ in range(problem.n)]
    for c, group in enumerate(candidates):
        for i in group:
            covering[i].append(pick[c])
    for terms in covering:
        model += pulp.lpSum(terms) == 1
    for size in set(problem.sizes):
        model += pulp.lpSum(
            x for x, g in zip(pick, candidates, strict=True) if len(g) == size
        ) == problem.sizes.count(size)
    model.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit))
    if pulp.LpStatus[model.status] != "Optimal":
        return None
    assign = np.empty(problem.n, dtype=np.int64)
    chosen = [g for g, x in zip(candidates, pick, strict=True) if x.value() > 0.5]
    for index, group in enumerate(sorted(chosen, key=len, reverse=True)):
        assign[list(group)] = index
    return assign, float(pulp.value(model.objective)) / 1.0
