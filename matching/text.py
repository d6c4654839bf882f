"""Reasons built from the people's own words: shared key terms and closest sentences.

TF-IDF (scikit-learn) is fitted once over every text of the group being matched, so a term
weighs more when few people use it: "membership fees" says more about a pair than "cluster".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from matching.people import Person

FIELDS = ("challenge", "expertise", "needs")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
# Words every profile in this domain uses: they would be "shared" by almost any pair.
DOMAIN_STOP_WORDS = {
    "cluster",
    "clusters",
    "members",
    "member",
    "need",
    "want",
    "help",
    "like",
    "work",
    "working",
}


class KeyTerms:
    """TF-IDF weights of every person's challenge, expertise and needs texts."""

    def __init__(self, people: Sequence[Person]):
        corpus = [getattr(p, name) for name in FIELDS for p in people]

        self.vectorizer = TfidfVectorizer(
            stop_words=sorted(ENGLISH_STOP_WORDS | DOMAIN_STOP_WORDS),
            ngram_range=(1, 2),
            sublinear_tf=True,
            token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z-]+\b",
        )
        n = len(people)
        try:
            matrix = self.vectorizer.fit_transform(corpus).tocsr()
        except ValueError:  # every text empty: nothing to share
            matrix = None
        self.terms = self.vectorizer.get_feature_names_out() if matrix is not None else np.array([])
        self.rows = {
            name: (matrix[k * n : (k + 1) * n] if matrix is not None else None)
            for k, name in enumerate(FIELDS)
        }

    def shared(self, field_a: str, i: int, field_b: str, j: int, *, top: int = 3) -> list[str]:
        """The highest-weighted terms that appear in both texts, a phrase hiding its own words."""
        a, b = self.rows[field_a], self.rows[field_b]
        if a is None:
            return []
        row_a, row_b = a[i], b[j]
        common, pos_a, pos_b = np.intersect1d(
            row_a.indices, row_b.indices, assume_unique=True, return_indices=True
        )
        if not len(common):
            return []
        strength = row_a.data[pos_a] * row_b.data[pos_b]
        terms = [str(t) for t in self.terms[common]]
        # A shared phrase ("membership fee") says more than its words, so its words step aside.
        covered = {word for term in terms if " " in term for word in term.split()}
        chosen = []
        for position in np.argsort(-strength, kind="stable"):
            if terms[position] not in covered and not _overlaps(terms[position], chosen):
                chosen.append(terms[position])
            if len(chosen) == top:
                break
        return chosen


def _overlaps(term: str, chosen: list[str]) -> bool:
    """Whether a term shares a word with one already chosen ("fee model" after "membership fee")."""
    words = set(term.split())
    return any(words & set(other.split()) for other in chosen)


def closest_sentences(
    text_a: str, text_b: str, vectorizer: TfidfVectorizer | None = None
) -> tuple[str, str]:
    """The sentence of each text that shares the most weighted words with the other."""
    sentences_a, sentences_b = split_sentences(text_a), split_sentences(text_b)
    if not sentences_a or not sentences_b:
        return (sentences_a or [""])[0], (sentences_b or [""])[0]
    if vectorizer is None or not hasattr(vectorizer, "vocabulary_"):
        return sentences_a[0], sentences_b[0]
    overlap = (vectorizer.transform(sentences_a) @ vectorizer.transform(sentences_b).T).toarray()
    a, b = np.unravel_index(int(np.argmax(overlap)), overlap.shape)
    return sentences_a[a], sentences_b[b]


def split_sentences(text: str) -> list[str]:
    """Non-empty sentences of a text."""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def quote(text: str, limit: int = 90) -> str:
    """The text in quotes, shortened at a word boundary to about `limit` characters."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
    return f"“{text}”"


def term_list(terms: Sequence[str]) -> str:
    """Terms quoted and joined for a reason line."""
    return ", ".join(f"“{term}”" for term in terms)
