"""Suggesting coaches for breakout groups from texts: best fit first, nobody beyond a fair share."""

from __future__ import annotations

from matching.coaches import suggest_coaches

EXPORT = "Export to Asian markets, trade fairs in Japan and distributors in Korea."
FEES = "Member fees: tiered membership fee models and the value members get for the fee."
DIGITAL = "Digital twins and data platforms for manufacturing SMEs."


def test_each_group_gets_the_coach_whose_expertise_shares_its_words():
    coaches = [FEES, EXPORT, DIGITAL]
    groups = [
        "We want to reach Asian markets; Japan first.",
        "Our membership fee is too flat.",
        "SMEs ask for data platforms.",
    ]
    assert suggest_coaches(coaches, groups).coach_of_group == (1, 0, 2)


def test_a_coach_takes_no_more_than_a_fair_share_of_groups():
    groups = ["Asian markets", "export to Japan", "trade fairs in Korea", "distributors abroad"]
    suggestion = suggest_coaches([EXPORT, FEES], groups)
    assert suggestion.fair_share == 2
    assert sorted(suggestion.coach_of_group) == [0, 0, 1, 1]


def test_the_strongest_match_is_served_first_when_shares_run_out():
    groups = ["fairs", "Export to Asian markets, trade fairs in Japan"]
    suggestion = suggest_coaches([EXPORT, FEES], groups)
    assert suggestion.coach_of_group[1] == 0  # the closer group keeps the export coach
    assert suggestion.coach_of_group[0] == 1


def test_no_coaches_or_no_groups_suggest_nobody():
    assert suggest_coaches([], ["a group text"]).coach_of_group == (None,)
    assert suggest_coaches([EXPORT], []).coach_of_group == ()


def test_texts_without_words_still_get_a_coach_in_a_stable_order():
    suggestion = suggest_coaches(["", ""], ["", "", ""])
    assert suggestion.coach_of_group == (0, 0, 1)
    assert suggestion.fit.shape == (3, 2) and not suggestion.fit.any()
