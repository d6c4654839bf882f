"""Breakout groups on hand-built cohorts whose right answer is obvious."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from matching.groups import GroupWeights, evaluate_groups, form_groups, lock_groups
from matching.groups.synthetic import make_cohort
from matching.people import Person

ONLY_TOPIC = GroupWeights(topic=10.0, country=0.0, ecosystem=0.0, maturity=0.0)


def make_person(pid: str, **fields) -> Person:
    """A Person with its own organisation and country unless told otherwise."""
    defaults = {
        "name": f"Person {pid}",
        "organisation": f"org-{pid}",
        "country": f"C{pid}",
        "ecosystems": ("digital",),
        "maturity": 2,
    }
    defaults.update(fields)
    return Person(id=pid, **defaults)


def groups_of(result, round_index: int = 0) -> list[set[str]]:
    """The member sets of one round."""
    return [set(g.members) for g in result.rounds[round_index].groups]


def two_topics(n_each: int = 4):
    """People 0..n-1 on topic A, n..2n-1 on topic B, with matching vectors and texts."""
    people, rows = [], []
    for i in range(2 * n_each):
        topic_a = i < n_each
        text = "attracting sme companies" if topic_a else "export markets abroad"
        people.append(make_person(str(i), challenge=text))
        rows.append([1.0, 0.0] if topic_a else [0.0, 1.0])
    return people, np.array(rows, dtype=np.float32)


def test_planted_topics_form_coherent_groups_when_topic_weight_is_high():
    people, vectors = two_topics()
    result = form_groups(people, 4, weights=ONLY_TOPIC, vectors=vectors)
    assert sorted(map(sorted, groups_of(result))) == [["0", "1", "2", "3"], ["4", "5", "6", "7"]]
    assert all(g.metrics["coherence"] == pytest.approx(1.0) for g in result.rounds[0].groups)


def test_reason_names_the_shared_topic_from_the_texts():
    people, vectors = two_topics()
    result = form_groups(people, 4, weights=ONLY_TOPIC, vectors=vectors)
    reasons = sorted(g.reasons for g in result.rounds[0].groups)
    assert "shared topic: attracting sme companies" in reasons[0]
    assert "shared topic: export markets abroad" in reasons[1]
    assert reasons[0][0] == "4 countries, 1 ecosystems"


def test_without_embeddings_tfidf_of_the_challenge_finds_the_same_topics():
    people, _ = two_topics()
    result = form_groups(people, 4, weights=ONLY_TOPIC)
    assert sorted(map(sorted, groups_of(result))) == [["0", "1", "2", "3"], ["4", "5", "6", "7"]]


def three_countries():
    """Twelve people, four each from DE, FR and IT, all on the same topic."""
    return [make_person(str(i), country=("DE", "FR", "IT")[i % 3]) for i in range(12)]


def test_diversifying_country_puts_each_country_once_in_every_group():
    result = form_groups(three_countries(), 3)
    assert result.metrics["all_distinct_country_share"] == 1.0
    assert all(g.metrics["distinct_countries"] == 3 for g in result.rounds[0].groups)


def test_clustering_country_groups_compatriots_when_the_coach_asks():
    weights = GroupWeights(
        topic=0.0, country=5.0, ecosystem=0.0, maturity=0.0, country_mode="cluster"
    )
    result = form_groups(three_countries(), 4, weights=weights)
    assert all(g.metrics["distinct_countries"] == 1 for g in result.rounds[0].groups)
    assert result.unmet == []


def test_colleagues_are_never_in_the_same_group_even_when_topics_pull_them_together():
    people, vectors = two_topics()
    people = [
        make_person(p.id, organisation=f"org-{int(p.id) % 4}", challenge=p.challenge)
        for p in people
    ]
    result = form_groups(people, 4, weights=ONLY_TOPIC, vectors=vectors)
    for group in result.rounds[0].groups:
        orgs = [int(pid) % 4 for pid in group.members]
        assert len(set(orgs)) == len(orgs)
    assert result.unmet == []


def test_apart_together_and_locked_are_respected():
    people, vectors = two_topics()
    result = form_groups(
        people,
        4,
        weights=ONLY_TOPIC,
        vectors=vectors,
        apart=[("0", "1")],
        together=[("0", "7")],
        locked={"2": 1},
    )
    where = {pid: g for g, members in enumerate(groups_of(result)) for pid in members}
    assert where["0"] != where["1"]
    assert where["0"] == where["7"]
    assert where["2"] == 1
    assert result.unmet == []


def test_locking_whole_groups_regenerates_only_the_rest():
    people, vectors, _ = make_cohort(20, random_state=3)
    first = form_groups(people, 4, vectors=vectors, random_state=1)
    kept = [0, 2]
    again = form_groups(
        people,
        4,
        vectors=vectors,
        random_state=7,
        locked=lock_groups([g.members for g in first.rounds[0].groups], kept),
    )
    for g in kept:
        assert set(again.rounds[0].groups[g].members) == set(first.rounds[0].groups[g].members)


@pytest.mark.parametrize(
    ("n", "size", "rounds"),
    [
        (16, 4, 5),
        (9, 3, 4),
        (25, 5, 6),
        (12, 3, 4),
        (24, 4, 7),
        (30, 5, 5),
    ],
)
def test_rounds_have_no_repeated_pairs_when_a_schedule_exists(n, size, rounds):
    people = [make_person(str(i)) for i in range(n)]
    result = form_groups(people, size, rounds=rounds)
    assert result.metrics["repeats"] == 0
    assert result.metrics["repeat_free_possible"] in ("yes", "unknown")
    seen = set()
    for r in range(rounds):
        for group in groups_of(result, r):
            for pair in combinations(sorted(group), 2):
                assert pair not in seen
                seen.add(pair)


def test_too_many_rounds_are_reported_before_solving_and_repeats_spread():
    people = [make_person(str(i)) for i in range(8)]
    result = form_groups(people, 4, rounds=4)
    assert result.metrics["repeat_free_possible"] == "no"
    assert result.metrics["max_repeat_free_rounds_bound"] == 2
    assert any("no repeated pairs" in rule for rule in result.unmet)


def test_previous_sessions_and_met_lists_count_as_already_met():
    people = [make_person(str(i)) for i in range(12)]
    people[0] = make_person("0", met=frozenset({"4"}))
    previous = [[["0", "1", "2", "3"], ["4", "5", "6", "7"], ["8", "9", "10", "11"]]]
    result = form_groups(people, 3, previous_rounds=previous)
    assert result.metrics["repeats"] == 0
    for group in groups_of(result):
        assert not {"0", "4"} <= group
        assert sorted(int(pid) // 4 for pid in group) == [0, 1, 2]


def test_dont_isolate_keeps_minority_maturity_levels_in_pairs():
    people = [make_person(str(i), maturity=1 if i < 2 else 3) for i in range(12)]
    weights = GroupWeights(dont_isolate=True)
    result = form_groups(people, 3, weights=weights)
    assert result.metrics["isolated"] == 0
    assert any({"0", "1"} <= group for group in groups_of(result))


def test_same_seed_gives_the_same_groups():
    people, vectors, _ = make_cohort(30, random_state=5)
    first = form_groups(people, 5, rounds=2, vectors=vectors, random_state=4)
    second = form_groups(people, 5, rounds=2, vectors=vectors, random_state=4)
    assert first.to_dict() == second.to_dict()


def test_to_dict_has_the_documented_shape():
    people, vectors = two_topics()
    data = form_groups(people, 4, vectors=vectors).to_dict()
    assert set(data) == {"rounds", "metrics", "unmet"}
    group = data["rounds"][0]["groups"][0]
    assert set(group) == {"members", "metrics", "reasons"}
    assert set(group["metrics"]) == {
        "size",
        "distinct_countries",
        "distinct_ecosystems",
        "maturity_spread",
        "coherence",
        "repeats",
    }


def test_evaluate_reports_what_a_coach_broke_by_dragging_someone():
    people = [make_person(str(i), organisation=f"org-{i % 4}") for i in range(8)]
    edited = [[["0", "4", "1"], ["2", "3", "5", "6", "7"]]]
    result = evaluate_groups(people, edited, apart=[("2", "3")])
    text = " | ".join(result.unmet)
    assert "one organisation" in text and "0 and 4" in text
    assert "apart: 2 and 3" in text
    assert "sizes differ by at most one" in text


def test_evaluate_scores_formed_groups_the_same_way():
    people, vectors, _ = make_cohort(20, random_state=2)
    formed = form_groups(people, 4, vectors=vectors)
    layout = [[g.members for g in formed.rounds[0].groups]]
    again = evaluate_groups(people, layout, vectors=vectors)
    assert again.metrics["objective"] == pytest.approx(formed.metrics["objective"])
    assert again.unmet == formed.unmet


def test_large_cohorts_meet_every_hard_rule_without_an_n_by_n_matrix():
    people, vectors, _ = make_cohort(400, random_state=1, skew=0.5)
    result = form_groups(people, 5, vectors=vectors, apart=[("p1", "p2")])
    sizes = [len(g.members) for g in result.rounds[0].groups]
    assert max(sizes) - min(sizes) <= 1 and sum(sizes) == 400
    assert not [rule for rule in result.unmet if "organisation" in rule or "apart" in rule]
    assert result.metrics["all_distinct_country_share"] == 1.0
