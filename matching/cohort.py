"""Choosing a cohort from applicants: wide coverage of countries, ecosystems and maturity levels,
while keeping the strongest applications.

The objective sums, per dimension, a concave function of how many selected people fall in each
category (√n: the first person from Malta counts 1, a second 0.41, a third 0.32, so spreading
always pays a little), plus each selected applicant's score, scaled to 0-1 over the pool. It is monotone submodular, so greedy selection is a
good start; a swap search (one out, one in) then removes greedy's early mistakes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from matching.people import InputError, Person
from matching.reference import country_name, ecosystem_name

# What a cohort covers (not to be confused with vector dimensions).
COVERED = ("countries", "ecosystems", "maturity")
# How a summary line names each: "Covers 3 of the 3 maturity levels among applicants".
COVERED_NOUNS = {
    "countries": "countries",
    "ecosystems": "ecosystems",
    "maturity": "maturity levels",
}


@dataclass(frozen=True)
class CohortWeights:
    """How much each kind of coverage, and application quality, counts."""

    country: float = 1.0
    ecosystem: float = 0.6
    maturity: float = 0.4
    quality: float = 0.5  # the whole score range counts half as much as a first country


@dataclass
class CohortSelection:
    """The chosen ids, what they cover, and why each was chosen."""

    selected: list[str]
    coverage: dict
    reasons: dict[str, list[str]] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)
    objective: float = 0.0

    def to_dict(self) -> dict:
        """Plain JSON-ready dict."""
        return asdict(self)


def coverage(people: Iterable[Person]) -> dict[str, Any]:
    """Counts per country, ecosystem and maturity level, plus how many distinct of each."""
    people = list(people)
    counts: dict[str, Any] = {
        "countries": dict(Counter(p.country for p in people).most_common()),
        "ecosystems": dict(Counter(e for p in people for e in p.ecosystems).most_common()),
        "maturity": dict(Counter(p.maturity_name for p in people).most_common()),
    }
    counts["distinct"] = {name: len(counts[name]) for name in COVERED}
    counts["size"] = len(people)
    return counts


DEFAULT_COHORT_WEIGHTS = CohortWeights()


def select_cohort(
    applicants: Sequence[Person],
    size: int,
    *,
    weights: CohortWeights = DEFAULT_COHORT_WEIGHTS,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> CohortSelection:
    """Pick `size` applicants covering countries, ecosystems and maturity best, strong ones first."""
    if not 1 <= size <= len(applicants):
        raise InputError(
            f"must be between 1 and {len(applicants)} (the number of applicants)", field="size"
        )
    problem = _CoverageProblem(applicants, weights)
    row = {p.id: i for i, p in enumerate(applicants)}
    forced = [row[i] for i in include if i in row]
    banned = {row[i] for i in exclude if i in row}
    chosen = problem.greedy(size, forced=forced, banned=banned)
    chosen = problem.swap_search(chosen, fixed=set(forced), banned=banned)
    people = [applicants[i] for i in chosen]
    return CohortSelection(
        selected=[p.id for p in people],
        coverage=coverage(people),
        reasons={p.id: _reasons(p, people, applicants) for p in people},
        summary=_summary(people, applicants),
        objective=round(problem.value(chosen), 4),
    )


class _CoverageProblem:
    """Applicants as category matrices, with fast marginal gains for greedy and swaps."""

    def __init__(self, applicants: Sequence[Person], weights: CohortWeights):
        self.weights = weights
        self.members = [
            _one_hot([[p.country] for p in applicants]) * weights.country,
            _one_hot([list(p.ecosystems) for p in applicants]) * weights.ecosystem,
            _one_hot([[p.maturity] for p in applicants]) * weights.maturity,
        ]
        self.quality = _normalised_scores(applicants)

    def gains(self, counts: list[np.ndarray]) -> np.ndarray:
        """Objective gain of adding each applicant to a selection with these category counts."""
        gain = self.weights.quality * self.quality.copy()
        for weighted, count in zip(self.members, counts, strict=True):
            step = np.sqrt(1 + count) - np.sqrt(count)
            gain += weighted @ step
        return gain

    def counts(self, chosen: Iterable[int]) -> list[np.ndarray]:
        """How many chosen applicants fall in each category, per dimension."""
        rows = list(chosen)
        return [(weighted[rows] > 0).sum(axis=0).astype(float) for weighted in self.members]

    def value(self, chosen: Sequence[int]) -> float:
        """The objective of a selection."""
        weights = [m.max(axis=0) for m in self.members]  # each category's weight
        total = self.weights.quality * float(self.quality[list(chosen)].sum())
        for weight, count in zip(weights, self.counts(chosen), strict=True):
            total += float(weight @ np.sqrt(count))
        return total

    def greedy(self, size: int, *, forced: list[int], banned: set[int]) -> list[int]:
        """Add the applicant with the largest gain until the cohort is full."""
        chosen = list(dict.fromkeys(forced))[:size]
        blocked = np.zeros(len(self.quality), dtype=bool)
        blocked[list(banned) + chosen] = True
        while len(chosen) < size and not blocked.all():
            gain = np.where(blocked, -np.inf, self.gains(self.counts(chosen)))
            best = int(np.argmax(gain))
            chosen.append(best)
            blocked[best] = True
        return chosen

    def swap_search(
        self, chosen: list[int], *, fixed: set[int], banned: set[int], max_passes: int = 20
    ) -> list[int]:
        """Swap one selected for one unselected applicant while that raises the objective."""
        chosen = list(chosen)
        for _ in range(max_passes):
            improved = False
            for position, leaving in enumerate(list(chosen)):
                if leaving in fixed:
                    continue
                rest = chosen[:position] + chosen[position + 1 :]
                gain = self.gains(self.counts(rest))
                gain[list(banned) + rest] = -np.inf
                best = int(np.argmax(gain))
                if gain[best] > gain[leaving] + 1e-9:
                    chosen[position] = best
                    improved = True
            if not improved:
                break
        return chosen


def _one_hot(categories: list[list]) -> np.ndarray:
    """n × (distinct categories) 0/1 matrix."""
    names = sorted({c for row in categories for c in row}, key=str)
    column = {name: j for j, name in enumerate(names)}
    matrix = np.zeros((len(categories), len(names)))
    for i, row in enumerate(categories):
        matrix[i, [column[c] for c in row]] = 1
    return matrix


def _normalised_scores(applicants: Sequence[Person]) -> np.ndarray:
    """Application scores scaled to 0-1; a missing score counts as the median."""
    known = [p.score for p in applicants if p.score is not None]
    if not known:
        return np.full(len(applicants), 0.5)
    median = float(np.median(known))
    scores = np.array([p.score if p.score is not None else median for p in applicants], dtype=float)
    spread = scores.max() - scores.min()
    return (scores - scores.min()) / spread if spread > 0 else np.ones(len(applicants))


def _reasons(person: Person, cohort: list[Person], applicants: Sequence[Person]) -> list[str]:
    """Why this person is in: what they alone bring, and how strong their application is."""
    cover = coverage(cohort)
    lines = []
    if cover["countries"][person.country] == 1:
        lines.append(f"Only participant from {country_name(person.country)}")
    for slug in person.ecosystems:
        if cover["ecosystems"][slug] == 1:
            lines.append(f"Only participant in {ecosystem_name(slug)}")
    level_count = cover["maturity"][person.maturity_name]
    if level_count == 1:
        lines.append(f"The only {person.maturity_name} cluster")
    elif level_count == 2:
        lines.append(f"One of 2 {person.maturity_name} clusters")
    if person.score is not None:
        rank = 1 + sum(1 for a in applicants if a.score is not None and a.score > person.score)
        lines.append(f"Application score {person.score:g}, ranked {rank} of {len(applicants)}")
    return lines


def _summary(cohort: list[Person], applicants: Sequence[Person]) -> list[str]:
    """One line per dimension: how much of the applicant pool's variety the cohort keeps."""
    chosen, pool = coverage(cohort)["distinct"], coverage(applicants)["distinct"]
    lines = [
        f"Covers {chosen[d]} of the {pool[d]} {COVERED_NOUNS[d]} among applicants" for d in COVERED
    ]
    scored = [p.score for p in cohort if p.score is not None]
    everyone = [p.score for p in applicants if p.score is not None]
    if scored:
        lines.append(
            f"Mean application score {np.mean(scored):.2f} (all applicants {np.mean(everyone):.2f})"
        )
    return lines
