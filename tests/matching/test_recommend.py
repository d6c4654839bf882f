"""recommend(): who is suggested to whom, and what is never suggested."""

from __future__ import annotations

import numpy as np
import pytest

from matching.recommendations.recommend import recommend
from matching.recommendations.scoring import RecommendWeights
from tests.matching.conftest import person, vectors

TOPIC_ONLY = RecommendWeights(country=0, ecosystem=0, maturity=0, diversity=0)


def ids(recs):
    return [r.id for r in recs]


def test_nearest_challenge_is_recommended_first_in_similar_mode():
    people = [person(p) for p in "abcd"]
    vecs = vectors([[1, 0], [0.9, 0.2], [0, 1], [-1, 0]])
    recs = recommend(people, 2, vectors=vecs, weights=TOPIC_ONLY, explain=False)
    assert ids(recs["a"]) == ["b", "c"]
    assert ids(recs["c"])[0] == "b"
    assert recs["a"][0].score == pytest.approx(0.976, abs=1e-3)


def test_never_recommends_self_a_colleague_or_someone_already_met():
    people = [
        person("me", met={"old"}),
        person("twin", organisation="org-me"),
        person("old"),
        person("new"),
    ]
    vecs = vectors([[1, 0]] * 4)
    recs = recommend(people, 10, vectors=vecs, explain=False)
    assert ids(recs["me"]) == ["new"]


def test_extra_exclusions_are_respected():
    people = [person(p) for p in "abc"]
    recs = recommend(people, 5, vectors=vectors([[1, 0]] * 3), exclude={"a": ["b"]}, explain=False)
    assert ids(recs["a"]) == ["c"]
    assert "a" in ids(recs["b"])


def test_helpers_mode_matches_my_needs_to_their_expertise_and_is_asymmetric():
    # a needs topic 0, which only b knows; b needs topic 1, which only c knows.
    people = [person(p) for p in "abc"]
    vecs = vectors(
        challenge=[[0, 0, 1]] * 3,
        needs=[[1, 0, 0], [0, 1, 0], [0, 0, 1]],
        expertise=[[0, 0, 1], [1, 0, 0], [0, 1, 0]],
    )
    recs = recommend(people, 1, vectors=vecs, mode="helpers", weights=TOPIC_ONLY, explain=False)
    assert ids(recs["a"]) == ["b"]
    assert ids(recs["b"]) == ["c"]


def test_helpers_mode_prefers_more_mature_peers_when_topics_tie():
    people = [person("me", maturity=1), person("junior", maturity=1), person("senior", maturity=4)]
    weights = RecommendWeights(maturity=0.5, diversity=0)
    recs = recommend(people, 2, vectors=vectors([[1, 0]] * 3), mode="helpers", weights=weights)
    assert ids(recs["me"]) == ["senior", "junior"]


def test_similar_mode_prefers_peers_at_the_same_stage_when_topics_tie():
    people = [person("me", maturity=1), person("junior", maturity=1), person("senior", maturity=4)]
    weights = RecommendWeights(maturity=0.5, diversity=0)
    recs = recommend(people, 2, vectors=vectors([[1, 0]] * 3), mode="similar", weights=weights)
    assert ids(recs["me"]) == ["junior", "senior"]


def test_mixed_mode_blends_challenge_similarity_and_help():
    people = [person(p) for p in "abc"]
    # b shares a's challenge; c knows what a needs. An even blend scores them equally.
    vecs = vectors(
        challenge=[[1, 0], [1, 0], [0, 1]],
        needs=[[0, 1], [0, 1], [0, 1]],
        expertise=[[1, 0], [1, 0], [0, 1]],
    )
    recs = recommend(people, 2, vectors=vecs, mode="mixed", weights=TOPIC_ONLY, explain=False)
    assert [r.score for r in recs["a"]] == pytest.approx([0.5, 0.5])


def test_at_equal_relevance_another_country_and_ecosystem_come_first():
    people = [
        person("me"),
        person("neighbour"),
        person("abroad", country="SI", ecosystems=("agri-food",)),
    ]
    weights = RecommendWeights(country=0.2, ecosystem=0.1, maturity=0, diversity=0)
    recs = recommend(people, 2, vectors=vectors([[1, 0]] * 3), weights=weights, explain=False)
    # The score shown is the relevance; the bonuses only decide the order within a band.
    assert [(r.id, r.score) for r in recs["me"]] == [
        ("abroad", pytest.approx(1.0)),
        ("neighbour", pytest.approx(1.0)),
    ]


