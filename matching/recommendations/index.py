"""PeerIndex: normalised vectors and metadata held once, answering "who should I meet?" fast.

The web app keeps one per process and refreshes rows with `update` when a profile changes. One
person's query is a matrix-vector product plus cheap metadata terms; everyone's top-k at once
(`top_k_all`) is one blocked float32 GEMM, built in matching/recommendations/index_batch.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from matching.people import Person
from matching.recommendations.approx import IVFIndex
from matching.recommendations.index_batch import augmented_matrices, top_k_in_blocks
from matching.recommendations.mmr import mmr_rerank
from matching.recommendations.scoring import RecommendWeights, metadata_bonus, semantic_parts
from matching.recommendations.topk import pool_for_row
from matching.text.vectors import PeopleVectors, normalise_rows

DEFAULT_WEIGHTS = RecommendWeights()


class PeerIndex:
    """Vectors and metadata of n people, row-aligned, with exact top-k search over them."""

    def __init__(
        self,
        vectors: PeopleVectors,
        *,
        countries: Sequence[str],
        ecosystems: Sequence[Iterable[str]],
        organisations: Sequence[str],
        maturity: Sequence[int],
        met: Sequence[Iterable[int]] | None = None,
        ids: Sequence[str] | None = None,
    ):
        n = len(vectors)
        self.ids = list(ids) if ids is not None else [str(i) for i in range(n)]
        self.matrices = {
            name: getattr(vectors, name).copy() for name in ("challenge", "expertise", "needs")
        }
        self._codes: dict[str, dict[str, int]] = {
            "country": {},
            "ecosystem": {},
            "organisation": {},
        }
        self.country = np.array([self._code("country", c) for c in countries], dtype=np.int32)
        self.ecosystem_mask = np.array([self._mask(e) for e in ecosystems], dtype=np.int64)
        self.organisation = np.array(
            [self._code("organisation", o) for o in organisations], dtype=np.int32
        )
        self.maturity = np.array(maturity, dtype=np.int64)
        self.met = [set(m) for m in met] if met is not None else [set() for _ in range(n)]
        # (mode, weights) and the augmented matrices top_k_all built for them
        self._augmented: tuple[tuple[str, RecommendWeights], Any] | None = None
        self._ann: dict[str, IVFIndex] | None = (
            None  # IVF indexes, once enable_approximate is called
        )
        self._ann_candidates = 0
        self._changed_rows: set[int] = set()

    @classmethod
    def from_people(cls, people: Sequence[Person], vectors: PeopleVectors) -> PeerIndex:
        """Index people and their vectors; `met` ids become row numbers (unknown ids ignored)."""
        row = {p.id: i for i, p in enumerate(people)}
        return cls(
            vectors,
            countries=[p.country for p in people],
            ecosystems=[p.ecosystems for p in people],
            organisations=[p.organisation for p in people],
            maturity=[p.maturity for p in people],
            met=[{row[m] for m in p.met if m in row} for p in people],
            ids=[p.id for p in people],
        )

    def __len__(self) -> int:
        return len(self.ids)

    def add(
        self,
        pid: str,
        *,
        challenge: ArrayLike,
        expertise: ArrayLike,
        needs: ArrayLike,
        country: str,
        ecosystems: Iterable[str],
        organisation: str,
        maturity: int,
        met: Iterable[int] = (),
    ) -> int:
        """Append a new person (a new profile) and return their row."""
        for name, vector in (("challenge", challenge), ("expertise", expertise), ("needs", needs)):
            row = normalise_rows(np.asarray(vector, dtype=np.float32)[None, :])
            self.matrices[name] = np.vstack([self.matrices[name], row])
        self.ids.append(pid)
        self.country = np.append(self.country, self._code("country", country)).astype(np.int32)
        self.ecosystem_mask = np.append(self.ecosystem_mask, self._mask(ecosystems))
        self.organisation = np.append(
            self.organisation, self._code("organisation", organisation)
        ).astype(np.int32)
        self.maturity = np.append(self.maturity, maturity)
        self.met.append(set(met))
        self._changed(len(self.ids) - 1)
        return len(self.ids) - 1

    def update(
        self,
        i: int,
        *,
        challenge: ArrayLike | None = None,
        expertise: ArrayLike | None = None,
        needs: ArrayLike | None = None,
        country: str | None = None,
        ecosystems: Iterable[str] | None = None,
        organisation: str | None = None,
        maturity: int | None = None,
        met: Iterable[int] | None = None,
    ) -> None:
        """Replace what changed in row i (a profile edit); everything else stays."""
        for name, vector in (("challenge", challenge), ("expertise", expertise), ("needs", needs)):
            if vector is not None:
                self.matrices[name][i] = normalise_rows(np.asarray(vector)[None, :])[0]
        if country is not None:
            self.country[i] = self._code("country", country)
        if ecosystems is not None:
            self.ecosystem_mask[i] = self._mask(ecosystems)
        if organisation is not None:
            self.organisation[i] = self._code("organisation", organisation)
        if maturity is not None:
            self.maturity[i] = maturity
        if met is not None:
            self.met[i] = set(met)
        self._changed(i)

    def _changed(self, i: int) -> None:
        """Forget cached matrices; approximate search will score row i exactly from now on."""
        self._augmented = None
        if self._ann is not None:
            self._changed_rows.add(i)

    def relevance(
        self,
        i: int,
        *,
        mode: str = "similar",
        weights: RecommendWeights = DEFAULT_WEIGHTS,
        rows: np.ndarray | None = None,
    ) -> np.ndarray:
        """topic · semantic(i, j) for each of the n people, or only `rows` (no exclusions applied)."""
        # Everything stays float32 and in place: at 100,000 people each temporary costs ~0.1 ms.
        pick = slice(None) if rows is None else rows
        total = np.zeros(len(self) if rows is None else len(rows), dtype=np.float32)
        for query, key, factor in semantic_parts(mode, weights):
            vectors = self.matrices[key][pick]
            total += np.float32(weights.topic * factor) * (vectors @ self.matrices[query][i])
        return total

    def bonus(
        self, i: int | np.ndarray, rows: np.ndarray, *, mode: str, weights: RecommendWeights
    ) -> np.ndarray:
        """Country, ecosystem and maturity terms of i's score for `rows` (i may be an array of
        askers, one per row of a 2-D `rows`)."""
        i = np.asarray(i)
        if i.ndim:
            i = i[:, None]
        mine = (self.country[i], self.ecosystem_mask[i], self.maturity[i])
        theirs = (self.country[rows], self.ecosystem_mask[rows], self.maturity[rows])
        return metadata_bonus(mine, theirs, mode, weights)

    def scores(
        self,
        i: int,
        *,
        mode: str = "similar",
        weights: RecommendWeights = DEFAULT_WEIGHTS,
        rows: np.ndarray | None = None,
    ) -> np.ndarray:
        """Full score (relevance plus country, ecosystem and maturity terms) of i meeting each of
        the n people, or only `rows` (no exclusions applied)."""
        every = np.arange(len(self)) if rows is None else rows
        relevance = self.relevance(i, mode=mode, weights=weights, rows=rows)
        return relevance + self.bonus(i, every, mode=mode, weights=weights)

    def excluded(self, i: int) -> np.ndarray:
        """Rows person i must never be recommended: self, colleagues, people already met."""
        rows = np.flatnonzero(self.organisation == self.organisation[i])
        return np.concatenate(
            [rows, np.fromiter(self.met[i], dtype=np.int64, count=len(self.met[i]))]
        )

    def query(
        self,
        who: int | np.ndarray,
        k: int = 10,
        *,
        mode: str = "similar",
        weights: RecommendWeights = DEFAULT_WEIGHTS,
        exclude: Iterable[int] = (),
    ) -> list[tuple[int, float]]:
        """Top-k (row, score) for person `who`, diversified by MMR; a vector queries by topic only."""
        if isinstance(who, np.ndarray):
            return self._query_vector(who, k, mode=mode, weights=weights, exclude=exclude)
        rows = self._candidates(who, mode, weights)  # None: exact search over everyone
        relevance = self.relevance(who, mode=mode, weights=weights, rows=rows)
        blocked = np.concatenate([self.excluded(who), np.fromiter(exclude, dtype=np.int64)])
        relevance[blocked if rows is None else np.isin(rows, blocked)] = -np.inf
        pool = pool_for_row(relevance, k)
        found = pool if rows is None else rows[pool]
        order = mmr_rerank(
            relevance[pool][None],
            self.country[found][None],
            self.ecosystem_mask[found][None],
            k,
            weights.diversity,
            bonus=self.bonus(who, found, mode=mode, weights=weights)[None],
            band=weights.band,
        )[0]
        return [(int(found[p]), float(relevance[pool[p]])) for p in order if p >= 0]

    def enable_approximate(
        self,
        *,
        n_lists: int | None = None,
        n_probe: int = 16,
        candidates: int = 200,
        random_state: int = 0,
    ) -> PeerIndex:
        """Answer `query` from IVF candidates instead of every row (for very large N).

        The best `candidates` rows by topic (from `n_probe` lists) are scored exactly with every
        term; rows edited or added since are always scored too. `top_k_all` stays exact.
        """
        lists = n_lists or max(1, int(np.sqrt(len(self))))
        self._ann = {
            key: IVFIndex(lists, n_probe, random_state=random_state).fit(self.matrices[key])
            for key in ("challenge", "expertise")
        }
        self._ann_candidates = candidates
        self._changed_rows = set()
        return self

    def _candidates(self, who: int, mode: str, weights: RecommendWeights) -> np.ndarray | None:
        """Rows worth scoring exactly for person `who`, or None when the index is exact."""
        if self._ann is None:
            return None
        found = [
            self._ann[key].search(self.matrices[query][who], self._ann_candidates)[0]
            for query, key, _ in semantic_parts(mode, weights)
        ]
        changed = np.fromiter(self._changed_rows, dtype=np.int64, count=len(self._changed_rows))
        return np.unique(np.concatenate(found + [changed]))

    def top_k_all(
        self,
        k: int = 10,
        *,
        mode: str = "similar",
        weights: RecommendWeights = DEFAULT_WEIGHTS,
        rows: Sequence[int] | None = None,
        block: int | None = None,  # rows per GEMM; None sizes blocks to ~32 MB of scores
    ) -> tuple[np.ndarray, np.ndarray]:
        """Everyone's (or `rows`') top-k: (rows × k indices, -1 padded; rows × k scores, -inf padded)."""
        chosen = np.arange(len(self)) if rows is None else np.asarray(rows, dtype=np.int64)
        if self._augmented is None or self._augmented[0] != (mode, weights):
            self._augmented = ((mode, weights), augmented_matrices(self, mode, weights))
        return top_k_in_blocks(
            self, chosen, k, matrices=self._augmented[1], mode=mode, weights=weights, block=block
        )

    def _query_vector(
        self,
        vector: np.ndarray,
        k: int,
        *,
        mode: str,
        weights: RecommendWeights,
        exclude: Iterable[int],
    ) -> list[tuple[int, float]]:
        """Top-k rows by topic alone for a free vector (e.g. a search box), no diversity terms."""
        vector = normalise_rows(np.asarray(vector)[None, :])[0]
        scores = sum(
            factor * (self.matrices[key] @ vector)
            for _, key, factor in semantic_parts(mode, weights)
        )
        scores = np.asarray(scores, dtype=np.float32)
        scores[list(exclude)] = -np.inf
        pool = pool_for_row(scores, k)
        pool = pool[np.argsort(-scores[pool], kind="stable")][:k]
        return [(int(j), float(scores[j])) for j in pool if np.isfinite(scores[j])]

    def distinct(self, kind: str) -> int:
        """How many different countries, ecosystems or organisations the index has seen."""
        return len(self._codes[kind])

    def _code(self, kind: str, value: str) -> int:
        """A small integer standing for a country/ecosystem/organisation, assigned on first sight."""
        return self._codes[kind].setdefault(value, len(self._codes[kind]))

    def _mask(self, slugs: Iterable[str]) -> int:
        """Bitmask of a set of ecosystems."""
        mask = 0
        for slug in slugs:
            mask |= 1 << self._code("ecosystem", slug)
        if len(self._codes["ecosystem"]) > 63:
            raise ValueError("PeerIndex supports at most 63 distinct ecosystems")
        return mask
