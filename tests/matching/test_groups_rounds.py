"""Group sizes, repeat-free bounds and the design schedules (transversal and cyclic)."""

from __future__ import annotations

from itertools import combinations

import pytest

from matching.groups.rounds import (
    design_schedule,
    plan_sizes,
    repeat_free_outlook,
    transversal_schedule,
)


@pytest.mark.parametrize(
    ("n", "size", "expected"),
    [
        (40, 5, [5] * 8),
        (41, 5, [5] * 5 + [4] * 4),
        (44, 5, [5] * 8 + [4]),
        (5, 2, [3, 2]),
        (6, 5, [6]),
    ],
)
def test_sizes_never_exceed_the_request_unless_groups_would_shrink_below_size_minus_one(
    n, size, expected
):
    assert plan_sizes(n, size) == expected


@pytest.mark.parametrize(
    ("n", "size", "rounds", "possible", "bound", "known"),
    [
        (40, 5, 8, "yes", 9, 8),
        (40, 5, 9, "unknown", 9, 8),
        (40, 5, 10, "no", 9, 8),
        (32, 4, 10, "yes", 10, 10),
        (24, 4, 7, "yes", 7, 7),
        (26, 4, 3, "unknown", 12, None),  # two groups of 3: they meet only 2 new people a round
    ],
)
def test_outlook_combines_the_counting_bound_with_published_schedules(
    n, size, rounds, possible, bound, known
):
    outlook = repeat_free_outlook(n, size, rounds)
    assert (outlook.possible, outlook.bound, outlook.known_max) == (possible, bound, known)


def test_history_shrinks_the_bound():
    assert repeat_free_outlook(16, 4, 5, already_met=3).bound == 4


@pytest.mark.parametrize(
    ("groups", "size", "rounds"),
    [
        (8, 5, 8),
        (8, 4, 8),
        (9, 4, 9),
        (5, 5, 6),
        (7, 7, 8),
        (4, 4, 5),
        (11, 5, 11),
    ],
)
def test_transversal_schedules_are_repeat_free_partitions(groups, size, rounds):
    _assert_repeat_free_partition(transversal_schedule(groups, size, rounds), groups, size, rounds)


def _assert_repeat_free_partition(schedule, groups, size, rounds):
    assert len(schedule) == rounds
    seen = set()
    for round_groups in schedule:
        assert sorted(x for g in round_groups for x in g) == list(range(groups * size))
        assert all(len(g) == size for g in round_groups)
        for g in round_groups:
            for pair in combinations(sorted(g), 2):
                assert pair not in seen
                seen.add(pair)


def test_no_schedule_without_a_field_of_that_order():
    assert transversal_schedule(6, 4, 5) is None
    assert transversal_schedule(8, 9, 2) is None


@pytest.mark.parametrize(
    ("groups", "size", "rounds"),
    [
        (6, 4, 7),
        (6, 4, 3),
        (8, 4, 8),
        (6, 5, 5),
        (6, 5, 2),
    ],
)
def test_design_schedules_are_repeat_free_and_their_classes_never_meet(groups, size, rounds):
    schedule, classes = design_schedule(groups, size, rounds)
    _assert_repeat_free_partition(schedule, groups, size, rounds)
    assert sorted(x for c in classes for x in c) == list(range(groups * size))
    class_of = {x: i for i, c in enumerate(classes) for x in c}
    assert all(len({class_of[x] for x in g}) == len(g) for r in schedule for g in r)


def test_no_design_beyond_the_stored_rounds_or_for_unknown_shapes():
    assert design_schedule(6, 4, 8) is None
    assert design_schedule(6, 5, 6) is None
    assert design_schedule(10, 4, 2) is None
