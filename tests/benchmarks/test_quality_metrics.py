"""The real-text quality benchmark's metrics, on hand-built rankings with known answers."""

import math

import pytest

from benchmarks.quality_metrics import (
    capped_recall_at,
    ndcg_at,
    precision_at,
    quoted_parts,
    reason_problems,
    top_kept_share,
)


def test_precision_counts_relevant_items_among_the_first_k():
    assert precision_at(["a", "b", "c", "d"], {"a", "c", "d"}, 3) == pytest.approx(2 / 3)


def test_precision_counts_a_short_list_as_k_long():
    assert precision_at(["a"], {"a"}, 3) == pytest.approx(1 / 3)


def test_ndcg_is_one_for_the_ideal_order_and_lower_when_the_best_item_comes_late():
    grades = {"high": 2.0, "ok": 1.0}
    assert ndcg_at(["high", "ok", "x"], grades, 10) == pytest.approx(1.0)
    late = ndcg_at(["x", "ok", "high"], grades, 10)
    expected = (1 / math.log2(3) + 2 / math.log2(4)) / (2 + 1 / math.log2(3))
    assert late == pytest.approx(expected)


def test_ndcg_ignores_results_after_k_and_is_zero_without_relevant_items():
    assert ndcg_at(["x", "y", "high"], {"high": 2.0}, 2) == 0.0
    assert ndcg_at(["a", "b"], {}, 10) == 0.0


def test_recall_of_the_top_3_is_capped_by_how_many_items_are_relevant():
    assert capped_recall_at(["a", "x", "y"], {"a"}, 3) == 1.0
    assert capped_recall_at(["a", "x", "b"], {"a", "b", "c", "d"}, 3) == pytest.approx(2 / 3)
    assert capped_recall_at(["x", "y", "z", "a"], {"a"}, 3) == 0.0


def test_top_kept_share_counts_the_pure_top_3_among_the_first_12_cards():
    pure = ["a", "b", "c", "d"]
    shown = ["b", *"efghijklmn", "a", "c"]  # c is the 13th card
    assert top_kept_share(pure, shown, n=3, m=12) == pytest.approx(2 / 3)


BANNED = frozenset({"the", "eu", "value", "tried", "far", "years"})


@pytest.mark.parametrize(
    ("reason", "problem"),
    [
        ("Similar challenge: both mention “eu”", "empty word"),
        ("Similar challenge: both mention “value”, “years”", "empty word"),
        ("Similar challenge: both mention “tried far”", "phrase of empty words"),
        ("You wrote: 'the eu the value the years' / Ana wrote: 'tried the far years'", "sentence"),
    ],
)
def test_reason_lines_quoting_empty_words_fail(reason, problem):
    problems = reason_problems(reason, banned=BANNED)
    assert problems and problem in problems[0]


def test_words_most_texts_use_count_as_empty():
    assert reason_problems(
        "Similar challenge: both mention “innovation”",
        banned=BANNED,
        common=frozenset({"innovation"}),
    )


def test_a_specific_phrase_and_a_sentence_with_content_pass():
    assert reason_problems("Similar challenge: both mention “membership fee”", banned=BANNED) == []
    line = "You wrote: 'Our sawmill members need new export markets' / Ana wrote: 'Timber firms look east'"
    assert quoted_parts(line) == [
        "Our sawmill members need new export markets",
        "Timber firms look east",
    ]
    assert reason_problems(line, banned=BANNED) == []


def test_similar_challenge_needs_a_challenge_on_both_sides():
    line = "Similar challenge: both mention “membership fee”"
    assert reason_problems(line, banned=BANNED, both_have_challenges=False)
