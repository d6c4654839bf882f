"""A sound first assignment for one round, built greedily before the local search improves it.

Locked people go first, then together units, then everyone else from the largest country down,
each into the open group where they break the fewest rules. Dealing big countries first is what
keeps "one country per group" satisfiable; the search then only has to polish.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matching.groups.problem import Problem

# Lexicographic weights of the greedy choice: rules, then country, then repeats, then balance.
_RULE, _COUNTRY, _REPEAT = 1e6, 1e3, 10.0


def neighbour_lists(problem: Problem) -> tuple[list[list[int]], list[list[int]]]:
    """Per person: apart partners, and people met before (one entry per earlier meeting)."""
    apart: list[list[int]] = [[] for _ in range(problem.n)]
    for a, b in problem.apart:
        apart[a].append(b)
        apart[b].append(a)
    met: list[list[int]] = [[] for _ in range(problem.n)]
    for (a, b), count in problem.met_before.items():
        met[a].extend([b] * count)
        met[b].extend([a] * count)
    return apart, met


def deal_order(problem: Problem, people: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Largest country first, colleagues next to each other, random within ties."""
    freq = np.bincount(problem.country)[problem.country[people]]
    noise = rng.random(len(people))
    return people[np.lexsort((noise, problem.org[people], problem.country[people], -freq))]


class _Dealer:
    """Fills one round's groups, tracking counts so each choice is a few vector operations."""

    def __init__(
        self,
        problem: Problem,
        apart: list[list[int]],
        met: list[list[int]],
        rng: np.random.Generator,
    ) -> None:
        k = len(problem.sizes)
        self.p, self.apart, self.met, self.rng = problem, apart, met, rng
        self.assign = np.full(problem.n, -1, dtype=np.int64)
        self.room = np.array(problem.sizes, dtype=np.float64)
        self.country = np.zeros((k, int(problem.country.max()) + 1), dtype=np.int32)
        self.orgs: dict[int, dict[int, int]] = {}  # organisation -> {group: members}
        self.diversify = problem.weights.country_mode == "diversify"

    def place(self, people: Sequence[int] | np.ndarray, g: int) -> None:
        """Put people in group g and update the counts."""
        for i in people:
            self.assign[i] = g
            self.room[g] -= 1
            self.country[g, self.p.country[i]] += 1
            groups = self.orgs.setdefault(int(self.p.org[i]), {})
            groups[g] = groups.get(g, 0) + 1

    def cost(self, people: Sequence[int] | np.ndarray) -> np.ndarray:
        """Greedy cost of putting these people in each group (inf where they do not fit)."""
        cost = np.where(self.room >= len(people), -self.room, np.inf)
        for i in people:
            same = self.country[:, self.p.country[i]]
            cost += (_COUNTRY if self.diversify else -1.0) * same
            for g, count in self.orgs.get(int(self.p.org[i]), {}).items():
                cost[g] += _RULE * count
            for j in self.apart[i]:
                if self.assign[j] >= 0:
                    cost[self.assign[j]] += _RULE
            for j in self.met[i]:
                if self.assign[j] >= 0:
                    cost[self.assign[j]] += _REPEAT
        return cost + 1e-3 * self.rng.random(len(cost))


def initial_round(
    problem: Problem,
    r: int,
    met: list[list[int]],
    apart: list[list[int]],
    rng: np.random.Generator,
) -> np.ndarray:
    """Greedy assignment of round r (group index per person) that respects locks and units."""
    dealer = _Dealer(problem, apart, met, rng)
    locks = problem.locks[r]
    for g in range(len(problem.sizes)):
        dealer.place(np.flatnonzero(locks == g), g)
    in_unit = np.zeros(problem.n, dtype=bool)
    for unit in sorted(problem.units, key=len, reverse=True):
        in_unit[unit] = True
        if locks[unit[0]] < 0:
            dealer.place(unit, int(np.argmin(dealer.cost(unit))))
    free = np.flatnonzero((locks < 0) & ~in_unit)
    for i in deal_order(problem, free, rng):
        dealer.place([i], int(np.argmin(dealer.cost([i]))))
    return dealer.assign


def movable_mask(problem: Problem) -> np.ndarray:
    """rounds x n: who the search may swap (not locked, not in a together unit)."""
    mask = problem.locks < 0
    for unit in problem.units:
        mask[:, unit] = False
    return mask


def _freedom_pick(
    met: np.ndarray,
    members: list[int],
    rem: np.ndarray,
    notmet: np.ndarray,
    slots: int,
    rng: np.random.Generator,
) -> list[int]:
    """Next one or two people for a group: compatible, and leaving the most people unmet."""
    ok = ~met[np.ix_(rem, np.asarray(members))].any(1) if members else np.ones(len(rem), dtype=bool)
    free_after = notmet[None, :] & ~met[rem]  # rem x n: who would still be unmet by the group
    if slots >= 2 and len(rem) >= 2:
        freedom = (free_after[:, None, :] & ~met[rem][None, :, :]).sum(2).astype(np.float64)
        good = ok[:, None] & ok[None, :] & ~met[np.ix_(rem, rem)]
        score = freedom - 1e3 * ~good + 1e-3 * rng.random(freedom.shape)
        np.fill_diagonal(score, -np.inf)
        a, b = np.unravel_index(int(np.argmax(score)), score.shape)
        return [int(rem[a]), int(rem[b])]
    score = free_after.sum(1) - 1e3 * ~ok + 1e-3 * rng.random(len(rem))
    return [int(rem[int(np.argmax(score))])]


def freedom_schedule(
    problem: Problem, forbidden: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Rounds filled two people at a time, keeping the most partners free for later rounds.

    The "freedom" greedy of Triska and Musliu (2012) for the social golfer problem: a pair is
    chosen so that the group leaves as many people as possible not yet met by any member.
    `forbidden` (n x n) marks pairs that must not share a group (colleagues, apart, history).
    """
    met = forbidden.copy()
    schedule = []
    for _ in range(problem.rounds):
        assign = np.full(problem.n, -1, dtype=np.int64)
        for g, size in enumerate(problem.sizes):
            members: list[int] = []
            while len(members) < size:
                rem = np.flatnonzero(assign < 0)
                notmet = np.asarray(~met[members].any(0)) if members else np.ones(problem.n, bool)
                for person in _freedom_pick(met, members, rem, notmet, size - len(members), rng):
                    members.append(person)
                    assign[person] = g
        together = assign[:, None] == assign[None, :]
        np.fill_diagonal(together, False)
        met |= together
        schedule.append(assign)
    return np.array(schedule)
