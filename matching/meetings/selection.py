"""Which wished-for pairs to book first: a maximum-value b-matching, ignoring the clock.

When people's maximum number of meetings binds, picking pairs greedily by value loses value that
the right choice keeps (the classic b-matching trap). Solving the pair choice alone exactly is
cheap: one binary variable per pair, one row per person and one for all the table places. The
scheduler books these pairs first; slots and tables are its own business afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix

# Seconds HiGHS may spend; it returns its best pairs so far when time runs out.
TIME_LIMIT = 3.0


def best_pairs(
    pairs: Sequence[tuple[int, int]],
    values: Sequence[int],
    room: Sequence[int],
    places: int,
    *,
    time_limit: float = TIME_LIMIT,
) -> set[tuple[int, int]]:
    """The pairs of a maximum-value choice where person p is in at most room[p] of them."""
    if not pairs:
        return set()
    count = len(pairs)
    columns = np.repeat(np.arange(count), 2)
    people = np.asarray(pairs, dtype=np.int64).ravel()
    per_person = csr_matrix((np.ones(2 * count), (people, columns)), shape=(len(room), count))
    constraints = [
        LinearConstraint(per_person, -np.inf, np.asarray(room, dtype=float)),
        LinearConstraint(np.ones((1, count)), -np.inf, places),
    ]
    result = milp(
        -np.asarray(values, dtype=float),
        constraints=constraints,
        integrality=np.ones(count),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit, "disp": False},
    )
    if result.x is None:  # no answer in time: the greedy order alone decides
        return set()
    return {pair for pair, x in zip(pairs, result.x, strict=True) if x > 0.5}
