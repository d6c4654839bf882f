"""Group topics read as a coach would write them, from key phrases members share; never a word bag."""

from __future__ import annotations

import pytest

from matching.groups.labels import GroupLabeller

FILLER = [
    "Our cluster works with partners on projects every year and helps members today.",
    "The team brings people together; half of the board joined this year.",
    "We use partners and projects to support our members in the region.",
    "Digital twins for food processing plants.",
    "Hydrogen valleys and electrolyser supply chains.",
    "Creative industries and design weeks.",
    "Tourism routes along the coast.",
    "Textile recycling at industrial scale.",
    "Water management for farms in dry summers.",
    "Space data for city planning.",
]


def labeller(*texts: str) -> GroupLabeller:
    """A cohort of the given texts followed by the filler texts (so rarity can be judged)."""
    return GroupLabeller([*texts, *FILLER])


def test_the_topic_is_the_multi_word_phrase_the_members_share():
    cohort = labeller(
        "How do we set the membership fee for small firms?",
        "Our membership fee is flat; we want tiers.",
        "Export to Asian markets is our main goal.",
    )
    assert cohort.label([0, 1, 2]) == "membership fee"


def test_a_phrase_written_in_plural_and_singular_is_one_topic():
    cohort = labeller("Raising member fees next year.", "Our member fee covers events.")
    assert cohort.label([0, 1]) in ("member fees", "member fee")


def test_two_telling_phrases_that_do_not_overlap_make_the_topic():
    cohort = labeller(
        "Trade fairs in Japan help our export to Asian markets.",
        "We book trade fairs and look at Asian markets.",
    )
    assert set(cohort.label([0, 1]).split(", ")) == {"trade fairs", "asian markets"}


@pytest.mark.parametrize(
    ("texts", "why"),
    [
        (
            FILLER[:3],
            "only generic words and prompt words are shared (no 'board half', no "
            "'today team people', no 'use partners projects')",
        ),
        (["So far we tried a newsletter.", "So far we tried webinars."], "the form's prompt words"),
        (["Membership growth in Spain.", "Export growth in Chile."], "one shared word is no topic"),
        (["The cluster and the members.", "The cluster and the members."], "stop and empty words"),
    ],
)
def test_no_topic_rather_than_an_empty_one(texts, why):
    cohort = labeller(*texts)
    assert cohort.label(list(range(len(texts)))) is None, why


def test_a_phrase_most_of_the_cohort_uses_is_no_topic():
    common = [f"Smart specialisation strategy, part {i}." for i in range(12)]
    cohort = GroupLabeller(common + ["Cold chain logistics.", "Cold chain logistics for fish."])
    assert cohort.label([0, 1]) is None
    assert cohort.label([12, 13]) == "cold chain logistics"
