"""Breakout-group input checked and turned into arrays: the `Problem` every solver works on.

All the rules a coach can set (together, apart, locks, history) are validated here, so the
solvers can assume they are consistent; contradictions raise `InputError` naming the rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from matching.groups.rounds import plan_sizes
from matching.groups.scale import ATTRIBUTES, SCALES, pair_spreads, term_scales
from matching.people import InputError, Person

# How a group attribute counts: mix it across a group, or group like with like.
GROUPING_MODES = ("diversify", "cluster")


@dataclass(frozen=True)
class GroupWeights:
    """How much each quality counts, and whether to mix (diversify) or match (cluster) on it.

    topic: challenge-text similarity (mode "cluster" = coherent groups, the default).
    country, ecosystem, maturity: mix them ("diversify", default) or group like with like.
    dont_isolate: nobody is the only one in their group at a minority maturity level, i.e. a
    level held by less than a quarter of the cohort (gruepr's rule, applied to maturity).
    topic: 2 by default, the other weights 1.
    scale: "cohort" (default) puts every term on the cohort's own scale (each pair term divided
    by its spread over the cohort's pairs), so a weight of 1 means as much for topic as for
    country on any cohort; "raw" adds the pair values as they are (the behaviour before).
    """

    # Topic counts twice: one coherence term against three diversity terms, and at 1 a cohort of
    # real cluster descriptions fell to 2.9 SD above random groups (docs/benchmarks.md).
    topic: float = 2.0
    country: float = 1.0
    ecosystem: float = 1.0
    maturity: float = 1.0
    topic_mode: str = "cluster"
    country_mode: str = "diversify"
    ecosystem_mode: str = "diversify"
    maturity_mode: str = "diversify"
    dont_isolate: bool = False
    scale: str = "cohort"

    def check(self) -> None:
        """Raise InputError for a negative weight, an unknown mode or an unknown scale."""
        if self.scale not in SCALES:
            raise InputError(f"scale must be one of {', '.join(SCALES)}", field="weights.scale")
        for name in ATTRIBUTES:
            if getattr(self, name) < 0:
                raise InputError("weights must be zero or more", field=f"weights.{name}")
            if getattr(self, f"{name}_mode") not in GROUPING_MODES:
                raise InputError("mode must be 'diversify' or 'cluster'", field=f"{name}_mode")


@dataclass
class Problem:
    """Everything a solver needs, as arrays indexed by person position.

    `weights` are the ones the solvers use: the coach's weights already multiplied by the cohort's
    term scales (see scale.py); `given_weights` are the coach's own, and `spreads` each pair
    term's standard deviation over the cohort's pairs.
    """

    ids: list[str]
    sizes: list[int]
    rounds: int
    country: np.ndarray  # int codes
    org: np.ndarray  # int codes
    maturity: np.ndarray  # 1..4
    eco: np.ndarray  # n x E, L2-normalised multi-hot
    vectors: np.ndarray  # n x d, L2-normalised challenge embeddings
    weights: GroupWeights
    apart: list[tuple[int, int]]
    together: list[tuple[int, int]]
    units: list[list[int]]  # together components with two or more people
    locks: np.ndarray  # rounds x n, group index or -1
    met_before: dict[tuple[int, int], int] = field(default_factory=dict)
    minority_levels: frozenset[int] = frozenset()
    country_names: list[str] = field(default_factory=list)  # per person, for messages
    given_weights: GroupWeights | None = None
    spreads: dict[str, float] = field(default_factory=dict)

    @property
    def n(self) -> int:
        """Number of people."""
        return len(self.ids)

    @property
    def pairs_per_round(self) -> int:
        """Within-group pairs in one round (constant: swaps keep sizes)."""
        return sum(s * (s - 1) // 2 for s in self.sizes)


def _codes(values: Sequence[str]) -> np.ndarray:
    """Map strings to small ints in order of first appearance."""
    table: dict[str, int] = {}
    return np.array([table.setdefault(v, len(table)) for v in values], dtype=np.int64)


def _index_pairs(
    pairs: Iterable[Sequence[str]], index: dict[str, int], rule: str
) -> list[tuple[int, int]]:
    """Turn id pairs into sorted index pairs, refusing unknown ids and self-pairs."""
    out = []
    for pair in pairs:
        a, b = (str(x) for x in pair)
        for pid in (a, b):
            if pid not in index:
                raise InputError(f"unknown id {pid!r}; remove it or add the person", field=rule)
        if a == b:
            raise InputError(
                f"{a!r} is paired with themself; name two different people", field=rule
            )
        out.append((min(index[a], index[b]), max(index[a], index[b])))
    return sorted(set(out))


def connected_roots(n: int, pairs: Iterable[tuple[int, int]]) -> list[int]:
    """Union-find: for each of n items, the root of its connected component under `pairs`."""
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[root(a)] = root(b)
    return [root(i) for i in range(n)]


def _components(n: int, pairs: list[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the together graph, only those with 2+ people."""
    groups: dict[int, list[int]] = {}
    for i, r in enumerate(connected_roots(n, pairs)):
        groups.setdefault(r, []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def _check_together(
    people: Sequence[Person], units: list[list[int]], apart: list[tuple[int, int]], max_size: int
) -> None:
    """Refuse together groups that contradict apart, the organisation rule or the group size."""
    apart_set = set(apart)
    for unit in units:
        names = ", ".join(people[i].id for i in unit)
        if len(unit) > max_size:
            raise InputError(
                f"together links {names} into {len(unit)} people, more than a group of "
                f"{max_size}; remove a together pair or raise the group size",
                field="together",
            )
        orgs = [people[i].organisation for i in unit]
        if len(set(orgs)) < len(orgs):
            raise InputError(
                f"together puts two people of one organisation in a group ({names}); "
                "colleagues are never grouped, so remove that together pair",
                field="together",
            )
        for a in unit:
            for b in unit:
                if a < b and (a, b) in apart_set:
                    raise InputError(
                        f"{people[a].id!r} and {people[b].id!r} must be apart, but together "
                        f"links them ({names}); drop one of the two rules",
                        field="together",
                    )


def _lock_table(
    locked: Mapping[str, int | Sequence[int | None]],
    index: dict[str, int],
    rounds: int,
    sizes: list[int],
) -> np.ndarray:
    """Read `locked` ({id: group} for round 0, or {id: [group per round or None]})."""
    table = np.full((rounds, len(index)), -1, dtype=np.int64)
    for pid, where in locked.items():
        if str(pid) not in index:
            raise InputError(f"unknown id {pid!r}; remove it from the locks", field="locked")
        per_round = [where] if isinstance(where, int | np.integer) else list(where)
        if len(per_round) > rounds:
            raise InputError(
                f"{pid!r} is locked for {len(per_round)} rounds but only {rounds} "
                "are formed; shorten the list",
                field="locked",
            )
        for r, g in enumerate(per_round):
            if g is None:
                continue
            if not 0 <= int(g) < len(sizes):
                raise InputError(
                    f"{pid!r} is locked to group {g}, but groups are numbered 0 to "
                    f"{len(sizes) - 1}; pick an existing group",
                    field="locked",
                )
            table[r, index[str(pid)]] = int(g)
    return table


def _check_locks(
    people: Sequence[Person],
    table: np.ndarray,
    units: list[list[int]],
    apart: list[tuple[int, int]],
    sizes: list[int],
) -> None:
    """Spread locks over together units, then refuse overfull groups and forbidden pairs."""
    for r in range(table.shape[0]):
        for unit in units:
            spots = {int(g) for g in table[r, unit] if g >= 0}
            if len(spots) > 1:
                raise InputError(
                    f"together people {', '.join(people[i].id for i in unit)} are "
                    f"locked to different groups in round {r}",
                    field="locked",
                )
            if spots:
                table[r, unit] = spots.pop()
        for g, size in enumerate(sizes):
            members = np.flatnonzero(table[r] == g)
            if len(members) > size:
                raise InputError(
                    f"{len(members)} people are locked to group {g} in round {r}, "
                    f"which holds {size}; unlock some",
                    field="locked",
                )
            orgs = [people[i].organisation for i in members.tolist()]
            if len(set(orgs)) < len(orgs):
                raise InputError(
                    f"two people of one organisation are locked to group {g} in "
                    f"round {r}; colleagues are never grouped",
                    field="locked",
                )
        for a, b in apart:
            if table[r, a] >= 0 and table[r, a] == table[r, b]:
                raise InputError(
                    f"{people[a].id!r} and {people[b].id!r} must be apart but are "
                    f"locked to the same group {table[r, a]}",
                    field="locked",
                )


def _met_before(
    people: Sequence[Person],
    index: dict[str, int],
    previous_rounds: Sequence[Sequence[Sequence[str]]],
) -> dict[tuple[int, int], int]:
    """Count earlier meetings per pair, from Person.met and earlier sessions' groups."""
    met: dict[tuple[int, int], int] = {}
    for i, person in enumerate(people):
        for other in person.met:
            j = index.get(other)
            if j is not None and j != i:
                met.setdefault((min(i, j), max(i, j)), 1)
    for round_groups in previous_rounds:
        for group in round_groups:
            members = sorted(index[p] for p in map(str, group) if p in index)
            for x, a in enumerate(members):
                for b in members[x + 1 :]:
                    met[(a, b)] = met.get((a, b), 0) + 1
    return met


def build_problem(
    people: Sequence[Person],
    group_size: int,
    *,
    rounds: int,
    weights: GroupWeights,
    together: Iterable[Sequence[str]],
    apart: Iterable[Sequence[str]],
    locked: Mapping[str, int | Sequence[int | None]],
    vectors: np.ndarray,
    previous_rounds: Sequence[Sequence[Sequence[str]]],
    sizes: list[int] | None = None,
) -> Problem:
    """Validate the request and build the arrays; raise InputError naming what to change.

    `sizes` overrides the planned group sizes (used when scoring groups a coach has edited).
    """
    n = len(people)
    if not 2 <= group_size <= max(n, 2) or n < 2:
        raise InputError(
            f"group size must be between 2 and the number of people ({n}); got {group_size}",
            field="group_size",
        )
    if rounds < 1:
        raise InputError("form at least one round", field="rounds")
    weights.check()
    index = {p.id: i for i, p in enumerate(people)}
    if len(index) < n:
        raise InputError("two people share an id; ids must be unique", field="people")
    sizes = sizes or plan_sizes(n, group_size)
    apart_pairs = _index_pairs(apart, index, "apart")
    together_pairs = _index_pairs(together, index, "together")
    both = set(apart_pairs) & set(together_pairs)
    if both:
        a, b = min(both)
        raise InputError(
            f"{people[a].id!r} and {people[b].id!r} are both together and apart; "
            "keep one of the two rules",
            field="together",
        )
    if apart_pairs and len(sizes) == 1:
        raise InputError(
            f"apart needs at least two groups, but {n} people in groups of "
            f"{group_size} make one; lower the group size",
            field="apart",
        )
    units = _components(n, together_pairs)
    _check_together(people, units, apart_pairs, max(sizes))
    locks = _lock_table(locked, index, rounds, sizes)
    _check_locks(people, locks, units, apart_pairs, sizes)
    eco_codes = _codes([e for p in people for e in p.ecosystems])
    eco = np.zeros((n, int(eco_codes.max(initial=0)) + 1), dtype=np.float32)
    pos = 0
    for i, p in enumerate(people):
        eco[i, eco_codes[pos : pos + len(p.ecosystems)]] = 1.0
        pos += len(p.ecosystems)
    eco /= np.maximum(np.linalg.norm(eco, axis=1, keepdims=True), 1e-9)
    maturity = np.array([p.maturity for p in people], dtype=np.int64)
    levels, counts = np.unique(maturity, return_counts=True)
    minority = frozenset(int(v) for v, c in zip(levels, counts, strict=True) if c < n / 4)
    country = _codes([p.country for p in people])
    spreads = pair_spreads(vectors, country, eco, maturity)
    scales = term_scales(spreads, weights.scale)
    scaled = replace(
        weights, **{name: getattr(weights, name) * scales[name] for name in ATTRIBUTES}
    )
    return Problem(
        ids=[p.id for p in people],
        sizes=sizes,
        rounds=rounds,
        country=country,
        org=_codes([p.organisation for p in people]),
        maturity=maturity,
        eco=eco,
        vectors=vectors,
        weights=scaled,
        given_weights=weights,
        spreads=spreads,
        apart=apart_pairs,
        together=together_pairs,
        units=units,
        locks=locks,
        met_before=_met_before(people, index, previous_rounds),
        minority_levels=minority if weights.dont_isolate else frozenset(),
        country_names=[p.country for p in people],
    )
