"""Reasons built from the people's own words: shared key terms and characteristic sentences.

TF-IDF (scikit-learn's formula, computed in plain Python) is fitted once over every text of the
group being matched, so a term weighs more when few people use it: "membership fee" says more
about a pair than "cluster". Each text's weights are kept as a small dict, so explaining one pair
costs microseconds.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from matching.people import Person

FIELDS = ("challenge", "expertise", "needs")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
# Words nearly every profile in this domain uses: they would be "shared" by almost any pair.
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
        self.people = people
        corpus = [getattr(p, name) for name in FIELDS for p in people]
        self.terms, self.vocabulary, self._rows = tfidf_rows(corpus)
        self._key_sentences: dict[tuple[str, int], str] = {}

    def weights(self, field: str, i: int) -> dict[int, float]:
        """Term id → TF-IDF weight for one person's text."""
        return self._rows[FIELDS.index(field) * len(self.people) + i]

    def shared(self, field_a: str, i: int, field_b: str, j: int, *, top: int = 3) -> list[str]:
        """The highest-weighted terms in both texts; a shared phrase hides its own words."""
        mine, theirs = self.weights(field_a, i), self.weights(field_b, j)
        common = sorted((-mine[t] * w, self.terms[t]) for t, w in theirs.items() if t in mine)
        covered = {word for _, term in common if " " in term for word in term.split()}
        chosen: list[str] = []
        for _, term in common:
            if term not in covered and not _overlaps(term, chosen):
                chosen.append(term)
            if len(chosen) == top:
                break
        return chosen

    def key_sentence(self, field: str, i: int) -> str:
        """The sentence of a text carrying the most TF-IDF weight: what it is mostly about."""
        key = (field, i)
        if key not in self._key_sentences:
            sentences = split_sentences(getattr(self.people[i], field)) or [""]
            weights, vocabulary = self.weights(field, i), self.vocabulary
            mass = [
                sum(weights.get(vocabulary.get(t, -1), 0.0) for t in phrase_terms(s))
                for s in sentences
            ]
            self._key_sentences[key] = sentences[mass.index(max(mass))]
        return self._key_sentences[key]


def tfidf_rows(corpus: Sequence[str]) -> tuple[list[str], dict[str, int], list[dict[int, float]]]:
    """Sorted terms, term → id, and each text's {term id: weight}: scikit-learn's
    TfidfVectorizer(analyzer=phrase_terms, sublinear_tf=True) arithmetic (smoothed idf, l2 rows).

    Written out because a page explains ~13 people per request: over ~40 short texts the
    estimator's validation and sparse-matrix set-up cost ~10x the arithmetic itself.
    """
    counts = [Counter(phrase_terms(text)) for text in corpus]
    document_frequency = Counter(term for row in counts for term in row)
    terms = sorted(document_frequency)
    vocabulary = {term: index for index, term in enumerate(terms)}
    n = len(corpus)
    idf = {term: math.log((1 + n) / (1 + df)) + 1 for term, df in document_frequency.items()}
    rows = []
    for row in counts:
        weights = {vocabulary[t]: (1 + math.log(c)) * idf[t] for t, c in row.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        rows.append({t: w / norm for t, w in sorted(weights.items())} if norm else {})
    return terms, vocabulary, rows


STOP_WORDS = frozenset(ENGLISH_STOP_WORDS | DOMAIN_STOP_WORDS)
_TOKEN = re.compile(r"[a-zA-Z][a-zA-Z-]+|[^\sa-zA-Z]")


def phrase_terms(text: str) -> list[str]:
    """Content words and two-word phrases that stand side by side in the text.

    A phrase never spans a stop word or punctuation, so "organisations and companies" gives no
    "organisations companies", and "the first year. The year" gives no "year year".
    """
    terms: list[str] = []
    previous: str | None = None
    for token in _TOKEN.findall(text.lower()):
        if not token[0].isalpha() or token in STOP_WORDS:
            previous = None
            continue
        terms.append(token)
        if previous is not None and previous != token:
            terms.append(f"{previous} {token}")
        previous = token
    return terms


def _overlaps(term: str, chosen: list[str]) -> bool:
    """Whether every word of a term is already shown ("fee" after "membership fee")."""
    shown = {word for other in chosen for word in other.split()}
    return set(term.split()) <= shown


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
