"""The group objective on one scale: a weight of 1 means as much for topic as for ecosystem,
whatever the spread of the cohort's similarities."""

from __future__ import annotations

import numpy as np
import pytest

from matching.groups import GroupWeights, form_groups
from matching.groups.scale import pair_spreads, term_scales
from matching.people import InputError, Person

# Topic A = people 0-3, topic B = 4-7. Ecosystems cut across: 0, 1, 2 and 7 are in digital,
# 3, 4, 5 and 6 in health. Grouping by topic puts 3 same-ecosystem pairs in each group (6 in
# all, 12 same-topic pairs); the most mixed layouts have 4 same-ecosystem pairs but only 6
# same-topic pairs. 12 of the 28 pairs share a topic and 12 share an ecosystem, so on the
# cohort scale a same-topic pair and a same-ecosystem pair weigh the same: topic grouping
# scores 12 - 6 = 6 against 6 - 4 = 2, until the ecosystem weight passes 3 x the topic weight.
ECOSYSTEMS = ["digital", "digital", "digital", "health", "health", "health", "health", "digital"]
BY_TOPIC = [["0", "1", "2", "3"], ["4", "5", "6", "7"]]


def cohort() -> list[Person]:
    """Eight people from eight countries at one maturity level: only topic and ecosystem vary."""
    return [
        Person(
            id=str(i),
            name=f"P{i}",
            organisation=f"org{i}",
            country=f"C{i}",
            ecosystems=(eco,),
            maturity=2,
        )
        for i, eco in enumerate(ECOSYSTEMS)
    ]


def topic_vectors(closeness: float) -> np.ndarray:
    """Unit vectors whose cosine is 1 within a topic and `closeness` across topics.

    A closeness near 1 is what real texts look like: every pair is alike within a few hundredths.
    """
    planted = np.array([[1.0, 0.0]] * 4 + [[0.0, 1.0]] * 4)
    # [sqrt(1 - c) x, sqrt(c) e]: the cosine is (1 - c) cos(x, x') + c for a shared unit e.
    return np.hstack([np.sqrt(1 - closeness) * planted, np.full((8, 1), np.sqrt(closeness))])


def layout(result) -> list[list[str]]:
    """The sorted member lists of the first round."""
    return sorted(sorted(g.members) for g in result.rounds[0].groups)


def weights(ecosystem: float, scale: str = "cohort") -> GroupWeights:
    """Topic 1 (cluster), ecosystem as given (diversify); country and maturity cannot vary here."""
    return GroupWeights(topic=1.0, ecosystem=ecosystem, scale=scale)


def test_on_the_cohort_scale_topic_weighs_as_much_as_ecosystem_however_close_the_texts():
    for closeness in (0.0, 0.9, 0.99):
        result = form_groups(
            cohort(),
            4,
            weights=weights(1.0),
            vectors=topic_vectors(closeness),
            topic_similarity="vectors",
        )
        assert layout(result) == BY_TOPIC, closeness


def test_on_the_raw_scale_close_texts_lose_to_ecosystem_at_equal_weights():
    result = form_groups(
        cohort(),
        4,
        weights=weights(1.0, scale="raw"),
        vectors=topic_vectors(0.99),
        topic_similarity="vectors",
    )
    assert layout(result) != BY_TOPIC
    assert result.metrics["mean_ecosystem"] > 1 - 6 / 12  # more mixed than the topic layout


@pytest.mark.parametrize(
    ("ecosystem", "on_topic"), [(2.0, True), (2.9, True), (3.5, False), (5.0, False)]
)
def test_the_ecosystem_weight_takes_over_where_the_arithmetic_says(ecosystem, on_topic):
    result = form_groups(
        cohort(),
        4,
        weights=weights(ecosystem),
        vectors=topic_vectors(0.99),
        topic_similarity="vectors",
    )
    assert (layout(result) == BY_TOPIC) is on_topic
    if not on_topic:  # the most mixed layout: every group holds two of each ecosystem
        for group in result.rounds[0].groups:
            assert sorted(ECOSYSTEMS[int(m)] for m in group.members).count("digital") == 2


def test_spreads_are_the_standard_deviation_over_the_cohorts_pairs():
    people = cohort()
    vectors = topic_vectors(0.99).astype(np.float32)
    eco = np.array([[1.0, 0.0] if e == "digital" else [0.0, 1.0] for e in ECOSYSTEMS])
    spreads = pair_spreads(vectors, np.arange(8), eco, np.full(8, 2))
    share = 12 / 28  # pairs within a topic, and pairs within an ecosystem
    assert spreads["topic"] == pytest.approx(0.01 * np.sqrt(share * (1 - share)), rel=1e-4)
    assert spreads["ecosystem"] == pytest.approx(np.sqrt(share * (1 - share)))
    assert spreads["country"] == 0.0 and spreads["maturity"] == 0.0
    scales = term_scales(spreads, "cohort")
    assert scales["country"] == 1.0  # a term that cannot vary keeps its weight as given
    assert scales["topic"] == pytest.approx(100 * scales["ecosystem"], rel=1e-3)
    assert term_scales(spreads, "raw") == dict.fromkeys(spreads, 1.0)
    assert len(people) == 8


def test_an_unknown_scale_or_topic_similarity_is_refused_naming_the_field():
    with pytest.raises(InputError, match="scale must be one of cohort, raw"):
        form_groups(cohort(), 4, weights=GroupWeights(scale="wide"))
    with pytest.raises(InputError, match="topic similarity must be one of fused, vectors, tfidf"):
        form_groups(cohort(), 4, topic_similarity="cosine")
