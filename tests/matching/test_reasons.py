"""Reasons a person trusts: key phrases and the closest sentences, never an empty word, and the label
names what is compared."""

from __future__ import annotations

import pytest

from matching.recommendations.reasons import Explainer
from matching.text.phrases import EMPTY_WORDS, PhraseIndex, key_phrases
from tests.matching.conftest import person

#: Words real reasons quoted before (issue 10): each alone must never be a reason.
BAD_REASONS = [
    "eu",
    "analysis",
    "showed",
    "value",
    "create",
    "issue",
    "grow",
    "requires",
    "years",
    "far",
    "tried",
    "brings",
    "universities",
]


def quoted(lines: list[str]) -> list[str]:
    """Everything quoted in reason lines."""
    found = []
    for line in lines:
        parts = line.split("“")[1:]
        found += [part.split("”")[0] for part in parts]
    return found


@pytest.mark.parametrize("word", BAD_REASONS)
def test_an_empty_word_alone_is_never_a_reason(word):
    # Both texts use the word, twice, in sentences that share nothing else.
    people = [
        person("ana", challenge=f"The {word} matters. So far we tried the {word} with sawmills."),
        person("bo", challenge=f"Our {word} was hard. So far we tried the {word} for dentists."),
    ]
    reasons = Explainer(people).recommendation(0, 1, "similar")
    assert word not in [q.lower().strip(".") for q in quoted(reasons)]
    assert word not in key_phrases(people[0].challenge)


@pytest.mark.parametrize("word", BAD_REASONS)
def test_the_bad_words_are_empty_words(word):
    assert word in EMPTY_WORDS


def test_key_phrases_are_two_or_three_adjacent_words_with_content():
    phrases = key_phrases(
        "So far we tried a tiered membership fee. Years ago, the EU showed value."
    )
    assert "tiered membership fee" in phrases and "membership fee" in phrases
    assert all(2 <= len(p.split()) <= 3 for p in phrases)
    assert "so far" not in phrases and "eu showed value" not in phrases  # every word empty


def test_a_word_most_texts_of_the_community_use_is_empty():
    texts = [
        f"Our wood sector {topic} plans."
        for topic in ("dairy", "port", "rail", "space", "wine", "glass")
    ]
    texts += ["Timber frames.", "Wine routes.", "Glass recycling.", "Bike lanes."]
    index = PhraseIndex(texts)
    assert index.empty("wood") and not index.empty("timber")


def test_shared_key_phrases_and_the_closest_sentences_are_quoted():
    people = [
        person(
            "ana",
            name="Ana",
            challenge="We run a sawmill network. Our members export timber frame houses to Japan.",
        ),
        person(
            "bo",
            name="Bo",
            challenge="Bo's cluster builds timber frame houses. We also train carpenters.",
        ),
    ]
    reasons = Explainer(people).recommendation(0, 1, "similar")
    assert reasons[0] == "Similar challenge: both write about “timber frame houses”"
    assert reasons[1] == (
        "You wrote: “Our members export timber frame houses to Japan.” / "
        "Bo wrote: “Bo's cluster builds timber frame houses.”"
    )


def test_similar_challenge_only_when_both_posted_a_challenge():
    people = [
        person("ana", challenge="How do we price a tiered membership fee?"),
        person("bo", name="Bo", about="Our cluster introduced a tiered membership fee in 2019."),
        person("cy", name="Cy", about="We set a tiered membership fee for start-ups."),
    ]
    explainer = Explainer(people)
    to_bo = explainer.recommendation(0, 1, "similar")
    assert to_bo[0].startswith("Your challenge and their cluster description: both write about")
    assert not any(line.startswith("Similar challenge") for line in to_bo)
    assert explainer.recommendation(1, 2, "similar")[0].startswith(
        "Your cluster description and theirs"
    )


def test_helpers_reasons_say_their_expertise_meets_your_needs():
    people = [
        person("ana", needs="Advice on a tiered membership fee for small sawmills."),
        person("bo", expertise="We redesigned our tiered membership fee in 2019."),
    ]
    reasons = Explainer(people).recommendation(0, 1, "helpers")
    assert (
        reasons[0] == "Their expertise meets your needs: both write about “tiered membership fee”"
    )
