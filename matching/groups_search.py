"""Tabu search over all rounds at once, for cohorts small enough for an N x N cost matrix.

Moves swap two people between groups of one round (sizes never change). Every swap's effect,
in every round, comes from one batched matrix product: with pair weights w (soft + hard + the
repeat cost of meeting again), a person's "gain" towards each group is G = w @ onehot, and
swapping i and j costs G[i, g_j] + G[j, g_i] - G[i, g_i] - G[j, g_j] - 2 w_ij. Repeats are
priced by how often a pair meets in the *other* rounds, so solving rounds jointly lets the search
trade a repeat in round 3 for one in round 7, which round-by-round greedy cannot.
"""

from __future__ import annotations

import numpy as np

from matching.groups_pairs import penalties
from matching.groups_problem import Problem


def met_matrix(problem: Problem) -> np.ndarray:
    """n x n count of earlier meetings (history only)."""
    met = np.zeros((problem.n, problem.n))
    for (a, b), count in problem.met_before.items():
        met[a, b] = met[b, a] = count
    return met


class _Isolation:
    """Counts of maturity levels per group, to price dont_isolate in swap deltas."""

    def __init__(self, problem: Problem, assign: np.ndarray):
        self.level = problem.maturity - 1
        self.minority = np.zeros(5, dtype=bool)
        self.minority[[v - 1 for v in problem.minority_levels]] = True
        k = len(problem.sizes)
        self.counts = np.zeros((assign.shape[0], k, 5), dtype=np.int64)
        for r in range(assign.shape[0]):
            np.add.at(self.counts[r], (assign[r], self.level), 1)

    def _lonely(self, count, level):
        """1 where a minority level would have exactly one member."""
        return ((count == 1) & self.minority[level]).astype(np.float64)

    def delta(self, assign: np.ndarray) -> np.ndarray:
        """Change in isolated people for every swap (rounds x n x n)."""
        rounds = np.arange(assign.shape[0])[:, None]
        li, f = self.level, self._lonely
        own = self.counts[rounds, assign, li[None, :]]  # C[r, g_i, l_i]
        cross = self.counts[rounds[:, :, None], assign[:, :, None], li[None, None, :]]
        # cross[r, i, j] = C[r, g_i, l_j]; its transpose is C[r, g_j, l_i].
        cross_t = cross.transpose(0, 2, 1)
        d = (f(own - 1, li)[:, :, None] - f(own, li)[:, :, None]
             + f(cross + 1, li[None, None, :]) - f(cross, li[None, None, :])
             + f(own - 1, li)[:, None, :] - f(own, li)[:, None, :]
             + f(cross_t + 1, li[None, :, None]) - f(cross_t, li[None, :, None]))
        return np.where(li[:, None] == li[None, :], 0.0, d)

    def swap(self, r, i, j, gi, gj) -> None:
        """Record that i (in gi) and j (in gj) swapped in round r."""
        for g, out, into in ((gi, i, j), (gj, j, i)):
            self.counts[r, g, self.level[out]] -= 1
            self.counts[r, g, self.level[into]] += 1


def total_cost(costs, met, repeat, assign, iso_weight=0.0, isolation=None) -> float:
    """Objective the search minimises: pair costs + convex repeat cost + isolation."""
    together = assign[:, :, None] == assign[:, None, :]
    base = sum(np.triu(costs * t, 1).sum() for t in together)
    meets = met + together.sum(0)
    repeats = np.triu(meets * (meets - 1) / 2 - met * (met - 1) / 2, 1).sum()
    lonely = 0.0
    if isolation is not None:
        lonely = isolation._lonely(isolation.counts, np.arange(5)[None, None, :]).sum()
    return float(base + repeat * repeats + iso_weight * lonely)


