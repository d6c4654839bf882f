"""TextLibrary: rank stored texts by closeness to a query, with reasons in words."""

from __future__ import annotations

import numpy as np
import pytest

from matching import TextLibrary, closeness_words, shared_phrases


@pytest.fixture
def library():
    """Three texts on two axes: 10 and 11 point along x, 12 along y."""
    return TextLibrary([10, 11, 12], np.array([[2.0, 0.0], [0.8, 0.6], [0.0, 5.0]]))


def test_the_closest_texts_come_first_with_their_cosine(library):
    found = library.search(np.array([1.0, 0.0]), k=3)
    assert [key for key, _ in found] == [10, 11, 12]
    assert [round(score, 3) for _, score in found] == [1.0, 0.8, 0.0]


def test_k_limits_the_answer_and_the_query_length_does_not_matter(library):
    assert library.search(np.array([0.0, 7.0]), k=1) == [(12, pytest.approx(1.0))]


def test_skipped_keys_and_texts_below_the_minimum_are_left_out(library):
    found = library.search(np.array([1.0, 0.0]), k=3, skip=[10], min_score=0.5)
    assert [key for key, _ in found] == [11]


def test_ties_keep_library_order():
    tied = TextLibrary([5, 3, 4], np.ones((3, 2)))
    assert [key for key, _ in tied.search(np.array([1.0, 1.0]), k=2)] == [5, 3]


@pytest.mark.parametrize(
    "vector", [np.zeros(2), np.array([1.0, 0.0, 0.0])], ids=["zero", "other size"]
)
def test_a_query_that_cannot_be_compared_finds_nothing(library, vector):
    assert library.search(vector, k=3) == []


def test_an_empty_library_finds_nothing():
    assert TextLibrary([], np.zeros((0, 0))).search(np.array([1.0]), k=5) == []


def test_keys_and_vectors_must_line_up():
    with pytest.raises(ValueError, match="one vector per key"):
        TextLibrary([1, 2], np.ones((3, 2)))


@pytest.mark.parametrize(
    ("score", "words"),
    [(0.9, "very close"), (0.6, "very close"), (0.45, "close"), (0.2, "related")],
)
def test_closeness_is_said_in_words(score, words):
    assert closeness_words(score) == words


def test_shared_phrases_name_what_query_and_text_have_in_common():
    query = "Our membership fees scare away small companies."
    texts = [
        "Tiered membership fees: small companies pay a third.",
        "A hydrogen valley roadmap workshop.",
    ]
    fees, hydrogen = shared_phrases(query, texts)
    assert "membership fees" in fees
    assert hydrogen == []
