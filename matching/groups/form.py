"""Breakout groups for Academy cohorts: the public API and its result types.

`form_groups` builds one or several rounds of groups that mix countries, ecosystems and maturity,
keep challenge topics coherent, never group colleagues, and avoid pairs who already met;
`evaluate_groups` scores groups a coach has edited with the same metrics, reasons and unmet
rules. Solvers live in groups_search (tabu, small cohorts) and groups_large (large cohorts).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from matching.groups.explain import (
    group_metrics,
    reasons,
    unmet_rules,
)
from matching.groups.labels import topics_per_round
from matching.groups.pairs import country_min_pairs, soft_score
from matching.groups.problem import GroupWeights, Problem, build_problem
from matching.groups.rounds import repeat_free_outlook
from matching.groups.solve import solve
from matching.groups.topic import TOPIC_SIMILARITIES, topic_vectors
from matching.people import InputError, Person

__all__ = [
    "Group",
    "GroupResult",
    "GroupWeights",
    "RoundResult",
    "evaluate_groups",
    "form_groups",
    "lock_groups",
]


@dataclass
class Group:
    """One breakout group: member ids, its numbers and short reasons ("4 countries, 3 ecosystems")."""

    members: list[str]
    metrics: dict
    reasons: tuple[str, ...]


@dataclass
class RoundResult:
    """The groups of one round (session)."""

    groups: list[Group]


@dataclass
class GroupResult:
    """All rounds, overall metrics, and every rule that could not be met, in plain words."""

    rounds: list[RoundResult]
    metrics: dict
    unmet: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Plain JSON-ready dict: {"rounds": [{"groups": [...]}], "metrics": {}, "unmet": []}."""
        return asdict(self)


def _vectors(
    people: Sequence[Person], vectors: np.ndarray | None, similarity: str, random_state: int
) -> np.ndarray:
    """The topic vectors: given challenge vectors (checked, normalised), TF-IDF, or both fused."""
    if similarity not in TOPIC_SIMILARITIES:
        raise InputError(
            f"topic similarity must be one of {', '.join(TOPIC_SIMILARITIES)}",
            field="topic_similarity",
        )
    texts = [p.challenge for p in people]
    if vectors is None:
        return topic_vectors(None, texts, random_state=random_state)
    given = np.asarray(vectors, dtype=np.float32)
    if given.ndim != 2 or given.shape[0] != len(people):
        raise InputError(
            f"vectors must be an array with one row per person ({len(people)}); "
            f"got shape {given.shape}",
            field="vectors",
        )
    norms = np.linalg.norm(given, axis=1, keepdims=True)
    given = given / np.maximum(norms, 1e-12)
    return topic_vectors(given, texts, similarity=similarity, random_state=random_state)


def form_groups(
    people: Sequence[Person],
    group_size: int,
    *,
    rounds: int = 1,
    weights: GroupWeights = GroupWeights(),  # noqa: B008 - frozen, safe as a default
    together: Iterable[Sequence[str]] = (),
    apart: Iterable[Sequence[str]] = (),
    locked: Mapping[str, int | Sequence[int | None]] = {},  # noqa: B006 - never mutated
    random_state: int = 0,
    vectors: np.ndarray | None = None,
    previous_rounds: Sequence[Sequence[Sequence[str]]] = (),
    topic_similarity: str = "fused",
) -> GroupResult:
    """Form `rounds` rounds of breakout groups of about `group_size`; deterministic for a random_state.

    vectors: one challenge vector per person (e.g. `PeopleVectors.challenge`); without them,
    TF-IDF of the challenge texts stands in. topic_similarity: "fused" (the vectors' cosine and
    TF-IDF's, each on the cohort's scale), "vectors" or "tfidf" (see groups/topic.py).

    locked maps an id to a group index in round 0, or to a list with one index (or None) per
    round; lock a whole group by locking all its members to its index (see `lock_groups`).
    """
    people = list(people)
    problem = build_problem(
        people,
        group_size,
        rounds=rounds,
        weights=weights,
        together=together,
        apart=apart,
        locked=locked,
        vectors=_vectors(people, vectors, topic_similarity, random_state),
        previous_rounds=previous_rounds,
    )
    schedule = solve(problem, random_state)
    return _result(problem, people, schedule, group_size)


def evaluate_groups(
    people: Sequence[Person],
    rounds_of_groups: Sequence[Sequence[Sequence[str]]],
    *,
    weights: GroupWeights = GroupWeights(),  # noqa: B008
    together: Iterable[Sequence[str]] = (),
    apart: Iterable[Sequence[str]] = (),
    vectors: np.ndarray | None = None,
    previous_rounds: Sequence[Sequence[Sequence[str]]] = (),
    topic_similarity: str = "fused",
) -> GroupResult:
    """Score given groups (e.g. after a coach moved someone) with the same metrics and rules."""
    people = list(people)
    index = {p.id: i for i, p in enumerate(people)}
    schedule, problems = _read_schedule(rounds_of_groups, index)
    sizes = sorted((len(g) for g in rounds_of_groups[0]), reverse=True) if rounds_of_groups else []
    if not sizes or min(sizes) < 1:
        raise InputError("give at least one non-empty group", field="rounds_of_groups")
    problem = build_problem(
        people,
        max(2, max(sizes)),
        rounds=len(rounds_of_groups),
        weights=weights,
        together=together,
        apart=apart,
        locked={},
        vectors=_vectors(people, vectors, topic_similarity, 0),
        previous_rounds=previous_rounds,
        sizes=sizes,
    )
    result = _result(problem, people, schedule, max(sizes))
    result.unmet[:0] = problems
    return result


