"""Regression on a slice of the real-text yardstick (tests/matching/data/real_slice/): with the real
model, relevance beats the diversity bonuses and no reason quotes an empty word."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.bench_matching_quality import (
    banned_words,
    community_common_words,
    load_yardstick,
    person_of,
)
from benchmarks.quality_metrics import mean, ndcg_at, reason_problems
from matching import Embedder, RecommendWeights, embed_people, recommend

SLICE = Path(__file__).parent / "data" / "real_slice"
PURE = RecommendWeights(country=0, ecosystem=0, maturity=0, diversity=0)

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def community():
    yardstick = load_yardstick(SLICE)
    people = [person_of(item) for item in yardstick.items]
    return yardstick, people, embed_people(people, Embedder())


def judged_ndcg(recs, judgements) -> float:
    ranked = {query: [r.id for r in found] for query, found in recs.items()}
    return mean(
        ndcg_at(
            ranked[j["query"]],
            {i: 1.0 for i in j["relevant"]} | {i: 2.0 for i in j["highly_relevant"]},
            10,
        )
        for j in judgements
    )


def test_relevance_first_ranks_the_judged_peers_better_than_diversity_first(community):
    yardstick, people, vectors = community
    relevance_first = recommend(people, 10, vectors=vectors, explain=False)
    diversity_first = recommend(
        people, 10, vectors=vectors, weights=RecommendWeights(band=1), explain=False
    )
    assert judged_ndcg(relevance_first, yardstick.judgements) > judged_ndcg(
        diversity_first, yardstick.judgements
    )


def test_the_first_card_is_always_among_the_three_most_relevant(community):
    _, people, vectors = community
    shown = recommend(people, 12, vectors=vectors, explain=False)
    pure = recommend(people, 3, vectors=vectors, weights=PURE, explain=False)
    for pid, found in shown.items():
        assert found[0].id in [r.id for r in pure[pid]], pid


def test_no_reason_quotes_a_stop_word_or_an_empty_word(community):
    yardstick, people, vectors = community
    texts = [item.get("description") or item["text"] for item in yardstick.items]
    banned, common = banned_words(), community_common_words(texts)
    recs = recommend(people, 5, vectors=vectors)
    statements = {c["id"] for c in yardstick.challenges}
    lines = 0
    for pid, found in recs.items():
        for rec in found:
            for line in rec.reasons:
                both = pid in statements and rec.id in statements
                assert (
                    reason_problems(line, banned=banned, common=common, both_have_challenges=both)
                    == []
                ), line
                lines += line.count("“")
    assert lines > 0  # some reasons do quote the texts
