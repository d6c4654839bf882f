"""Peer recommendations: for each person, the k people most worth meeting, with reasons.

    recs = recommend(people, k=10, vectors=embed_people(people, Embedder()), mode="helpers")
    recs["p7"][0].reasons  # ['Their expertise meets your needs: both mention “interreg”', …]

The score and its weights live in `matching.recommendations.scoring`; the search in `matching.recommendations.index`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field

from matching.people import InputError, Person
from matching.recommendations.index import DEFAULT_WEIGHTS, PeerIndex
from matching.recommendations.reasons import Explainer
from matching.recommendations.relevance import fused_people_vectors
from matching.recommendations.scoring import RecommendWeights, check_mode
from matching.text.vectors import PeopleVectors


@dataclass(frozen=True)
class Recommendation:
    """One suggested peer: who, how strongly, and why."""

    id: str
    score: float
    reasons: list[str] = field(default_factory=list)
    name: str = ""

    def to_dict(self) -> dict:
        """Plain JSON-ready dict."""
        return asdict(self)


def recommend(
    people: Sequence[Person],
    k: int = 10,
    *,
    vectors: PeopleVectors,
    mode: str = "similar",
    weights: RecommendWeights = DEFAULT_WEIGHTS,
    for_ids: Iterable[str] | None = None,
    exclude: Mapping[str, Iterable[str]] | None = None,
    explain: bool = True,
) -> dict[str, list[Recommendation]]:
    """Top-k peers for everyone (or `for_ids`), never self, a colleague, or someone already met.

    `score` is the relevance (fused text closeness, times the topic weight); country, ecosystem
    and maturity only re-order peers of comparable relevance (matching/recommendations/mmr.py).
    """
    check_mode(mode)
    if len(vectors) != len(people):
        raise ValueError(f"vectors has {len(vectors)} rows for {len(people)} people")
    if k < 1:
        raise InputError("must be at least 1", field="k")
    # Relevance fuses the embeddings with the words of these people's texts (relevance.py).
    index = PeerIndex.from_people(people, fused_people_vectors(people, vectors))
    _add_exclusions(index, exclude or {})
    rows = _rows_for(people, for_ids)
    found, scores = index.top_k_all(k, mode=mode, weights=weights, rows=rows)
    explainer = Explainer(people, vectors) if explain else None
    result = {}
    for row, peers, peer_scores in zip(rows, found, scores, strict=True):
        result[people[row].id] = [
            Recommendation(
                id=people[j].id,
                score=round(float(score), 4),
                reasons=explainer.recommendation(row, j, mode) if explainer else [],
                name=people[j].name,
            )
            for j, score in zip(peers.tolist(), peer_scores.tolist(), strict=True)
            if j >= 0
        ]
    return result


def _rows_for(people: Sequence[Person], for_ids: Iterable[str] | None) -> list[int]:
    """Row numbers of the people to recommend for (everyone by default)."""
    if for_ids is None:
        return list(range(len(people)))
    for_ids = list(for_ids)  # may be a generator; it is read twice
    row = {p.id: i for i, p in enumerate(people)}
    missing = [pid for pid in for_ids if pid not in row]
    if missing:
        raise InputError(f"unknown id {missing[0]!r}", field="for_ids")
    return [row[pid] for pid in for_ids]


def _add_exclusions(index: PeerIndex, exclude: Mapping[str, Iterable[str]]) -> None:
    """Treat extra exclusions (declined, blocked) like people already met."""
    row = {pid: i for i, pid in enumerate(index.ids)}
    for pid, others in exclude.items():
        if pid in row:
            index.met[row[pid]] |= {row[o] for o in others if o in row}
