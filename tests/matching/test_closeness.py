"""Closeness in words ("Very close", "Close", "Related"), the one place every card takes them from."""

from __future__ import annotations

import re

import numpy as np
import pytest

from matching.people import Person
from matching.recommendations.closeness import closeness_cuts, closeness_word, sampled_cuts
from matching.recommendations.reasons import Explainer
from matching.text.vectors import PeopleVectors


def test_words_follow_the_communitys_own_percentiles_whatever_the_scale():
    for scale in (1.0, 0.01):  # plain cosines or centred, fused ones a hundred times smaller
        cuts = closeness_cuts(np.arange(1, 101) * scale)
        assert closeness_word(100 * scale, cuts) == "Very close"
        assert closeness_word(95 * scale, cuts) == "Close"
        assert closeness_word(50 * scale, cuts) == "Related"


def test_empty_texts_and_missing_scores_do_not_move_the_cuts():
    scores = np.r_[np.arange(1, 101), np.zeros(500), np.full(3, np.nan), -np.inf]
    assert closeness_cuts(scores) == closeness_cuts(np.arange(1, 101))


@pytest.mark.parametrize("scores", [[], [0.0, 0.0], [np.nan]])
def test_without_scores_everything_is_related(scores):
    assert closeness_cuts(scores) == []
    assert closeness_word(0.9, []) == "Related"


def test_sampled_cuts_leave_out_each_rows_score_with_itself():
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((50, 64)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    # Self-pairs are 2% of all pairs: counted, they would make the 99th percentile 1.0.
    very_close = sampled_cuts(vectors)[0][0]
    assert 0 < very_close < 0.9


def person(pid: str, challenge: str) -> Person:
    return Person(pid, pid.upper(), f"org-{pid}", "SI", ("digital",), 2, challenge=challenge)


def test_tandem_reasons_say_how_close_in_words_not_numbers():
    people = [
        person("a", "Raising membership fees."),
        person("b", "Our fee reform."),
        person("c", "Tourism festival logistics."),
    ]
    rng = np.random.default_rng(0)
    challenge = rng.standard_normal((3, 8)).astype(np.float32)
    challenge[1] = challenge[0] + 0.01  # a and b are the closest pair of the cohort
    challenge /= np.linalg.norm(challenge, axis=1, keepdims=True)
    vectors = PeopleVectors(challenge, challenge.copy(), challenge.copy())
    line = Explainer(people, vectors).pair(0, 1)[0]
    assert line.startswith("Shared challenge (very close):")
    assert not re.search(r"\d\.\d", line)
