"""Group metrics, short reasons built from the data, and the list of unmet rules.

The shared topic comes from labels.py (key phrases at least two members use). Nothing here is
canned.
"""

from __future__ import annotations

import numpy as np

from matching.groups.problem import Problem
from matching.people import MATURITY_LEVELS


def group_metrics(problem: Problem, members: np.ndarray, earlier: dict) -> dict:
    """Size, distinct countries and ecosystems, maturity spread, coherence, repeated pairs."""
    size = len(members)
    ecos = problem.eco[members] > 0
    levels = problem.maturity[members]
    vecs = problem.vectors[members].astype(np.float64)
    total = vecs.sum(0)
    pairs = size * (size - 1) / 2
    coherence = ((total @ total) - (vecs * vecs).sum()) / 2 / pairs if pairs else 0.0
    repeats = sum(
        1
        for x, a in enumerate(members)
        for b in members[x + 1 :]
        if earlier.get((min(a, b), max(a, b)), 0) > 0
    )
    return {
        "size": size,
        "distinct_countries": int(len(np.unique(problem.country[members]))),
        "distinct_ecosystems": int(ecos.any(0).sum()),
        "maturity_spread": int(levels.max() - levels.min()) if size else 0,
        "coherence": round(float(coherence), 4),
        "repeats": int(repeats),
    }


def reasons(metrics: dict, levels: np.ndarray, topic: str | None) -> tuple[str, ...]:
    """Short lines from the group's own numbers and shared words, most telling first."""
    low = MATURITY_LEVELS.get(int(levels.min()), "?")
    high = MATURITY_LEVELS.get(int(levels.max()), "?")
    lines = [
        f"{metrics['distinct_countries']} countries, {metrics['distinct_ecosystems']} ecosystems",
        f"all {low}" if low == high else f"maturity from {low} to {high}",
        f"shared topic: {topic}" if topic else "no key phrase in common",
    ]
    if metrics["repeats"]:
        lines.append(f"{metrics['repeats']} pair(s) met before")
    return tuple(lines)


def _describe_pair(problem: Problem, a: int, b: int) -> str:
    """Two ids for a message."""
    return f"{problem.ids[a]} and {problem.ids[b]}"


def unmet_rules(
    problem: Problem, schedule: np.ndarray, repeats: int, isolated: int, country_excess: list[int]
) -> list[str]:
    """Every rule the schedule breaks, in plain words (hard rules first)."""
    unmet: list[str] = []
    for r, assign in enumerate(schedule):
        # Colleagues share a group when (group, organisation) repeats: sort, compare neighbours.
        order = np.lexsort((problem.org, assign))
        clash = (assign[order][1:] == assign[order][:-1]) & (
            problem.org[order][1:] == problem.org[order][:-1]
        )
        for x in np.flatnonzero(clash):
            a, b = order[x], order[x + 1]
            unmet.append(
                f"never two people of one organisation in a group: "
                f"{_describe_pair(problem, a, b)} share group {assign[a]} in round {r}"
            )
        for a, b in problem.apart:
            if assign[a] == assign[b]:
                unmet.append(
                    f"apart: {_describe_pair(problem, a, b)} share group {assign[a]} in round {r}"
                )
        for a, b in problem.together:
            if assign[a] != assign[b]:
                unmet.append(f"together: {_describe_pair(problem, a, b)} are split in round {r}")
        if country_excess[r] > 0:
            unmet.append(
                f"one country per group: round {r} has {country_excess[r]} more "
                "same-country pair(s) than the fewest possible"
            )
    if problem.weights.country_mode == "diversify":
        k = len(problem.sizes)
        codes, counts = np.unique(problem.country, return_counts=True)
        for code, count in zip(codes, counts, strict=True):
            if count > k:
                name = next(
                    c
                    for c, i in zip(problem.country_names, problem.country, strict=True)
                    if i == code
                )
                unmet.append(
                    f"one country per group: {name} has {count} people for {k} groups, "
                    "so some groups hold two or more (spread as evenly as possible)"
                )
    if repeats:
        unmet.append(f"no repeated pairs: {repeats} pair meeting(s) repeat an earlier one")
    if isolated:
        unmet.append(
            f"don't isolate: {isolated} person(s) are the only one at a minority "
            "maturity level in their group"
        )
    return unmet