def _read_schedule(
    rounds_of_groups: Sequence[Sequence[Sequence[str]]], index: dict[str, int]
) -> tuple[np.ndarray, list[str]]:
    """Group index per person per round, and what is wrong with the layout itself."""
    problems: list[str] = []
    schedule = np.full((len(rounds_of_groups), len(index)), -1, dtype=np.int64)
    for r, groups in enumerate(rounds_of_groups):
        for g, members in enumerate(groups):
            for pid in map(str, members):
                if pid not in index:
                    raise InputError(
                        f"unknown id {pid!r} in round {r}; remove it", field="rounds_of_groups"
                    )
                if schedule[r, index[pid]] >= 0:
                    problems.append(
                        f"everyone in exactly one group: {pid} appears twice in round {r}"
                    )
                schedule[r, index[pid]] = g
        missing = [pid for pid, i in index.items() if schedule[r, i] < 0]
        if missing:
            problems.append(
                f"everyone in exactly one group: {', '.join(missing[:5])} missing from round {r}"
            )
        sizes = [len(g) for g in groups]
        if sizes and max(sizes) - min(sizes) > 1:
            problems.append(
                f"group sizes differ by at most one: round {r} has sizes "
                f"{min(sizes)} to {max(sizes)}"
            )
    if (schedule < 0).any():
        raise InputError(
            "every person must be in a group of every round to be scored; " + "; ".join(problems),
            field="rounds_of_groups",
        )
    return schedule, problems


def lock_groups(round_groups: Sequence[Sequence[str]], indexes: Iterable[int]) -> dict[str, int]:
    """`locked` mapping that keeps the chosen groups of a round and lets the rest be regenerated."""
    return {str(pid): g for g in indexes for pid in round_groups[g]}


def _result(
    problem: Problem, people: Sequence[Person], schedule: np.ndarray, group_size: int
) -> GroupResult:
    """Build groups, reasons, overall metrics and unmet rules for a rounds x n schedule."""
    earlier = dict(problem.met_before)
    texts = [p.challenge for p in people]
    rounds, pair_a, pair_b = [], [], []
    totals = {"groups": 0, "distinct": 0, "repeats": 0, "isolated": 0}
    excess = []
    for assign, topics in zip(schedule, topics_per_round(texts, schedule), strict=True):
        k = int(assign.max()) + 1
        groups = []
        same_country = 0
        for g in range(k):
            members = np.flatnonzero(assign == g)
            metrics = group_metrics(problem, members, earlier)
            levels = problem.maturity[members]
            a, b = np.triu_indices(len(members), 1)
            pair_a.append(members[a])
            pair_b.append(members[b])
            same_country += int((problem.country[members[a]] == problem.country[members[b]]).sum())
            totals["groups"] += 1
            totals["distinct"] += metrics["distinct_countries"] == metrics["size"]
            totals["repeats"] += metrics["repeats"]
            totals["isolated"] += sum(
                1 for v in problem.minority_levels if (levels == v).sum() == 1
            )
            groups.append(
                Group(
                    [problem.ids[i] for i in members], metrics, reasons(metrics, levels, topics[g])
                )
            )
        for g in range(k):
            members = np.flatnonzero(assign == g)
            for x, first in enumerate(members.tolist()):
                for second in members[x + 1 :].tolist():
                    earlier[(first, second)] = earlier.get((first, second), 0) + 1
        diversify = problem.weights.country_mode == "diversify"
        excess.append(max(0, same_country - country_min_pairs(problem)) if diversify else 0)
        rounds.append(RoundResult(groups))
    objective, means = soft_score(problem, np.concatenate(pair_a), np.concatenate(pair_b))
    outlook = repeat_free_outlook(
        problem.n, group_size, problem.rounds, already_met=_most_met(problem)
    )
    metrics = {
        "objective": round(objective, 4),
        **{f"mean_{k}": round(v, 4) for k, v in means.items()},
        "repeats": totals["repeats"],
        "repeat_free_possible": outlook.possible,
        "repeat_free_outlook": outlook.sentence(problem.rounds),
        "max_repeat_free_rounds_bound": outlook.bound,
        "known_max": outlook.known_max,
        "isolated": totals["isolated"],
        "all_distinct_country_share": round(totals["distinct"] / max(totals["groups"], 1), 4),
        "groups_per_round": len(problem.sizes),
        "sizes": sorted({len(gr.members) for r in rounds for gr in r.groups}),
    }
    unmet = unmet_rules(problem, schedule, totals["repeats"], totals["isolated"], excess)
    return GroupResult(rounds, metrics, unmet)


def _most_met(problem: Problem) -> int:
    """Largest number of distinct people anyone has already met."""
    counts = np.zeros(problem.n, dtype=np.int64)
    for a, b in problem.met_before:
        counts[a] += 1
        counts[b] += 1
    return int(counts.max(initial=0))
