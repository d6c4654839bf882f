"""Sentences the matcher writes for coaches read as plain English, never "None" or "1 rounds"."""

from __future__ import annotations

from matching.groups.rounds import RepeatFreeOutlook


def test_an_unknown_shape_says_there_is_no_published_schedule_instead_of_none():
    sentence = RepeatFreeOutlook("unknown", 6, None, "counting bound only").sentence(5)
    assert "None" not in sentence
    assert "no published schedule for this shape" in sentence


def test_a_known_shape_names_the_best_known_schedule():
    assert "best known 5" in RepeatFreeOutlook("unknown", 6, 5, "table").sentence(6)


def test_one_round_is_singular():
    assert (
        RepeatFreeOutlook("yes", 4, None, "counting bound only")
        .sentence(1)
        .startswith("1 round without repeats is possible")
    )
    assert (
        RepeatFreeOutlook("yes", 4, None, "counting bound only")
        .sentence(3)
        .startswith("3 rounds without repeats are possible")
    )
