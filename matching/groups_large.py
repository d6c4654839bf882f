"""Swap descent for large cohorts, without ever building an N x N matrix.

Soft pair costs are dot products of per-person features (see groups_pairs.features), so a
person's pull towards a group is F_i . D . (sum of the group's features): O(d) per candidate.
Country and organisation use per-group count tables; apart pairs and earlier meetings are short
adjacency lists. Rounds are solved one after another, each avoiding the pairs met before it.
Work is capped by counts (passes x candidates), never wall-clock time, so results are
deterministic for a seed.
"""

from __future__ import annotations

import numpy as np

from matching.groups_pairs import category_weights, features, penalties
from matching.groups_problem import Problem
from matching.groups_start import initial_round, movable_mask, neighbour_lists

CANDIDATES = 48  # partners tried per person and pass


class _RoundState:
    """Group feature sums and count tables for one round, updated in O(d) per swap."""

    def __init__(self, problem: Problem, assign, F, FD, u, adjacency):
        k = len(problem.sizes)
        self.p, self.assign, self.F, self.FD, self.u = problem, assign, F, FD, u
        self.sizes = np.bincount(assign, minlength=k).astype(np.float64)
        self.sums = np.zeros((k, F.shape[1]))
        np.add.at(self.sums, assign, F)
        self.country = np.zeros((k, int(problem.country.max()) + 1), dtype=np.int32)
        np.add.at(self.country, (assign, problem.country), 1)
        # Only organisations with several people can break the rule; others share column 0.
        orgs, counts = np.unique(problem.org, return_counts=True)
        shared = {int(o): c + 1 for c, o in enumerate(orgs[counts > 1])}
        self.org = np.array([shared.get(int(o), 0) for o in problem.org], dtype=np.int64)
        self.org_count = np.zeros((k, len(shared) + 1), dtype=np.int32)
        np.add.at(self.org_count, (assign, self.org), 1)
        self.w_country, self.w_org = category_weights(problem)
        self.adjacency = adjacency  # person -> [(partner, price), ...]

    def _partners(self, i: int, groups: np.ndarray) -> np.ndarray:
        """Price of i's apart/met partners sitting in each of `groups`."""
        out = np.zeros(len(groups))
        for x, price in self.adjacency[i]:
            out += price * (groups == self.assign[x])
        return out

    def deltas(self, i: int, js: np.ndarray) -> np.ndarray:
        """Cost change of swapping i with each candidate in js (all in other groups)."""
        a, bs = self.assign[i], self.assign[js]
        fd_i, fd_j = self.FD[i], self.FD[js]
        sa, sb = self.sums[a], self.sums[bs]
        own_i = fd_i @ sa - fd_i @ self.F[i]
        own_j = np.einsum("md,md->m", fd_j, sb) - np.einsum("md,md->m", fd_j, self.F[js])
        d = sb @ fd_i - own_i + fd_j @ sa - own_j - 2.0 * (self.F[js] @ fd_i)
        d += (self.sizes[bs] - self.sizes[a]) * (self.u[i] - self.u[js])
        ci, cj = self.p.country[i], self.p.country[js]
        cc = self.country
        d += self.w_country * (cc[bs, ci] - (cc[a, ci] - 1) + cc[a, cj] - (cc[bs, cj] - 1)
                               - 2 * (ci == cj))
        oi, oj = self.org[i], self.org[js]
        oc = self.org_count
        org_d = oc[bs, oi] - (oc[a, oi] - 1) + oc[a, oj] - (oc[bs, oj] - 1) - 2 * (oi == oj)
        d += self.w_org * np.where((oi > 0) | (oj > 0), org_d, 0)
        if self.adjacency[i]:
            d += self._partners(i, bs) - self._partners(i, np.array([a]))
            # i's partner j leaves B as i arrives (and vice versa): do not count that pair.
            mine: dict[int, float] = {}
            for x, price in self.adjacency[i]:
                mine[x] = mine.get(x, 0.0) + price
            d -= 2.0 * np.array([mine.get(int(j), 0.0) for j in js])
        for m, j in enumerate(js):
            if self.adjacency[j]:
                d[m] += (self._partners(j, np.array([a])) - self._partners(j, np.array([bs[m]])))[0]
        return d

    def swap(self, i: int, j: int) -> None:
        """Exchange the groups of i and j and update sums and tables."""
        a, b = self.assign[i], self.assign[j]
        for person, src, dst in ((i, a, b), (j, b, a)):
            self.sums[src] -= self.F[person]
            self.sums[dst] += self.F[person]
            self.country[src, self.p.country[person]] -= 1
            self.country[dst, self.p.country[person]] += 1
            self.org_count[src, self.org[person]] -= 1
            self.org_count[dst, self.org[person]] += 1
        self.assign[i], self.assign[j] = b, a


def _adjacency(problem: Problem, apart, met) -> list[list[tuple[int, float]]]:
    """Per person: (partner, price) for apart partners and everyone met before."""
    hard, repeat, _ = penalties(problem)
    adjacency = [[(j, hard) for j in apart[i]] for i in range(problem.n)]
    for i in range(problem.n):
        adjacency[i].extend((j, repeat) for j in met[i])
    return adjacency


def descend_round(problem: Problem, state: _RoundState, movable: np.ndarray, rng) -> None:
    """Improve one round by first-improvement swaps against sampled partners."""
    n = problem.n
    people = np.flatnonzero(movable)
    if len(people) < 2:
        return
    passes = int(np.clip(200_000 // n, 6, 30))
    for _ in range(passes):
        improved = 0
        for i in rng.permutation(people):
            js = people[rng.integers(len(people), size=CANDIDATES)]
            js = js[state.assign[js] != state.assign[i]]
            if len(js) == 0:
                continue
            d = state.deltas(int(i), js)
            best = int(np.argmin(d))
            if d[best] < -1e-12:
                state.swap(int(i), int(js[best]))
                improved += 1
        if improved == 0:
            break


def solve_large(problem: Problem, rng: np.random.Generator) -> np.ndarray:
    """Assign every round (rounds x n) with greedy dealing then sampled swap descent."""
    F, D, u = features(problem)
    FD = F * D
    apart, met = neighbour_lists(problem)
    movable = movable_mask(problem)
    rounds = []
    for r in range(problem.rounds):
        assign = initial_round(problem, r, met, apart, rng)
        state = _RoundState(problem, assign, F, FD, u, _adjacency(problem, apart, met))
        descend_round(problem, state, movable[r], rng)
        for g in range(len(problem.sizes)):
            members = np.flatnonzero(state.assign == g)
            for x in members:
                met[x].extend(int(y) for y in members if y != x)
        rounds.append(state.assign.copy())
    return np.array(rounds)
