"""Swap descent for large cohorts, without ever building an N x N matrix.

Soft pair costs are dot products of per-person features (see groups_pairs.features), so a
person's pull towards a group is F_i . D . (sum of the group's features): O(d) per candidate.
Country and organisation use per-group count tables; apart pairs and earlier meetings are short
adjacency lists. Rounds are solved one after another, each avoiding the pairs met before it.
Work is capped by counts (passes x candidates), never wall-clock time, so results are
deterministic for a seed.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from matching.groups.pairs import category_weights, features, penalties
from matching.groups.problem import Problem
from matching.groups.start import initial_round, movable_mask, neighbour_lists

CANDIDATES = 32  # partners tried per person and pass
BATCH = 64  # people evaluated together
SEARCH_DIMS = 64  # challenge vectors are projected to this many principal directions for search


class _RoundState:
    """Group feature sums and count tables for one round, updated in O(d) per swap."""

    def __init__(
        self,
        problem: Problem,
        assign: np.ndarray,
        F: np.ndarray,
        FD: np.ndarray,
        u: np.ndarray,
        adjacency: list[list[tuple[int, float]]],
    ) -> None:
        k = len(problem.sizes)
        self.p, self.assign, self.F, self.FD, self.u = problem, assign, F, FD, u
        self.self_pull = np.einsum("nd,nd->n", FD, F)
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
        self.w_country, w_org = category_weights(problem)
        self.w_org = np.full(self.org_count.shape[1], w_org)
        self.w_org[0] = 0.0  # column 0 gathers people whose organisation nobody else shares
        self.adjacency = adjacency  # person -> [(partner, price), ...]
        self.has_partners = np.array([bool(x) for x in adjacency])
        self.members: list[list[int]] = [[] for _ in range(k)]
        for i, g in enumerate(assign):
            self.members[g].append(i)
        # FD_i . (sum of the rest of i's group), kept current on swaps
        self.own = np.einsum("nd,nd->n", FD, self.sums[assign]) - self.self_pull

    def _partners(self, i: int, groups: np.ndarray) -> np.ndarray:
        """Price of i's apart/met partners sitting in each of `groups`."""
        out = np.zeros(len(groups))
        for x, price in self.adjacency[i]:
            out += price * (groups == self.assign[x])
        return out

    def deltas(self, people: np.ndarray, cands: np.ndarray) -> np.ndarray:
        """Cost change of swapping each person (B) with each of their candidates (B x m)."""
        a, bs = self.assign[people], self.assign[cands]
        fd_i, fd_j = self.FD[people], self.FD[cands]
        # FD_j . F_i equals F_j . FD_i because D is diagonal: the i-j pair term.
        d = (
            np.einsum("bmd,bd->bm", self.sums[bs], fd_i)
            - self.own[people][:, None]
            + np.einsum("bmd,bd->bm", fd_j, self.sums[a] - 2.0 * self.F[people])
            - self.own[cands]
        )
        d += (self.sizes[bs] - self.sizes[a][:, None]) * (self.u[people][:, None] - self.u[cands])
        a2 = a[:, None]
        for codes, table, price in (
            (self.p.country, self.country, self.w_country),
            (self.org, self.org_count, self.w_org),
        ):
            ci, cj = codes[people][:, None], codes[cands]
            same = ci == cj
            # i leaves a (minus itself) for b (minus j); j the other way.
            d += price[ci] * (table[bs, ci] - same - table[a2, ci] + 1)
            d += price[cj] * (table[a2, cj] - same - table[bs, cj] + 1)
        for b in np.flatnonzero(self.has_partners[people] | self.has_partners[cands].any(1)):
            d[b] += self._partner_delta(int(people[b]), cands[b])
        return d

    def _partner_delta(self, i: int, js: np.ndarray) -> np.ndarray:
        """Apart and met-before terms of swapping i with each of js."""
        a, bs = self.assign[i], self.assign[js]
        d = np.zeros(len(js))
        if self.adjacency[i]:
            d += self._partners(i, bs) - self._partners(i, np.array([a]))
            # i's partner j leaves B as i arrives (and vice versa): do not count that pair.
            mine: dict[int, float] = {}
            for x, price in self.adjacency[i]:
                mine[x] = mine.get(x, 0.0) + price
            d -= 2.0 * np.array([mine.get(int(j), 0.0) for j in js])
        for m in np.flatnonzero(self.has_partners[js]):
            j = int(js[m])
            d[m] += (self._partners(j, np.array([a])) - self._partners(j, bs[m : m + 1]))[0]
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
        for g, left, came in ((a, i, j), (b, j, i)):
            self.members[g].remove(left)
            self.members[g].append(came)
            stay = np.array(self.members[g])
            self.own[stay] = self.FD[stay] @ self.sums[g] - self.self_pull[stay]


def _adjacency(
    problem: Problem, apart: list[list[int]], met: list[list[int]]
) -> list[list[tuple[int, float]]]:
    """Per person: (partner, price) for apart partners and everyone met before."""
    hard, repeat, _ = penalties(problem)
    adjacency = [[(j, hard) for j in apart[i]] for i in range(problem.n)]
    for i in range(problem.n):
        adjacency[i].extend((j, repeat) for j in met[i])
    return adjacency


def descend_round(
    problem: Problem, state: _RoundState, movable: np.ndarray, rng: np.random.Generator
) -> None:
    """Improve one round by swaps against sampled partners, evaluated a batch at a time.

    A batch's deltas are exact only while its groups are untouched, so within a batch a swap is
    applied only if neither of its groups has changed yet; skipped people get another pass.
    """
    n = problem.n
    people = np.flatnonzero(movable)
    if len(people) < 2:
        return
    passes = int(np.clip(100_000 // n, 6, 20))
    for _ in range(passes):
        improved = 0
        order = rng.permutation(people)
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            cands = people[rng.integers(len(people), size=(len(batch), CANDIDATES))]
            d = state.deltas(batch, cands)
            d[state.assign[cands] == state.assign[batch][:, None]] = np.inf
            best = np.argmin(d, axis=1)
            touched: set[int] = set()
            for b in np.flatnonzero(d[np.arange(len(batch)), best] < -1e-12):
                i, j = int(batch[b]), int(cands[b, best[b]])
                ga, gb = int(state.assign[i]), int(state.assign[j])
                if ga in touched or gb in touched:
                    continue
                touched.update((ga, gb))
                state.swap(i, j)
                improved += 1
        if improved == 0:
            break


def _projected(problem: Problem) -> Problem:
    """The problem with challenge vectors reduced to their top SEARCH_DIMS principal directions.

    Uncentred PCA from the d x d Gram matrix (cheap for any N): pair cosines are kept up to the
    discarded energy, which is small for topic-structured texts; metrics use the full vectors.
    """
    vectors = problem.vectors.astype(np.float64)
    if vectors.shape[1] <= SEARCH_DIMS:
        return problem
    _, basis = np.linalg.eigh(vectors.T @ vectors)
    return replace(problem, vectors=vectors @ basis[:, -SEARCH_DIMS:])


def solve_large(problem: Problem, rng: np.random.Generator) -> np.ndarray:
    """Assign every round (rounds x n) with greedy dealing then sampled swap descent."""
    F, D, u = features(_projected(problem))
    F = F.astype(np.float64)
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
