"""Meeting-day instances and the two yardsticks the scheduler is measured against.

- `random_event`: a synthetic meeting day with popular people, partial availability and wishes.
- `exact_request_value`: the optimum wish value, from an integer program solved by CBC (PuLP).
- `first_come_schedule`: what booking in request order gives (the b2match-style baseline).

Used by benchmarks/bench_matching_meetings.py and by tests/matching/test_meetings_optimum.py.
"""

from __future__ import annotations

import warnings

import numpy as np

from matching.meetings import MeetingEvent, MeetingRequest, make_event
from matching.meetings.event import PRIORITY_VALUES


def random_event(
    people: int,
    slots: int,
    *,
    wishes: int = 5,
    tables: int | None = None,
    max_meetings: int = 6,
    min_meetings: int = 2,
    must_share: float = 0.3,
    away_share: float = 0.25,
    met_pairs: int = 0,
    seed: int = 0,
) -> MeetingEvent:
    """A meeting day where a few people are wished for far more than others (like real events)."""
    rng = np.random.default_rng(seed)
    ids = [f"p{i}" for i in range(people)]
    slot_ids = [f"s{k}" for k in range(slots)]
    popularity = rng.pareto(1.5, people) + 1.0
    popularity /= popularity.sum()
    requests = []
    for i in range(people):
        chosen = set()
        while len(chosen) < min(wishes, people - 1):
            j = int(rng.choice(people, p=popularity))
            if j != i:
                chosen.add(j)
        for j in sorted(chosen):
            priority = "must" if rng.random() < must_share else "want"
            requests.append(MeetingRequest(ids[i], ids[j], priority))
    order = rng.permutation(len(requests))  # the order requests "arrived" in
    requests = [requests[k] for k in order]
    availability = {}
    for i in range(people):
        if rng.random() < away_share:  # part-day: misses a random block of slots
            start = int(rng.integers(0, slots))
            length = int(rng.integers(1, max(2, slots // 2)))
            away = {(start + k) % slots for k in range(length)}
            availability[ids[i]] = [s for k, s in enumerate(slot_ids) if k not in away]
    met = set()
    while len(met) < met_pairs:
        a, b = rng.choice(people, 2, replace=False)
        met.add((ids[min(a, b)], ids[max(a, b)]))
    return make_event(
        ids,
        slot_ids,
        tables=tables if tables is not None else max(1, people // 3),
        max_meetings=max_meetings,
        min_meetings=min_meetings,
        availability=availability,
        requests=requests,
        met=sorted(met),
    )


def pair_values(event: MeetingEvent) -> dict[tuple[str, str], int]:
    """Each wished-for pair that may meet, with its value (sum of its wishes)."""
    values: dict[tuple[str, str], int] = {}
    forbidden = event.blocked | (event.met if event.avoid_met else frozenset())
    for r in event.requests:
        if frozenset((r.requester, r.target)) in forbidden:
            continue
        key = tuple(sorted((r.requester, r.target)))
        values[key] = values.get(key, 0) + PRIORITY_VALUES[r.priority]
    return values


def available(event: MeetingEvent, person: str) -> set[str]:
    """The slots a person can meet in."""
    return set(event.availability.get(person, event.slots))


def exact_request_value(event: MeetingEvent, *, time_limit: int = 120) -> tuple[int, bool]:
    """(best wish value, proven optimal) from an integer program over pair × slot variables."""
    import pulp

    values = pair_values(event)
    model = pulp.LpProblem("meetings", pulp.LpMaximize)
    x = {}
    for (a, b), _ in values.items():
        for k, s in enumerate(event.slots):
            if s in available(event, a) and s in available(event, b):
                x[a, b, k] = model.add_variable(f"x_{a}_{b}_{k}", 0, 1, cat="Binary")
    model += pulp.lpSum(values[a, b] * var for (a, b, _), var in x.items())
    by_pair, by_person_slot, by_person, by_slot = {}, {}, {}, {}
    for (a, b, k), var in x.items():
        by_pair.setdefault((a, b), []).append(var)
        by_slot.setdefault(k, []).append(var)
        for p in (a, b):
            by_person_slot.setdefault((p, k), []).append(var)
            by_person.setdefault(p, []).append(var)
    for group in by_pair.values():
        model += pulp.lpSum(group) <= 1
    for group in by_person_slot.values():
        model += pulp.lpSum(group) <= 1
    for group in by_person.values():
        model += pulp.lpSum(group) <= event.max_meetings
    for k, group in by_slot.items():
        model += pulp.lpSum(group) <= event.tables_in(k)
    with warnings.catch_warnings():  # PuLP 3 warns about 4.0; the CBC inside PuLP is what we have
        warnings.simplefilter("ignore", DeprecationWarning)
        status = model.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit))
    proven = pulp.LpStatus[status] == "Optimal" and model.sol_status == pulp.LpSolutionOptimal
    return round(pulp.value(model.objective) or 0), proven


def first_come_schedule(event: MeetingEvent) -> int:
    """Wish value when each request is booked on arrival in the first slot both have free."""
    busy: dict[str, set[str]] = {p: set() for p in event.participants}
    used = [0] * len(event.slots)
    booked: dict[tuple[str, str], int] = {}
    forbidden = event.blocked | (event.met if event.avoid_met else frozenset())
    value = 0
    for r in event.requests:
        key = tuple(sorted((r.requester, r.target)))
        if key in booked:  # the other direction arrived first: the meeting already exists
            value += PRIORITY_VALUES[r.priority]
            continue
        if frozenset(key) in forbidden:
            continue
        if any(len(busy[p]) >= event.max_meetings for p in key):
            continue
        for k, s in enumerate(event.slots):
            free = all(s in available(event, p) and s not in busy[p] for p in key)
            if free and used[k] < event.tables_in(k):
                used[k] += 1
                busy[key[0]].add(s)
                busy[key[1]].add(s)
                booked[key] = k
                value += PRIORITY_VALUES[r.priority]
                break
    return value
