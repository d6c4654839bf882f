"""Relevance: how close two texts are, from the model's embeddings and the words they use.

Real profiles of cluster managers all talk about clusters, members, SMEs and projects, so their
sentence embeddings share one large common direction and their cosines differ by a few
hundredths. Two fixes, both fitted on the community's own texts (docs/matching.md, "Relevance"):

* **centring**: the community's mean embedding is subtracted before the cosine, so what every
  text says stops counting as likeness;
* **lexical evidence**: TF-IDF over the community's texts, reduced to `LEXICAL_DIMENSIONS` latent
  directions (LSA, scikit-learn's TruncatedSVD) and centred too, so shared specific words count.

Each text becomes one row [√s · centred embedding, √(1 − s) · LSA vector] with both parts of unit
length, s = `EMBEDDING_SHARE`. One dot product of two rows is then the fused cosine
s · cos(embeddings) + (1 − s) · cos(LSA), so PeerIndex's matrix products stay as they were, only
`LEXICAL_DIMENSIONS` columns wider. A community of `PROJECT_FROM_TEXTS` texts or more keeps only
the `SEMANTIC_DIMENSIONS` principal directions of its centred embeddings (the cosine is taken in
that subspace), so rows are 96 wide instead of 416 where speed matters.

A community too small to estimate a mean or a vocabulary (fewer than `MIN_TEXTS` texts) keeps the
plain embeddings: the lexical columns stay zero and nothing is centred.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from matching.people import Person
from matching.text.vectors import PeopleVectors, normalise_rows

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

#: Share of the fused cosine that comes from the embeddings; the rest is lexical. Chosen on the
#: real-text yardstick (docs/benchmarks.md, "Choosing the fusion").
EMBEDDING_SHARE = 0.7
#: Latent directions kept from the community's TF-IDF matrix.
LEXICAL_DIMENSIONS = 32
#: Fewer non-empty texts than this: no centring, no lexical part.
MIN_TEXTS = 20
#: Principal directions of the centred embeddings a fused row keeps in a large community (None
#: keeps all 384). 64 + 32 lexical columns make rows 96 wide instead of 416: everyone's top-10
#: and one query among 100,000 then read and multiply 4.3 times less. On the yardstick 64 ranked
#: as well as 96 or 128 (docs/matching.md, "Large communities").
SEMANTIC_DIMENSIONS: int | None = 64
#: Non-empty texts from which the projection is fitted: enough to estimate 64 directions well,
#: and the size from which speed matters. Smaller communities keep every direction.
PROJECT_FROM_TEXTS = 1000
PROJECTION_SAMPLE = 20_000
FIELDS = ("challenge", "expertise", "needs")


def field_texts(people: Sequence[Person], name: str) -> list[str]:
    """The texts behind one of the three matrices (the challenge side includes the about text)."""
    return [p.challenge_text if name == "challenge" else getattr(p, name) for p in people]


class Relevance:
    """Fitted on one community's texts and embeddings; turns (embedding, text) into a fused row."""

    def __init__(
        self,
        mean: np.ndarray | None,
        lexical: Pipeline | None = None,
        lexical_mean: np.ndarray | None = None,
        *,
        embedding_share: float = EMBEDDING_SHARE,
        dimensions: int = LEXICAL_DIMENSIONS,
        components: np.ndarray | None = None,
    ) -> None:
        self.dimensions = dimensions
        self.components = components  # d × 384 principal directions, or None: all of them
        self.mean = mean
        self.lexical = lexical  # a fitted scikit-learn Pipeline (TF-IDF, SVD), or None
        self.lexical_mean = lexical_mean
        self.embedding_share = embedding_share

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        embeddings: np.ndarray,
        *,
        embedding_share: float = EMBEDDING_SHARE,
        dimensions: int = LEXICAL_DIMENSIONS,
        centre: bool = True,
        semantic_dimensions: int | None = SEMANTIC_DIMENSIONS,
        project_from: int = PROJECT_FROM_TEXTS,
        fit_on: Sequence[int] | None = None,
    ) -> Relevance:
        """Learn the mean embedding and the LSA directions of these texts (empty ones ignored).

        With `project_from` or more texts, the centred embeddings are projected on their
        `semantic_dimensions` principal directions (fitted on the texts `fit_on`, default all).
        `embedding_share`, `dimensions`, `centre`, `project_from` and `fit_on` are there to
        compare variants (the quality benchmark's --fusion table); the product uses the defaults.
        """
        embeddings = np.asarray(embeddings, dtype=np.float32)
        keep = [i for i, text in enumerate(texts) if text.strip()]
        if len(keep) < MIN_TEXTS:
            return cls(None, embedding_share=embedding_share, dimensions=dimensions)
        mean = normalise_rows(embeddings[keep]).mean(axis=0).astype(np.float32)
        components = None
        if semantic_dimensions is not None and centre and len(keep) >= project_from:
            basis = keep if fit_on is None else sorted(set(fit_on) & set(keep))
            basis = basis[:: max(1, len(basis) // PROJECTION_SAMPLE)]  # an SVD of ≤ ~20,000 rows
            centred = normalise_rows(normalise_rows(embeddings[basis]) - mean)
            components = np.linalg.svd(centred, full_matrices=False)[2][:semantic_dimensions]
            components = np.ascontiguousarray(components, dtype=np.float32)
        lexical = (
            _lexical_model([texts[i] for i in keep], dimensions) if embedding_share < 1 else None
        )
        lexical_mean = None
        if lexical is not None:
            lexical_mean = lexical.transform([texts[i] for i in keep]).mean(axis=0)
        return cls(
            mean if centre else None,
            lexical,
            lexical_mean,
            embedding_share=embedding_share,
            dimensions=dimensions,
            components=components,
        )

    @property
    def width(self) -> int:
        """Extra columns a fused row has beyond the embedding."""
        return self.dimensions

    def fuse(self, embeddings: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """Fused unit rows for these (embedding, text) pairs; an empty text gives a zero row."""
        embeddings = np.asarray(embeddings, dtype=np.float32)
        if embeddings.ndim != 2 or len(embeddings) != len(texts):
            raise ValueError(f"{len(texts)} texts for embeddings of shape {embeddings.shape}")
        empty = ~np.any(embeddings, axis=1)
        semantic = embeddings if self.mean is None else embeddings - self.mean
        semantic = normalise_rows(semantic)
        if self.components is not None:
            semantic = normalise_rows(semantic @ self.components.T)
        lexical = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        if self.lexical is not None and len(texts):
            found = self.lexical.transform([t or "" for t in texts]) - self.lexical_mean
            lexical[:, : found.shape[1]] = found
            lexical[[not t.strip() for t in texts]] = 0.0
        lexical = normalise_rows(lexical)
        share = self.embedding_share if self.lexical is not None else 1.0
        fused = np.hstack([np.sqrt(share) * semantic, np.sqrt(1 - share) * lexical])
        fused[empty] = 0.0
        return normalise_rows(fused)

    def fuse_people(self, people: Sequence[Person], vectors: PeopleVectors) -> PeopleVectors:
        """The three fused matrices of `people` (their challenge, expertise and needs texts)."""
        return PeopleVectors(
            *(self.fuse(getattr(vectors, name), field_texts(people, name)) for name in FIELDS)
        )


def fit_people(people: Sequence[Person], vectors: PeopleVectors, **options: Any) -> Relevance:
    """A Relevance fitted on every challenge, expertise and needs text of `people`."""
    texts = [text for name in FIELDS for text in field_texts(people, name)]
    embeddings = np.vstack([getattr(vectors, name) for name in FIELDS])
    return Relevance.fit(texts, embeddings, **options)


def fused_people_vectors(people: Sequence[Person], vectors: PeopleVectors) -> PeopleVectors:
    """`vectors` made fused rows, with a Relevance fitted on these people (as `recommend` does)."""
    return fit_people(people, vectors).fuse_people(people, vectors)


def _lexical_model(texts: list[str], dimensions: int) -> Pipeline | None:
    """TF-IDF (English and domain stop words, sublinear tf) then TruncatedSVD, fitted on texts."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline

    from matching.text.tfidf import STOP_WORDS

    tfidf = TfidfVectorizer(stop_words=sorted(STOP_WORDS), sublinear_tf=True, min_df=1)
    vocabulary = tfidf.fit(texts).vocabulary_
    components = min(dimensions, len(texts) - 1, len(vocabulary) - 1)
    if components < 2:
        return None
    return make_pipeline(tfidf, TruncatedSVD(components, random_state=0)).fit(texts)
