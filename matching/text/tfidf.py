"""The one TF-IDF of the package: key terms for reasons, vectors and similarities for groups and coaches.

TF-IDF (scikit-learn's formula: sublinear tf, smoothed idf, l2 rows, computed in plain Python) is
fitted over every text of the group being matched, so a term weighs more when few people use it:
"membership fee" says more about a pair than "cluster". Terms are content words and two-word
phrases that stand side by side (`phrase_terms`). Each text's weights are kept as a small dict,
so explaining one pair costs microseconds; `tfidf_matrix` gives the same weights as a sparse
matrix for whole-cohort work (group topics, vectors when no embeddings are given, coach fit).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from matching.people import Person
from matching.text.sentences import split_sentences

FIELDS = ("challenge", "expertise", "needs")
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


def tfidf_matrix(texts: Sequence[str]) -> tuple[list[str], sparse.csr_matrix]:
    """Sorted terms and the texts x terms TF-IDF matrix (rows l2-normalised, empty texts zero)."""
    terms, _, rows = tfidf_rows(texts)
    indptr = np.cumsum([0] + [len(row) for row in rows])
    indices = np.fromiter((t for row in rows for t in row), dtype=np.int64, count=int(indptr[-1]))
    data = np.fromiter(
        (w for row in rows for w in row.values()), dtype=np.float64, count=int(indptr[-1])
    )
    return terms, sparse.csr_matrix((data, indices, indptr), shape=(len(texts), len(terms)))


def tfidf_vectors(
    texts: Sequence[str], *, random_state: int = 0, dense_limit: int = 2000
) -> np.ndarray:
    """Dense unit float32 TF-IDF vectors, e.g. when no embeddings are given (zeros for no words).

    More than `dense_limit` texts get a 128-dimension TruncatedSVD so the vectors stay small.
    """
    _, matrix = tfidf_matrix(texts)
    if matrix.shape[1] == 0:
        return np.zeros((len(texts), 1), dtype=np.float32)
    if len(texts) > dense_limit and matrix.shape[1] > 128:
        vectors = TruncatedSVD(128, random_state=random_state).fit_transform(matrix)
    else:
        vectors = matrix.toarray()
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


def tfidf_similarity(texts_a: Sequence[str], texts_b: Sequence[str]) -> np.ndarray:
    """len(a) x len(b) cosine similarity of TF-IDF fitted on both lists (zeros for no words)."""
    _, matrix = tfidf_matrix(list(texts_a) + list(texts_b))
    a, b = matrix[: len(texts_a)], matrix[len(texts_a) :]
    return np.asarray((a @ b.T).toarray(), dtype=np.float64)