def test_bonuses_never_lift_a_peer_above_a_clearly_more_relevant_one():
    people = [
        person("me"),
        person("neighbour"),  # same country and ecosystem, much closer text
        *(person(f"abroad{i}", country="SI", ecosystems=("agri-food",)) for i in range(3)),
    ]
    vecs = vectors([[1, 0], [1, 0.05]] + [[1, 1]] * 3)
    recs = recommend(people, 4, vectors=vecs, explain=False)  # default weights
    assert recs["me"][0].id == "neighbour"


def test_within_a_band_of_comparable_relevance_diversity_decides():
    people = [
        person("me"),
        person("neighbour"),
        person("abroad", country="SI", ecosystems=("agri-food",)),
        person("far", country="FR"),
    ]
    vecs = vectors([[1, 0], [1, 0.02], [1, 0.03], [0, 1]])  # neighbour and abroad nearly tie
    recs = recommend(people, 3, vectors=vecs, explain=False)
    assert [r.id for r in recs["me"]] == ["abroad", "neighbour", "far"]


def test_diversity_keeps_one_country_from_filling_the_list():
    me = person("me", country="SI", ecosystems=("health",))
    portuguese = [person(f"pt{i}", country="PT") for i in range(8)]
    others = [
        person(f"x{i}", country=c, ecosystems=("textile",))
        for i, c in enumerate(["ES", "FR", "DE"])
    ]
    people = [me, *portuguese, *others]
    vecs = vectors([[1, 0]] + [[1, 0.3]] * 8 + [[1, 0.4]] * 3)  # Portuguese slightly closer
    plain = recommend(people, 4, vectors=vecs, weights=TOPIC_ONLY, explain=False)["me"]
    diverse = recommend(
        people,
        4,
        vectors=vecs,
        weights=RecommendWeights(country=0, ecosystem=0, maturity=0, diversity=0.5, band=1),
        explain=False,
    )["me"]
    assert {r.id[:2] for r in plain} == {"pt"}
    assert sum(r.id.startswith("pt") for r in diverse) < 4


def test_reasons_name_shared_terms_countries_ecosystems_and_maturity():
    people = [
        person(
            "ana",
            country="SI",
            ecosystems=("construction",),
            maturity=2,
            needs="We need a tiered membership fee model for small sawmills.",
        ),
        person(
            "joao",
            country="PT",
            ecosystems=("agri-food",),
            maturity=4,
            expertise="We redesigned our tiered membership fee structure in 2019.",
        ),
    ]
    recs = recommend(people, 1, vectors=vectors([[1, 0]] * 2), mode="helpers")
    reasons = recs["ana"][0].reasons
    assert any("membership fee" in line for line in reasons), reasons
    assert "Different countries: Slovenia ↔ Portugal" in reasons
    assert "Different ecosystems: Construction ↔ Agri-food" in reasons
    assert "More mature: advanced vs developing" in reasons


def test_no_topical_reason_when_the_texts_share_nothing_worth_quoting():
    people = [
        person("a", challenge="Growing our membership base. Other things."),
        person("b", challenge="Attracting new companies."),
    ]
    recs = recommend(people, 1, vectors=vectors([[1, 0]] * 2))
    assert not any("“" in line for line in recs["a"][0].reasons)


def test_for_ids_limits_who_gets_recommendations_and_explain_false_skips_reasons():
    people = [person(p) for p in "abc"]
    recs = recommend(people, 1, vectors=vectors([[1, 0]] * 3), for_ids=["b"], explain=False)
    assert list(recs) == ["b"]
    assert recs["b"][0].reasons == []


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="unknown mode"):
        recommend([person("a")], 1, vectors=vectors([[1, 0]]), mode="nearest")


def test_results_are_the_same_on_every_run():
    rng = np.random.default_rng(3)
    people = [person(str(i), country=["PT", "SI", "ES"][i % 3]) for i in range(30)]
    vecs = vectors(rng.standard_normal((30, 8)))
    first = recommend(people, 5, vectors=vecs, explain=False)
    assert first == recommend(people, 5, vectors=vecs, explain=False)
