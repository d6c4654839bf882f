"""Tabu search over all rounds at once, for cohorts small enough for an N x N cost matrix.

Moves swap two people between groups of one round (sizes never change). Every swap's effect,
in every round, comes from one batched matrix product: with pair weights w (soft + hard + the
repeat cost of meeting again), a person's "gain" towards each group is G = w @ onehot, and
swapping i and j costs G[i, g_j] + G[j, g_i] - G[i, g_i] - G[j, g_j] - 2 w_ij. Repeats are
priced by how often a pair meets in the *other* rounds, so solving rounds jointly lets the search
trade a repeat in round 3 for one in round 7, which round-by-round greedy cannot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from matching.groups.pairs import penalties
from matching.groups.problem import Problem

# Short random tenures and frequent restarts from the best worked best on social-golfer shapes
# (tried: tenure 2-20 plus up to n, restarts after 3n-20n stalled moves).
TENURE = (2, 0.05)
STALL = 3
RESTARTS = 4  # restarts (better result or not) before a clean, stalled search may stop early
# One round is cheap to search, and on the cohort scale its soft landscape has more near-ties:
# more restarts there found the exact optimum where 4 stopped 0.4% short (16 people, 4 groups).
RESTARTS_ONE_ROUND = 12


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

    def _lonely(self, count: np.ndarray, level: np.ndarray) -> np.ndarray:
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
        d = (
            f(own - 1, li)[:, :, None]
            - f(own, li)[:, :, None]
            + f(cross + 1, li[None, None, :])
            - f(cross, li[None, None, :])
            + f(own - 1, li)[:, None, :]
            - f(own, li)[:, None, :]
            + f(cross_t + 1, li[None, :, None])
            - f(cross_t, li[None, :, None])
        )
        return np.where(li[:, None] == li[None, :], 0.0, d)

    def lonely_any(self) -> bool:
        """Whether anyone is alone at a minority level right now."""
        return bool(self._lonely(self.counts, np.arange(5)[None, None, :]).any())

    def swap(self, r: int, i: int, j: int, gi: int, gj: int) -> None:
        """Record that i (in gi) and j (in gj) swapped in round r."""
        for g, out, into in ((gi, i, j), (gj, j, i)):
            self.counts[r, g, self.level[out]] -= 1
            self.counts[r, g, self.level[into]] += 1


def total_cost(
    costs: np.ndarray,
    met: np.ndarray,
    repeat: float,
    assign: np.ndarray,
    iso_weight: float = 0.0,
    isolation: _Isolation | None = None,
) -> float:
    """Objective the search minimises: pair costs + convex repeat cost + isolation."""
    together = assign[:, :, None] == assign[:, None, :]
    base = sum(np.triu(costs * t, 1).sum() for t in together)
    meets = met + together.sum(0)
    repeats = np.triu(meets * (meets - 1) / 2 - met * (met - 1) / 2, 1).sum()
    lonely = 0.0
    if isolation is not None:
        lonely = isolation._lonely(isolation.counts, np.arange(5)[None, None, :]).sum()
    return float(base + repeat * repeats + iso_weight * lonely)


class _Gains:
    """Pair weights W (rounds x n x n), gains G = W @ onehot and who is together, kept current.

    W[r] = costs + repeat * (meetings in the other rounds and before). Swapping in round r
    leaves W[r] alone (its own meetings are excluded) and shifts the other rounds' W by the
    pairs i and j gained or lost, so G changes in two rows and two columns per round.
    """

    def __init__(
        self,
        costs: np.ndarray,
        met: np.ndarray,
        repeat: float,
        assign: np.ndarray,
        k: int,
        linked: bool,
    ) -> None:
        self.costs, self.met, self.repeat, self.k, self.linked = costs, met, repeat, k, linked
        self.forbidden = costs > 1.5 * repeat  # fixed for the whole search; _conflicted reads it
        np.fill_diagonal(self.forbidden, False)  # nobody conflicts with themselves
        rounds, n = assign.shape
        self.rounds = np.arange(rounds)
        # Flat offsets into G: G.flat[row_start[r, i] + g] is G[r, i, g], so one gather serves
        # every round.
        self.row_start = (self.rounds[:, None, None] * n + np.arange(n)[None, :, None]) * k
        self.rebuild(assign)

    def rebuild(self, assign: np.ndarray) -> None:
        """Recompute W and G from scratch (start, restarts, and against rounding drift)."""
        rounds, n = assign.shape
        self.together = assign[:, :, None] == assign[:, None, :]
        if self.linked:  # relabelling keeps every meeting count: repeats cannot change
            self.W = np.repeat(self.costs[None], rounds, axis=0)
        else:
            together = self.together.astype(np.float64)
            others = (self.met + together.sum(0))[None] - together
            self.W = self.costs[None] + self.repeat * others
            self.W[:, np.arange(n), np.arange(n)] = 0.0
        self.onehot = (assign[:, :, None] == np.arange(self.k)).astype(np.float64)
        self.G = self.W @ self.onehot

    def deltas(self, assign: np.ndarray) -> np.ndarray:
        """Cost change of swapping i and j in round r, for every (r, i, j)."""
        cross = self.G.take(self.row_start + assign[:, None, :])  # G[r, i, group of j]
        own = np.diagonal(cross, axis1=1, axis2=2)
        delta = cross + cross.transpose(0, 2, 1)
        delta -= own[:, :, None]  # in place: same sums in the same order, fewer temporaries
        delta -= own[:, None, :]
        delta -= 2 * self.W
        return delta

    def swap(self, assign: np.ndarray, rounds_changed: Sequence[int], i: int, j: int) -> None:
        """Update everything for i and j having swapped groups in rounds_changed (assign is after)."""
        for r in rounds_changed:
            gi, gj = assign[r, j], assign[r, i]  # i's old group is where j is now
            col = self.W[r, :, j] - self.W[r, :, i]
            self.G[r, :, gi] += col
            self.G[r, :, gj] -= col
            self.onehot[r, i, gi] = self.onehot[r, j, gj] = 0.0
            self.onehot[r, i, gj] = self.onehot[r, j, gi] = 1.0
            for x in (i, j):
                self.together[r, x, :] = self.together[r, :, x] = assign[r] == assign[r, x]
        if self.linked or assign.shape[0] == 1:
            return  # one round: W never changes (no other round to meet in)
        (r,) = rounds_changed
        # v: +1 for i's new group mates, -1 for the old ones (j mirrors it with the sign flipped).
        v = (assign[r] == assign[r, i]).astype(np.float64)
        v -= assign[r] == assign[r, j]
        v[i] = v[j] = 0.0
        f = self.repeat * (self.rounds != r)
        dW = np.outer(f, v)
        self.W[:, i, :] += dW
        self.W[:, :, i] += dW
        self.W[:, j, :] -= dW
        self.W[:, :, j] -= dW
        # Per round, v summed over each group's members (small integers: exact in any order).
        vz = f[:, None] * (v @ self.onehot)
        self.G[:, i, :] += vz
        self.G[:, j, :] -= vz
        self.G[self.rounds, :, assign[:, i]] += dW
        self.G[self.rounds, :, assign[:, j]] -= dW


@dataclass(frozen=True)
class SearchResult:
    """The best assignment a tabu search saw, and how many iterations it ran (at most its cap)."""

    assign: np.ndarray
    iterations: int


def tabu_search(
    problem: Problem,
    assign: np.ndarray,
    movable: np.ndarray,
    costs: np.ndarray,
    rng: np.random.Generator,
    iterations: int,
    *,
    linked: bool = False,
    focus: bool = False,
) -> SearchResult:
    """Improve a rounds x n assignment by tabu search, for at most `iterations` swaps.

    It stops earlier once the best is clean (no repeat, no broken rule, nobody isolated) and
    RESTARTS restarts have passed with the search stalled: only the soft score was left to gain.

    focus=True only tries swaps that involve someone in a repeated or forbidden pair while such
    pairs exist (the conflict-directed neighbourhood of social-golfer local search).

    linked=True swaps two people in every round at once (relabelling a repeat-free schedule,
    which keeps it repeat-free); it needs no history, no locks and no together units.
    """
    _, repeat, iso_weight = penalties(problem)
    met = met_matrix(problem)
    n, rounds = problem.n, assign.shape[0]
    assign = assign.copy()
    isolation = _Isolation(problem, assign) if problem.minority_levels else None
    gains = _Gains(costs, met, repeat, assign, len(problem.sizes), linked)
    current = total_cost(costs, met, repeat, assign, iso_weight, isolation)
    best, best_assign = current, assign.copy()
    tabu_until = np.zeros((rounds, n), dtype=np.int64)
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    pair_ok = movable[:, :, None] & movable[:, None, :] & upper[None]
    if linked:
        pair_ok = pair_ok.all(0, keepdims=True)
    if not pair_ok.any():
        return SearchResult(assign, 0)
    tie_noise = 1e-6 / max(problem.pairs_per_round, 1)
    stall, stall_limit, restarts = 0, max(50, int(STALL * n)), 0
    restart_limit = RESTARTS_ONE_ROUND if rounds == 1 else RESTARTS
    tenures = TENURE[0] + rng.integers(0, max(2, int(n * TENURE[1])), size=iterations)
    ran = 0
    for it in range(iterations):
        ran = it + 1
        together = gains.together
        delta = gains.deltas(assign)
        if isolation is not None:
            delta += iso_weight * isolation.delta(assign)
        if linked:  # a relabelling changes each round where the two are apart
            delta = np.where(together, 0.0, delta).sum(0, keepdims=True)
            valid = pair_ok & ~together.all(0, keepdims=True)
        else:
            valid = pair_ok & ~together
            if focus:
                hot = _conflicted(gains, together)
                if hot.any():
                    valid &= hot[:, :, None] | hot[:, None, :]
        free = tabu_until[:1] <= it if linked else tabu_until <= it
        # A tabu swap is still allowed when it would beat the best so far (aspiration).
        valid &= (free[:, :, None] & free[:, None, :]) | (current + delta < best - 1e-9)
        choice = np.where(valid, delta, np.inf)
        low = choice.min()
        if not np.isfinite(low):
            break
        # Swaps within tie_noise of the best one are ties: take one of them at random.
        ties = np.flatnonzero(choice <= low + tie_noise)
        flat = int(ties[int(rng.random() * len(ties))])
        r, i, j = flat // (n * n), flat // n % n, flat % n
        changed = [rr for rr in range(rounds) if assign[rr, i] != assign[rr, j]] if linked else [r]
        for rr in changed:
            gi, gj = assign[rr, i], assign[rr, j]
            assign[rr, i], assign[rr, j] = gj, gi
            if isolation is not None:
                isolation.swap(rr, i, j, gi, gj)
        gains.swap(assign, changed, i, j)
        current += float(delta[r, i, j])
        tabu_until[r, i] = tabu_until[r, j] = it + tenures[it]  # r is 0 when linked
        if current < best - 1e-9:
            best, best_assign, stall = current, assign.copy(), 0
        else:
            stall += 1
        if stall >= stall_limit:
            restarts += 1
        if (
            stall >= stall_limit
            and restarts > restart_limit
            and _is_clean(problem, costs, met, repeat, best_assign)
        ):
            break  # no rule or repeat left to chase, and restarts stopped finding better
        if stall >= stall_limit:
            # Iterated tabu: restart from the best with a few random swaps to leave the basin.
            assign = _perturb(best_assign, pair_ok, rng, max(2, n // 10), linked)
            if isolation is not None:
                isolation = _Isolation(problem, assign)
            gains.rebuild(assign)
            current = total_cost(costs, met, repeat, assign, iso_weight, isolation)
            stall = 0
        elif it % 500 == 499:
            gains.rebuild(assign)
    return SearchResult(best_assign, ran)


def _conflicted(gains: _Gains, together: np.ndarray) -> np.ndarray:
    """rounds x n: who shares their group with someone they meet elsewhere or must avoid."""
    # The diagonal needs no clearing: W's diagonal is 0 and forbidden's is False.
    clash = together & ((gains.W - gains.costs[None] > 0.5 * gains.repeat) | gains.forbidden[None])
    return clash.any(2)


def _is_clean(
    problem: Problem, costs: np.ndarray, met: np.ndarray, repeat: float, assign: np.ndarray
) -> bool:
    """No repeated or forbidden pair and nobody isolated: only the soft score is left."""
    together = assign[:, :, None] == assign[:, None, :]
    together[:, np.arange(problem.n), np.arange(problem.n)] = False
    meets = met + together.sum(0)
    if (together & ((meets[None] > 1) | (costs[None] > 1.5 * repeat))).any():
        return False
    if not problem.minority_levels:
        return True
    return not _Isolation(problem, assign).lonely_any()


def _perturb(
    assign: np.ndarray,
    pair_ok: np.ndarray,
    rng: np.random.Generator,
    strength: int,
    linked: bool = False,
) -> np.ndarray:
    """Apply `strength` random swaps of movable people (in one round, or all when linked)."""
    assign = assign.copy()
    rounds, n = assign.shape
    for _ in range(strength):
        r = 0 if linked else int(rng.integers(rounds))
        i, j = rng.integers(n, size=2)
        a, b = min(i, j), max(i, j)
        if pair_ok[r, a, b] and assign[r, a] != assign[r, b]:
            for rr in range(rounds) if linked else (r,):
                assign[rr, a], assign[rr, b] = assign[rr, b], assign[rr, a]
    return assign
