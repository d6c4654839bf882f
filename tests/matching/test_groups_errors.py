"""Bad breakout requests raise InputError naming the rule and what to change."""

from __future__ import annotations

import numpy as np
import pytest

from matching.groups import GroupWeights, evaluate_groups, form_groups
from matching.people import InputError, Person


def cohort(n: int = 8) -> list[Person]:
    """n people; p0 and p1 work for the same organisation."""
    return [
        Person(
            id=f"p{i}",
            name=f"P{i}",
            organisation="acme" if i < 2 else f"org{i}",
            country=f"C{i}",
            ecosystems=("digital",),
            maturity=2,
        )
        for i in range(n)
    ]


BAD_REQUESTS = [
    ({"group_size": 1}, "group size must be between 2 and the number of people"),
    ({"group_size": 9}, "group size must be between 2 and the number of people (8)"),
    ({"rounds": 0}, "form at least one round"),
    ({"together": [("p2", "p3")], "apart": [("p3", "p2")]}, "both together and apart"),
    (
        {"together": [("p2", "p3"), ("p3", "p4")], "apart": [("p2", "p4")]},
        "must be apart, but together links them",
    ),
    (
        {"together": [("p2", "p3"), ("p3", "p4"), ("p4", "p5"), ("p5", "p6")]},
        "more than a group of 4",
    ),
    ({"together": [("p0", "p1")]}, "two people of one organisation"),
    ({"together": [("p2", "nobody")]}, "unknown id 'nobody'"),
    ({"apart": [("p2", "p2")]}, "paired with themself"),
    ({"locked": {"p2": 5}}, "locked to group 5, but groups are numbered 0 to 1"),
    ({"locked": {"p2": 0, "p3": 0}, "apart": [("p2", "p3")]}, "must be apart but are locked"),
    ({"locked": {f"p{i}": 0 for i in range(2, 7)}}, "5 people are locked to group 0"),
    ({"locked": {"p0": 1, "p1": 1}}, "two people of one organisation are locked"),
    ({"locked": {"p2": 0, "p3": 1}, "together": [("p2", "p3")]}, "locked to different groups"),
    ({"locked": {"p2": [0, 1]}}, "locked for 2 rounds but only 1 are formed"),
    ({"weights": GroupWeights(country_mode="mix")}, "mode must be 'diversify' or 'cluster'"),
    ({"weights": GroupWeights(topic=-1.0)}, "weights must be zero or more"),
    ({"vectors": np.zeros((3, 4))}, "one row per person (8)"),
]


@pytest.mark.parametrize(("options", "message"), BAD_REQUESTS)
def test_bad_requests_name_the_rule_and_the_fix(options, message):
    options = {"group_size": 4, **options}
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        form_groups(cohort(), options.pop("group_size"), **options)


def test_evaluating_a_layout_with_an_unknown_person_is_refused():
    with pytest.raises(InputError, match="unknown id 'ghost' in round 0"):
        evaluate_groups(cohort(4), [[["p0", "ghost"], ["p2", "p3"]]])


def test_evaluating_a_layout_that_leaves_someone_out_is_refused():
    with pytest.raises(InputError, match="p3 missing from round 0"):
        evaluate_groups(cohort(4), [[["p0", "p1"], ["p2"]]])