def tabu_search(
    problem: Problem,
    assign: np.ndarray,
    movable: np.ndarray,
    costs: np.ndarray,
    rng: np.random.Generator,
    iterations: int,
    *,
    linked: bool = False,
) -> np.ndarray:
    """Improve a rounds x n assignment by tabu search; returns the best assignment seen.

    linked=True swaps two people in every round at once (relabelling a repeat-free schedule,
    which keeps it repeat-free); it needs no history, no locks and no together units.
    """
    _, repeat, iso_weight = penalties(problem)
    met = met_matrix(problem)
    n, rounds = problem.n, assign.shape[0]
    k = len(problem.sizes)
    assign = assign.copy()
    isolation = _Isolation(problem, assign) if problem.minority_levels else None
    current = total_cost(costs, met, repeat, assign, iso_weight, isolation)
    best, best_assign = current, assign.copy()
    tabu_until = np.zeros((rounds, n), dtype=np.int64)
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    pair_ok = movable[:, :, None] & movable[:, None, :] & upper[None]
    if not pair_ok.any():
        return assign
    tie_noise = 1e-6 / max(problem.pairs_per_round, 1)
    stall, stall_limit = 0, max(50, 6 * n)
    eye = np.eye(n, dtype=bool)
    for it in range(iterations):
        together = assign[:, :, None] == assign[:, None, :]
        if linked:  # relabelling keeps every meeting count: repeats cannot change
            w = np.broadcast_to(costs, (rounds, n, n))
        else:
            w = costs[None] + repeat * (met + together.sum(0))[None] - repeat * together
            w[:, eye] = 0.0
        onehot = (assign[:, :, None] == np.arange(k)[None, None, :]).astype(np.float64)
        gain = w @ onehot
        own = np.take_along_axis(gain, assign[:, :, None], 2)[:, :, 0]
        cross = np.take_along_axis(gain, np.broadcast_to(assign[:, None, :], (rounds, n, n)), 2)
        delta = cross + cross.transpose(0, 2, 1) - own[:, :, None] - own[:, None, :] - 2 * w
        if isolation is not None:
            delta += iso_weight * isolation.delta(assign)
        if linked:
            # Relabelling keeps every meeting count, so only per-round soft and hard terms move.
            delta = np.where(together, 0.0, delta).sum(0, keepdims=True)
        delta += tie_noise * rng.random(delta.shape)
        valid = (pair_ok[:1] if linked else pair_ok & ~together)
        free = tabu_until[:1] <= it if linked else tabu_until <= it
        allowed = valid & free[:, :, None] & free[:, None, :]
        aspire = valid & (current + delta < best - 1e-9)
        choice = np.where(allowed | aspire, delta, np.inf)
        flat = int(np.argmin(choice))
        if not np.isfinite(choice.flat[flat]):
            break
        r, i, j = np.unravel_index(flat, choice.shape)
        for rr in range(rounds) if linked else (r,):
            gi, gj = assign[rr, i], assign[rr, j]
            assign[rr, i], assign[rr, j] = gj, gi
            if isolation is not None:
                isolation.swap(rr, i, j, gi, gj)
        current += float(delta[r, i, j])
        tenure = 3 + int(rng.integers(0, max(3, n // 6)))
        tabu_until[r, i] = tabu_until[r, j] = it + tenure  # r is 0 when linked
        if current < best - 1e-9:
            best, best_assign, stall = current, assign.copy(), 0
        else:
            stall += 1
        if stall >= stall_limit:
            # Iterated tabu: restart from the best with a few random swaps to leave the basin.
            assign = _perturb(best_assign, pair_ok, rng, max(2, n // 10), linked)
            if isolation is not None:
                isolation = _Isolation(problem, assign)
            current = total_cost(costs, met, repeat, assign, iso_weight, isolation)
            stall = 0
    return best_assign


def _perturb(assign, pair_ok, rng, strength: int, linked: bool = False) -> np.ndarray:
    """Apply `strength` random swaps of movable people (in one round, or all when linked)."""
    assign = assign.copy()
    rounds, n = assign.shape
    for _ in range(strength):
        r = int(rng.integers(rounds))
        i, j = rng.integers(n, size=2)
        a, b = min(i, j), max(i, j)
        if pair_ok[r, a, b] and assign[r, a] != assign[r, b]:
            for rr in range(rounds) if linked else (r,):
                assign[rr, a], assign[rr, b] = assign[rr, b], assign[rr, a]
    return assign
