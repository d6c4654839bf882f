"""Group sizes and how many repeat-free rounds are possible, before anything is solved.

Each round a person meets at least (smallest group size - 1) people, so with N people at most
floor((N - 1) / (g - 1)) rounds can avoid every repeat. That counting bound is not always
reachable; `KNOWN_MAX_ROUNDS` keeps the best published schedules for common cohort shapes (the
social golfer problem), and `transversal_schedule` builds repeat-free schedules for N = q x s
when q is a prime power of at least s (a resolvable transversal design over GF(q)).
`design_schedule` adds the cyclic designs in `CYCLIC_BASES` and the stored schedules in
`FOUND_SCHEDULES`, and says which slots never meet.
"""

from __future__ import annotations

from dataclasses import dataclass

# A schedule from a design: per round, per group, the slots in it; and the classes of slots
# that never meet.
Design = tuple[list[list[list[int]]], list[list[int]]]

# (groups, group size) -> (best known repeat-free rounds, source). Where only an interval is
# published, this is its lower end: the number of rounds someone has actually shown a schedule for.
KNOWN_MAX_ROUNDS: dict[tuple[int, int], tuple[int, str]] = {
    (4, 4): (5, "affine plane of order 4 (meets the counting bound)"),
    (5, 3): (7, "Kirkman's schoolgirl problem (meets the counting bound)"),
    (5, 5): (6, "affine plane of order 5 (meets the counting bound)"),
    (6, 4): (7, "resolvable 4-GDD of type 3^8, cyclic over Z_7 (meets the counting bound)"),
    (6, 5): (5, "social golfer table, Sellmann/Harvey: interval [5, 6]"),
    (7, 7): (8, "affine plane of order 7 (meets the counting bound)"),
    (8, 4): (10, "social golfer problem 10-8-4, Aguado 2004 (meets the counting bound)"),
    (8, 5): (8, "resolvable transversal design TD(5, 8) over GF(8); bound 9"),
    (9, 4): (9, "resolvable transversal design TD(4, 9) over GF(9); bound 11"),
    (9, 5): (9, "resolvable transversal design TD(5, 9) over GF(9); bound 11"),
    (7, 4): (7, "resolvable transversal design TD(4, 7) over GF(7); bound 9"),
    (7, 5): (7, "resolvable transversal design TD(5, 7) over GF(7); bound 8"),
    (11, 5): (11, "resolvable transversal design TD(5, 11) over GF(11); bound 13"),
}


