"""schedule_meetings: hand-built meeting days with obvious answers, and the hard rules on random ones."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from matching.meetings import (
    FixedMeeting,
    MeetingRequest,
    Suggestion,
    make_event,
    schedule_meetings,
)
from matching.people import InputError
from tests.matching.conftest import person, vectors

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.meetings_instances import (  # noqa: E402
    available,
    exact_request_value,
    first_come_schedule,
    random_event,
)


def pairs(result):
    return {frozenset((m.a, m.b)) for m in result.meetings}


def test_mutual_must_beats_two_wants_for_the_only_slot():
    event = make_event(
        ["a", "b", "c"],
        ["s1"],
        tables=5,
        max_meetings=1,
        requests=[("c", "a", "want"), ("a", "b", "must"), ("b", "a", "must")],
    )
    result = schedule_meetings(event)
    assert pairs(result) == {frozenset("ab")}
    assert result.meetings[0].value == 6
    assert [(u.requester, u.why) for u in result.unscheduled] == [("c", "maximum reached")]


def test_a_pair_with_no_common_slot_is_reported_as_such():
    event = make_event(
        ["a", "b"],
        ["s1", "s2"],
        tables=1,
        max_meetings=2,
        availability={"a": ["s1"], "b": ["s2"]},
        requests=[("a", "b", "must")],
    )
    result = schedule_meetings(event)
    assert result.meetings == ()
    assert result.unscheduled[0].why == "no common free slot"


def test_tables_full_is_reported_when_both_are_free_but_no_table_is():
    event = make_event(
        ["a", "b", "c", "d"],
        ["s1"],
        tables=1,
        max_meetings=1,
        requests=[("a", "b", "must"), ("c", "d", "want")],
    )
    result = schedule_meetings(event)
    assert pairs(result) == {frozenset("ab")}
    assert result.unscheduled[0].why == "tables full"


def test_a_booked_meeting_moves_to_make_room_for_another():
    # a-b could take s1 or s2; c is only free in s1 and must meet a there.
    event = make_event(
        ["a", "b", "c"],
        ["s1", "s2"],
        tables=1,
        max_meetings=2,
        availability={"c": ["s1"]},
        requests=[("a", "b", "must"), ("b", "a", "must"), ("c", "a", "must")],
    )
    result = schedule_meetings(event)
    assert {(m.slot, frozenset((m.a, m.b))) for m in result.meetings} == {
        ("s1", frozenset("ac")),
        ("s2", frozenset("ab")),
    }


def test_pairs_that_already_met_are_never_scheduled_unless_allowed():
    common = dict(tables=1, max_meetings=1, requests=[("a", "b", "must")], met=[("a", "b")])
    kept_apart = schedule_meetings(make_event(["a", "b"], ["s1"], **common))
    assert kept_apart.meetings == ()
    assert kept_apart.unscheduled[0].why == "already met"
    allowed = schedule_meetings(make_event(["a", "b"], ["s1"], avoid_met=False, **common))
    assert pairs(allowed) == {frozenset("ab")}


def test_blocked_pairs_are_never_scheduled_even_to_reach_the_minimum():
    event = make_event(
        ["a", "b"], ["s1"], tables=1, max_meetings=1, min_meetings=1, blocked=[("a", "b")]
    )
    assert schedule_meetings(event).meetings == ()


def test_everyone_reaches_the_minimum_when_it_is_feasible():
    ids = [f"p{i}" for i in range(6)]
    event = make_event(
        ids, ["s1", "s2", "s3"], tables=3, max_meetings=3, min_meetings=2, requests=[]
    )
    result = schedule_meetings(event)
    counts = Counter(p for m in result.meetings for p in (m.a, m.b))
    assert all(counts[p] >= 2 for p in ids)
    assert result.summary["below_minimum"] == []
    assert all(m.kind == "minimum" for m in result.meetings)


def test_the_minimum_never_costs_a_wish():
    # One table, one slot: the wish a→b wins although c and d are below the minimum.
    event = make_event(
        ["a", "b", "c", "d"],
        ["s1"],
        tables=1,
        max_meetings=1,
        min_meetings=1,
        requests=[("a", "b", "want")],
    )
    result = schedule_meetings(event)
    assert pairs(result) == {frozenset("ab")}
    assert result.summary["below_minimum"] == ["c", "d"]


def test_suggestions_fill_free_slots_best_first_with_their_reasons():
    event = make_event(["a", "b", "c"], ["s1"], tables=1, max_meetings=1)
    suggestions = [
        Suggestion("a", "c", 0.4, ("Shared ecosystem: Digital",)),
        Suggestion("a", "b", 0.9, ("Similar challenge: both mention hydrogen",)),
    ]
    result = schedule_meetings(event, suggestions=suggestions)
    (meeting,) = result.meetings
    assert {meeting.a, meeting.b} == {"a", "b"}
    assert meeting.kind == "suggestion"
    assert meeting.reasons == ("Similar challenge: both mention hydrogen",)


def test_vectors_make_the_matcher_suggest_the_closest_pair():
    people = [person("a"), person("b"), person("c"), person("d")]
    vecs = vectors([[1, 0], [1, 0.05], [0, 1], [0.05, 1]])
    event = make_event([p.id for p in people], ["s1"], tables=2, max_meetings=1)
    result = schedule_meetings(event, people=people, vectors=vecs)
    assert pairs(result) == {frozenset("ab"), frozenset("cd")}
    assert all(m.reasons for m in result.meetings)


def test_wish_reasons_use_the_interface_words_and_names():
    people = [person("a", name="Ana"), person("b", name="Bo")]
    event = make_event(["a", "b"], ["s1"], tables=1, max_meetings=1, requests=[("a", "b", "must")])
    result = schedule_meetings(event, people=people)
    assert result.meetings[0].reasons == ("Ana asked: “Must meet” Bo",)


def test_locked_meetings_keep_their_slot_and_table():
    event = make_event(
        ["a", "b", "c"],
        ["s1", "s2"],
        tables=3,
        max_meetings=2,
        requests=[("a", "c", "must")],
        locked=[FixedMeeting("a", "b", "s1", table=3)],
    )
    result = schedule_meetings(event)
    locked = [m for m in result.meetings if m.locked]
    assert [(m.slot, m.table, m.a, m.b) for m in locked] == [("s1", 3, "a", "b")]
    assert ("s2", frozenset("ac")) in {(m.slot, frozenset((m.a, m.b))) for m in result.meetings}


def test_a_wish_to_someone_full_with_locked_meetings_is_left_out_with_the_reason():
    """The swap search found no meeting of a's to move (all locked) and used to crash on b's side."""
    event = make_event(
        ["a", "b", "c"],
        ["s1", "s2"],
        tables=2,
        max_meetings=1,
        requests=[("a", "b", "must")],
        locked=[FixedMeeting("a", "c", "s1")],
    )
    result = schedule_meetings(event)
    assert [(m.slot, m.a, m.b) for m in result.meetings] == [("s1", "a", "c")]
    assert [(u.requester, u.target, u.why) for u in result.unscheduled] == [
        ("a", "b", "maximum reached")
    ]


def test_a_locked_meeting_that_breaks_a_rule_is_refused():
    event = make_event(
        ["a", "b"],
        ["s1", "s2"],
        tables=1,
        max_meetings=1,
        availability={"a": ["s2"]},
        locked=[FixedMeeting("a", "b", "s1")],
    )
    with pytest.raises(InputError, match="locked"):
        schedule_meetings(event)


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"tables": 0}, "tables"),
        ({"tables": [1]}, "tables"),
        ({"min_meetings": 3, "max_meetings": 2}, "min_meetings"),
        ({"max_meetings": 0}, "max_meetings"),
        ({"requests": [MeetingRequest("a", "a")]}, "requests[1].to"),
        ({"requests": [MeetingRequest("a", "zed")]}, "requests[1].to"),
        ({"requests": [MeetingRequest("zed", "a")]}, "requests[1].from"),
        ({"requests": [MeetingRequest("a", "b", "maybe")]}, "requests[1].priority"),
        ({"availability": {"a": ["s9"]}}, "availability"),
        ({"availability": {"zed": ["s1"]}}, "availability"),
        ({"met": [("a", "zed")]}, "met"),
        ({"slots": ["s1", "s1"]}, "slots"),
    ],
)
def test_bad_events_name_the_field(changes, field):
    options = dict(participants=["a", "b"], slots=["s1", "s2"], tables=1, max_meetings=2)
    options.update(changes)
    with pytest.raises(InputError) as error:
        make_event(options.pop("participants"), options.pop("slots"), **options)
    assert error.value.field == field


@pytest.mark.parametrize("seed", range(5))
def test_hard_rules_hold_on_random_days(seed):
    event = random_event(40, 8, wishes=5, tables=6, max_meetings=4, met_pairs=30, seed=seed)
    result = schedule_meetings(event, random_state=seed)
    by_slot = Counter(m.slot for m in result.meetings)
    assert all(by_slot[s] <= 6 for s in by_slot)
    assert len({(m.slot, m.table) for m in result.meetings}) == len(result.meetings)
    assert all(1 <= m.table <= 6 for m in result.meetings)
    seen = Counter((p, m.slot) for m in result.meetings for p in (m.a, m.b))
    assert max(seen.values()) == 1
    per_person = Counter(p for m in result.meetings for p in (m.a, m.b))
    assert max(per_person.values()) <= 4
    assert all(
        m.slot in available(event, m.a) and m.slot in available(event, m.b) for m in result.meetings
    )
    assert not pairs(result) & event.met
    assert len(pairs(result)) == len(result.meetings)


def test_the_same_random_state_gives_the_same_schedule():
    event = random_event(30, 6, wishes=4, tables=5, seed=3)
    assert schedule_meetings(event, random_state=7) == schedule_meetings(event, random_state=7)


def test_every_unscheduled_wish_is_listed_once_with_a_known_reason():
    event = random_event(40, 6, wishes=6, tables=5, max_meetings=4, seed=1)
    result = schedule_meetings(event)
    scheduled = pairs(result)
    left_out = [r for r in event.requests if frozenset((r.requester, r.target)) not in scheduled]
    assert len(result.unscheduled) == len(left_out)
    assert {u.why for u in result.unscheduled} <= {
        "no common free slot",
        "tables full",
        "maximum reached",
    }


@pytest.mark.parametrize("seed", range(3))
def test_wish_value_is_near_the_exact_optimum_and_beats_first_come(seed):
    event = random_event(24, 6, wishes=4, tables=5, max_meetings=4, seed=seed)
    result = schedule_meetings(event, random_state=seed)
    optimum, proven = exact_request_value(event, time_limit=30)
    assert proven
    assert result.summary["request_value"] >= 0.97 * optimum
    assert result.summary["request_value"] >= first_come_schedule(event)
