"""Peer tandems: split a cohort into 1:1 pairs with the highest total pair score.

Maximum-weight perfect matching on a general graph is not in scipy, so pairs are found greedily
(best remaining edge first) and then improved by 2-opt: two pairs (a,b),(c,d) are re-paired as
(a,c),(b,d) or (a,d),(b,c) whenever that raises the total. The search starts from the greedy
answer and only accepts improvements, so it is never worse than greedy; tests and the benchmark
compare it with the exact optimum on small cohorts. Partners from the same country cost a large
penalty, so they only remain when no arrangement avoids them (reported in `unmet`). With an odd
number of people, the one left over joins the pair that welcomes them most: one trio.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from matching.people import Person
from matching.recommendations.reasons import Explainer
from matching.reference import country_name
from matching.text.vectors import PeopleVectors


@dataclass(frozen=True)
class PairWeights:
    """Named weights of the pair score."""

    challenge: float = 1.0  # similar challenges: they can work on the same problem
    complement: float = 0.5  # each one's expertise meets the other's needs
    ecosystem: float = 0.1  # bonus for different ecosystems
    maturity: float = 0.1  # bonus for a similar stage
    already_met: float = 1.0  # penalty for partners who already know each other
    same_country_penalty: float = 100.0  # large enough to act as a hard constraint


@dataclass
class PairResult:
    """Tandems (ids), the trio when the cohort is odd, total score, reasons and unmet wishes."""

    pairs: list[tuple[str, str]]
    trio: tuple[str, str, str] | None
    score: float
    reasons: list[list[str]] = field(default_factory=list)  # aligned with `groups`
    unmet: list[str] = field(default_factory=list)

    @property
    def groups(self) -> list[tuple[str, ...]]:
        """Pairs followed by the trio, if any."""
        return list(self.pairs) + ([self.trio] if self.trio else [])

    def to_dict(self) -> dict:
        """Plain JSON-ready dict; `pairs` lists the trio too, as the CLI output promises."""
        data = asdict(self)
        data["pairs"] = [list(group) for group in self.groups]
        return data


DEFAULT_PAIR_WEIGHTS = PairWeights()


def pair(
    people: Sequence[Person],
    *,
    vectors: PeopleVectors,
    weights: PairWeights = DEFAULT_PAIR_WEIGHTS,
    random_state: int = 0,
    explain: bool = True,
) -> PairResult:
    """Pair everyone, different countries wherever possible; an odd cohort gets one trio."""
    if len(people) < 2:
        raise ValueError("pairing needs at least 2 people")
    scores = pair_scores(people, vectors, weights)
    pairs, trio = max_weight_pairing(scores, random_state=random_state)
    groups = [list(p) for p in pairs] + ([list(trio)] if trio else [])
    explainer = Explainer(people, vectors) if explain else None
    ids = [p.id for p in people]
    return PairResult(
        pairs=[(ids[a], ids[b]) for a, b in pairs],
        trio=(ids[trio[0]], ids[trio[1]], ids[trio[2]]) if trio else None,
        score=round(float(pairing_total(scores, pairs, trio)), 4),
        reasons=[_group_reasons(explainer, g) for g in groups] if explainer else [],
        unmet=_same_country(people, groups),
    )


def pair_scores(
    people: Sequence[Person], vectors: PeopleVectors, weights: PairWeights
) -> np.ndarray:
    """Symmetric n×n pair scores (diagonal -inf)."""
    challenge = vectors.challenge @ vectors.challenge.T
    helps = vectors.needs @ vectors.expertise.T
    complement = (helps + helps.T) / 2
    country = np.array([p.country for p in people])
    ecos = [set(p.ecosystems) for p in people]
    disjoint = np.array([[not (a & b) for b in ecos] for a in ecos], dtype=np.float32)
    maturity = np.array([p.maturity for p in people], dtype=np.float32)
    similar_stage = 1 - np.abs(maturity[:, None] - maturity[None, :]) / 3
    scores = (
        weights.challenge * challenge
        + weights.complement * complement
        + weights.ecosystem * disjoint
        + weights.maturity * similar_stage
        - weights.same_country_penalty * (country[:, None] == country[None, :])
    )
    scores -= weights.already_met * met_matrix(people)
    np.fill_diagonal(scores, -np.inf)
    return scores.astype(np.float64)


def met_matrix(people: Sequence[Person]) -> np.ndarray:
    """Symmetric n×n 0/1 matrix: 1 when either person lists the other as already met."""
    row = {p.id: i for i, p in enumerate(people)}
    met = np.zeros((len(people), len(people)), dtype=np.float32)
    for i, person in enumerate(people):
        for other in person.met & row.keys():
            met[i, row[other]] = met[row[other], i] = 1
    return met


def max_weight_pairing(
    scores: np.ndarray, *, random_state: int = 0
) -> tuple[list[tuple[int, int]], tuple[int, int, int] | None]:
    """Pairs (and a trio when n is odd) with a high total score: greedy, then local search."""
    n = len(scores)
    padded = scores
    if n % 2:  # a zero-score stand-in partner marks who will join a trio
        padded = np.zeros((n + 1, n + 1))
        padded[:n, :n] = scores
        padded[n, n] = -np.inf
    pairs = iterated_local_search(padded, greedy_pairing(padded), random_state=random_state)
    if not n % 2:
        return pairs, None
    left_over = next(a if b == n else b for a, b in pairs if n in (a, b))
    pairs = [p for p in pairs if n not in p]
    gains = [scores[left_over, a] + scores[left_over, b] for a, b in pairs]
    host = pairs.pop(int(np.argmax(gains)))
    return pairs, (host[0], host[1], left_over)


def greedy_pairing(scores: np.ndarray) -> list[tuple[int, int]]:
    """Repeatedly pair the two unpaired people with the best remaining score."""
    rows, cols = np.triu_indices(len(scores), k=1)
    order = np.argsort(-scores[rows, cols], kind="stable")
    taken = np.zeros(len(scores), dtype=bool)
    pairs = []
    for a, b in zip(rows[order].tolist(), cols[order].tolist(), strict=True):
        if not taken[a] and not taken[b]:
            taken[a] = taken[b] = True
            pairs.append((a, b))
    return pairs


def improve_pairing(
    scores: np.ndarray, pairs: list[tuple[int, int]], *, changed: set[int] | None = None
) -> list[tuple[int, int]]:
    """2-opt: re-pair two pairs whenever that raises the total, until nothing improves.

    A worklist holds the pairs whose moves still need checking (all of them at first, only the
    ones a kick touched later); a swap puts both pairs it changed back on the list.
    """
    first = np.array([a for a, _ in pairs])
    second = np.array([b for _, b in pairs])
    todo = set(range(len(pairs))) if changed is None else set(changed)
    while todo:
        p = todo.pop()
        a, b = first[p], second[p]
        current = scores[a, b] + scores[first, second]
        swaps = (scores[a, first] + scores[b, second], scores[a, second] + scores[b, first])
        gains = np.stack(swaps) - current
        gains[:, p] = 0
        way, q = np.unravel_index(int(np.argmax(gains)), gains.shape)
        if gains[way, q] > 1e-9:
            partner, other = (first[q], second[q]) if way == 0 else (second[q], first[q])
            first[p], second[p], first[q], second[q] = a, partner, b, other
            todo |= {p, int(q)}
    return [(int(a), int(b)) for a, b in zip(first, second, strict=True)]


def iterated_local_search(
    scores: np.ndarray,
    pairs: list[tuple[int, int]],
    *,
    random_state: int = 0,
    kicks: int = 300,
    patience: int = 60,
) -> list[tuple[int, int]]:
    """2-opt, then repeatedly shuffle three random pairs and 2-opt again, keeping any gain.

    2-opt alone stops at local optima about 10% below the best on random scores; the kicks let
    it escape them. Only improvements are kept, so the result is never below greedy. Stops after
    `patience` kicks in a row that found nothing.
    """
    rng = np.random.default_rng(random_state)
    best = improve_pairing(scores, pairs)
    best_total = pairing_total(scores, best)
    if len(best) < 3:
        return best
    failures = 0
    for _ in range(kicks):
        if failures >= patience:
            break
        trial = list(best)
        chosen = rng.choice(len(trial), size=3, replace=False)
        members = rng.permutation([m for c in chosen for m in trial[c]])
        for slot, c in enumerate(chosen):
            trial[c] = (int(members[2 * slot]), int(members[2 * slot + 1]))
        trial = improve_pairing(scores, trial, changed={int(c) for c in chosen})
        total = pairing_total(scores, trial)
        failures += 1
        if total > best_total + 1e-9:
            best, best_total, failures = trial, total, 0
    return best


def pairing_total(
    scores: np.ndarray,
    pairs: Sequence[tuple[int, int]],
    trio: Sequence[int] | None = None,
) -> float:
    """Sum of pair scores; a trio counts its original pair plus the newcomer's mean fit."""
    total = sum(scores[a, b] for a, b in pairs)
    if trio:
        a, b, c = trio
        total += scores[a, b] + (scores[c, a] + scores[c, b]) / 2
    return float(total)


def _group_reasons(explainer: Explainer, group: list[int]) -> list[str]:
    """Reasons for a pair, or for each pair inside a trio."""
    if len(group) == 2:
        return explainer.pair(*group)
    a, b, c = group
    return explainer.pair(a, b) + [f"Joins as third: {line}" for line in explainer.pair(c, a)[:1]]


def _same_country(people: Sequence[Person], groups: list[list[int]]) -> list[str]:
    """One line per group whose members share a country (only when nothing better existed)."""
    unmet = []
    for group in groups:
        for x, a in enumerate(group):
            for b in group[x + 1 :]:
                if people[a].country == people[b].country:
                    unmet.append(
                        f"{people[a].id} and {people[b].id} are both from "
                        f"{country_name(people[a].country)}: no arrangement kept them apart"
                    )
    return unmet
