"""Search a library of texts by meaning: "practices like my challenge", "practices like this".

`TextLibrary` holds one unit vector per stored text (a practice, a tool, a case) and the key of
each; `search` ranks them by cosine similarity to a query vector, best first. The reasons are
words, never scores: `closeness_words` says how close a text is, and `shared_phrases` which key
phrases the query and each found text have in common (matching/text/phrases.py's rules).

Like the rest of matching/, it takes arrays and strings and knows nothing of the web app: the
app builds a library from its stored vectors once per process and decides who may see what.

    library = TextLibrary(practice_ids, vectors)          # once, from stored vectors
    found = library.search(query_vector, k=40)            # [(practice id, similarity), ...]
    phrases = shared_phrases(query_text, found_texts)     # what each found text shares with it
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from matching.recommendations.closeness import closeness_word
from matching.text.phrases import PhraseIndex
from matching.text.vectors import normalise_rows

#: Cosine similarity of sentence embeddings (all-MiniLM-L6-v2) → words. Measured on the demo
#: practices: texts about the same problem score above about 0.6, the same theme 0.4-0.6.
CLOSENESS = ((0.6, "Very close"), (0.4, "Close"))
#: Below this a text is not offered as addressing a query at all.
MIN_SIMILARITY = 0.2


class TextLibrary:
    """Unit vectors of stored texts, row i belonging to keys[i]; ranked by `search`."""

    def __init__(self, keys: Iterable[int], vectors: np.ndarray):
        self.keys = np.fromiter(keys, dtype=np.int64)
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.size == 0:
            vectors = vectors.reshape(len(self.keys), 0)
        if vectors.ndim != 2 or len(vectors) != len(self.keys):
            raise ValueError(
                f"one vector per key: {len(self.keys)} keys, vectors of shape {vectors.shape}"
            )
        self.vectors = normalise_rows(vectors) if vectors.shape[1] else vectors

    def __len__(self) -> int:
        return len(self.keys)

    def search(
        self,
        vector: np.ndarray,
        *,
        k: int,
        skip: Iterable[int] = (),
        min_score: float = -1.0,
    ) -> list[tuple[int, float]]:
        """(key, cosine similarity) of the `k` texts closest to `vector`, best first.

        Keys in `skip` are never returned (the text the query came from), nor texts scoring
        below `min_score`; ties keep library order. A zero or mismatched vector finds nothing.
        """
        query = np.asarray(vector, dtype=np.float32).ravel()
        norm = float(np.linalg.norm(query))
        if not len(self) or k <= 0 or norm == 0.0 or query.shape[0] != self.vectors.shape[1]:
            return []
        scores = self.vectors @ (query / norm)
        skipped = np.fromiter(skip, dtype=np.int64)
        if len(skipped):
            scores[np.isin(self.keys, skipped)] = -np.inf
        k = min(k, len(scores))
        best = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        best = best[np.lexsort((best, -scores[best]))]
        return [
            (int(self.keys[i]), float(scores[i]))
            for i in best
            if np.isfinite(scores[i]) and scores[i] >= min_score
        ]


def closeness_words(score: float, cuts: Sequence[tuple[float, str]] = CLOSENESS) -> str:
    """How close a found text is, in lower-case words to sit inside a sentence: the first cut the
    score reaches, else "related" (the one wording of matching/recommendations/closeness.py)."""
    return closeness_word(score, cuts).lower()


def shared_phrases(query: str, texts: Sequence[str], *, top: int = 3) -> list[list[str]]:
    """For each text, up to `top` key phrases it shares with the query (rarest first, as the
    text words them); the query and the texts are the community the rarity is counted in."""
    phrases = PhraseIndex([query, *texts])
    return [phrases.shared(query, text, top=top) for text in texts]