def plan_sizes(n: int, group_size: int) -> list[int]:
    """Group sizes for n people: ceil(n/g) groups of g or g-1, unless that needs smaller groups.

    Groups never exceed the requested size when n allows it; only when ceil(n/g) groups would
    need groups smaller than max(2, g - 1) do we use floor(n/g) groups of g or g + 1 (or more, for
    tiny cohorts). Bigger groups come first, so group indexes are stable for the same n and g.
    """
    count = -(-n // group_size)
    if n // count < max(2, group_size - 1):
        count = max(1, n // group_size)
    base, extra = divmod(n, count)
    return [base + 1] * extra + [base] * (count - extra)


@dataclass(frozen=True)
class RepeatFreeOutlook:
    """Whether a schedule without repeated pairs can exist, worked out before solving."""

    possible: str  # "yes", "no" or "unknown"
    bound: int  # counting bound on repeat-free rounds
    known_max: int | None  # best published schedule for this shape, if the shape is in the table
    source: str

    def sentence(self, rounds: int) -> str:
        """Explain the outlook in one line for a coach."""
        if self.possible == "yes":
            return (
                f"{_rounds(rounds)} without repeats {'is' if rounds == 1 else 'are'} possible "
                f"(at most {self.bound} by counting)."
            )
        if self.possible == "no":
            return (
                f"{rounds} rounds cannot all avoid repeats: each person runs out of new people "
                f"after {self.bound} rounds, so repeats are spread as evenly as possible."
            )
        known = (
            f"best known {self.known_max}"
            if self.known_max is not None
            else "no published schedule for this shape"
        )
        return (
            f"{rounds} rounds without repeats may be possible (counting bound {self.bound}, "
            f"{known}); the solver tries."
        )


def _rounds(n: int) -> str:
    """'1 round', '3 rounds'."""
    return f"{n} round" if n == 1 else f"{n} rounds"


def repeat_free_outlook(
    n: int, group_size: int, rounds: int, *, already_met: int = 0
) -> RepeatFreeOutlook:
    """Say whether `rounds` repeat-free rounds are possible for n people in groups of group_size.

    `already_met` is the largest number of people anyone has met before (history shrinks the
    pool of new people). "yes" means within a published or constructible schedule.
    """
    sizes = plan_sizes(n, group_size)
    smallest = min(sizes)
    if smallest < 2:
        return RepeatFreeOutlook("yes", rounds, None, "groups of one meet nobody")
    bound = max(0, (n - 1 - already_met) // (smallest - 1))
    if len(sizes) == 1:
        bound = min(bound, 1)
    known = KNOWN_MAX_ROUNDS.get((len(sizes), group_size)) if n == len(sizes) * group_size else None
    known_max, source = (known[0], known[1]) if known else (None, "counting bound only")
    if rounds > bound:
        possible = "no"
    elif rounds <= 1 and already_met == 0:
        possible = "yes"
    elif known_max is not None and already_met == 0:
        possible = "yes" if rounds <= known_max else "unknown"
    else:
        possible = "unknown"
    return RepeatFreeOutlook(possible, bound, known_max, source)


def _gf_tables(q: int) -> tuple[list[list[int]], list[list[int]]] | None:
    """Addition and multiplication tables of GF(q) for q prime or 4, 8, 9; None otherwise."""
    if q >= 2 and all(q % d for d in range(2, int(q**0.5) + 1)):
        return (
            [[(a + b) % q for b in range(q)] for a in range(q)],
            [[(a * b) % q for b in range(q)] for a in range(q)],
        )
    # Prime powers as polynomials over GF(p) modulo an irreducible polynomial.
    spec = {4: (2, 2, (1, 1)), 8: (2, 3, (1, 1, 0)), 9: (3, 2, (1, 0))}.get(q)
    if spec is None:
        return None
    p, m, low = spec  # x^m = -(low[0] + low[1] x + ...)

    def digits(a: int) -> list[int]:
        return [(a // p**i) % p for i in range(m)]

    def number(ds: list[int]) -> int:
        return sum(d * p**i for i, d in enumerate(ds))

    def mul(a: int, b: int) -> int:
        prod = [0] * (2 * m - 1)
        for i, x in enumerate(digits(a)):
            for j, y in enumerate(digits(b)):
                prod[i + j] = (prod[i + j] + x * y) % p
        for k in range(2 * m - 2, m - 1, -1):
            coef, prod[k] = prod[k], 0
            for i, c in enumerate(low):
                prod[k - m + i] = (prod[k - m + i] - coef * c) % p
        return number(prod[:m])

    add = [
        [number([(x + y) % p for x, y in zip(digits(a), digits(b), strict=True)]) for b in range(q)]
        for a in range(q)
    ]
    return add, [[mul(a, b) for b in range(q)] for a in range(q)]


def transversal_schedule(groups: int, size: int, rounds: int) -> list[list[list[int]]] | None:
    """A repeat-free schedule of groups x size slots for up to `groups` rounds, or None.

    Slot (a, b) with a < size and b in GF(q), q = groups, is numbered a * q + b. In round m
    group c holds the slots (a, c + m * a): two slots with different a share a group in exactly
    one round and slots with the same a never do. When size == q one extra round groups by a.
    """
    tables = _gf_tables(groups)
    if tables is None or size > groups or rounds > groups + (size == groups):
        return None
    add, mul = tables
    schedule = []
    for m in range(min(rounds, groups)):
        round_groups: list[list[int]] = [[] for _ in range(groups)]
        for a in range(size):
            for b in range(groups):
                # b = c + m*a, so c is the x with x + m*a = b (tables are tiny).
                shift = mul[m][a]
                c = next(x for x in range(groups) if add[x][shift] == b)
                round_groups[c].append(a * groups + b)
        schedule.append(round_groups)
    if rounds > groups:
        schedule.append([[a * groups + b for b in range(groups)] for a in range(size)])
    return schedule


# (groups, size) -> base round of a 1-rotational design over Z_7: slot (x, level) is
# level * 7 + x and slots 21-23 are fixed points. Adding t to every x (mod 7) gives round t; the
# base was found by a small backtracking search on the difference conditions and is checked by
# tests. The 8 "columns" {(x, 0), (x, 1), (x, 2)} and {21, 22, 23} are the slots that never meet.
CYCLIC_BASES: dict[tuple[int, int], list[list[int]]] = {
    (6, 4): [
        [21, 6, 7, 18],
        [22, 2, 11, 19],
        [23, 4, 8, 17],
        [0, 1, 3, 13],
        [5, 14, 16, 20],
        [9, 10, 12, 15],
    ],
}


def _cyclic_schedule(groups: int, size: int, rounds: int) -> Design | None:
    """Rounds of a CYCLIC_BASES design and its never-meeting slot classes, or None."""
    base = CYCLIC_BASES.get((groups, size))
    if base is None or rounds > 7:
        return None

    def shift(slot: int, t: int) -> int:
        return slot if slot >= 21 else slot // 7 * 7 + (slot % 7 + t) % 7

    schedule = [[[shift(slot, t) for slot in block] for block in base] for t in range(rounds)]
    classes = [[x, x + 7, x + 14] for x in range(7)] + [[21, 22, 23]]
    return schedule, classes


# (groups, size) -> (rounds, classes): a repeat-free schedule for a shape with neither a field nor a
# cyclic construction, found by this package's own search (open cohort of 30, 5 rounds, seed 6; the
# search alone reaches 5 rounds in only about one run in three) and checked by tests. Slots are
# numbered so that each class of slots that never meet is a run of consecutive numbers.
FOUND_SCHEDULES: dict[tuple[int, int], tuple[list[list[list[int]]], list[list[int]]]] = {
    (6, 5): (
        [
            [
                [0, 5, 18, 24, 27],
                [1, 12, 19, 23, 29],
                [2, 6, 10, 14, 25],
                [3, 7, 11, 17, 21],
                [4, 8, 13, 16, 20],
                [9, 15, 22, 26, 28],
            ],
            [
                [0, 6, 8, 22, 29],
                [1, 7, 16, 25, 28],
                [2, 11, 12, 20, 27],
                [3, 5, 14, 19, 26],
                [4, 10, 15, 18, 21],
                [9, 13, 17, 23, 24],
            ],
            [
                [0, 10, 12, 16, 26],
                [1, 6, 15, 17, 20],
                [2, 5, 13, 21, 28],
                [3, 8, 23, 25, 27],
                [4, 11, 19, 22, 24],
                [7, 9, 14, 18, 29],
            ],
            [
                [0, 9, 19, 20, 25],
                [1, 8, 14, 21, 24],
                [2, 4, 17, 26, 29],
                [3, 6, 12, 18, 28],
                [5, 11, 15, 16, 23],
                [7, 10, 13, 22, 27],
            ],
            [
                [0, 4, 14, 23, 28],
                [1, 11, 13, 18, 26],
                [2, 7, 8, 15, 19],
                [3, 10, 20, 24, 29],
                [5, 12, 17, 22, 25],
                [6, 9, 16, 21, 27],
            ],
        ],
        [
            [0, 1, 2, 3],
            [4, 5, 6, 7],
            [8, 9, 10, 11],
            [12, 13, 14, 15],
            [16, 17, 18, 19],
            [20, 21, 22, 23],
            [24, 25, 26],
            [27, 28, 29],
        ],
    ),
}


def _found_schedule(groups: int, size: int, rounds: int) -> Design | None:
    """The first `rounds` rounds of a FOUND_SCHEDULES schedule and its classes, or None."""
    found = FOUND_SCHEDULES.get((groups, size))
    if found is None or rounds > len(found[0]):
        return None
    schedule, classes = found
    return schedule[:rounds], classes


def design_schedule(groups: int, size: int, rounds: int) -> Design | None:
    """A repeat-free schedule of groups x size slots and its classes of slots that never meet.

    Returns (rounds of groups of slots, classes) or None when no construction here applies.
    """
    design = transversal_schedule(groups, size, rounds)
    if design is not None:
        return design, [list(range(a * groups, (a + 1) * groups)) for a in range(size)]
    return _cyclic_schedule(groups, size, rounds) or _found_schedule(groups, size, rounds)
