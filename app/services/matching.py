"""The one adapter between database rows and matching/: Person records, recommendations, reasons.

The per-process PeerIndex it queries lives in app/services/peer_index.py: built once per process
from the vectors stored in the database and refreshed in place when they change, never per
request. Visibility and the page's filters are not baked into the index: callers pass the user ids
the viewer must not be shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from flask import has_request_context, request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.challenges.visibility import public_only
from app.extensions import db
from app.models import Challenge, Profile, User
from app.reference import maturity_rank
from app.services.peer_index import (
    CHALLENGES_PER_PERSON,
    PeerSnapshot,
    build_snapshot,
    fingerprint,
    peer_snapshot,
)
from matching.people import Person
from matching.reasons import Explainer
from matching.vectors import PeopleVectors, normalise_rows

__all__ = ["Match", "PeerSnapshot", "build_snapshot", "fingerprint", "peer_snapshot", "recommend_for",
           "helpers_for_text", "similar_challenges", "explain", "people_for", "person_from_profile", "profiles_of"]

@dataclass
class Match:
    """One suggested user id with its score and the reasons matching/ gives."""

    user_id: int
    score: float
    reasons: list[str]


def excluded_rows(snapshot: PeerSnapshot, user_ids: Iterable[int]) -> list[int]:
    """Index rows of these user ids (ids the index does not hold are ignored)."""
    return [snapshot.row_of[uid] for uid in user_ids if uid in snapshot.row_of]


def recommend_for(user_id: int, *, mode: str, excluded: Iterable[int], k: int = 10,
                  other_country: bool = False, other_ecosystems: bool = False) -> list[Match]:
    """The k best peers for `user_id`, never anyone in `excluded` user ids, with reasons; [] without a profile.

    `other_country` / `other_ecosystems` keep only people from another country / with no ecosystem
    in common, read from the index's own metadata (no query).
    """
    snapshot = peer_snapshot()
    row = snapshot.row_of.get(user_id)
    if row is None:
        return []
    index = snapshot.index
    blocked = np.zeros(len(index), dtype=bool)
    blocked[excluded_rows(snapshot, excluded)] = True
    if other_country:
        blocked |= index.country == index.country[row]
    if other_ecosystems:
        blocked |= (index.ecosystem_mask & index.ecosystem_mask[row]) != 0
    found = index.query(row, k, mode=mode, exclude=np.flatnonzero(blocked))
    return explain(snapshot, row, found, mode=mode)


def helpers_for_text(vector: np.ndarray, *, excluded: Iterable[int], k: int = 5) -> list[tuple[int, float]]:
    """(user id, score) of the people whose expertise is closest to a text's vector, none of `excluded`."""
    snapshot = peer_snapshot()
    rows = excluded_rows(snapshot, excluded)
    found = snapshot.index.query(np.asarray(vector, np.float32), k, mode="helpers", exclude=rows)
    return [(int(snapshot.user_ids[row]), score) for row, score in found if score > 0]


def similar_challenges(vector: np.ndarray, *, skip_challenge: int, excluded_authors: Iterable[int], k: int = 5) -> list[tuple[int, float]]:
    """(challenge id, similarity) of the closest challenges, one per author, none by `excluded_authors`."""
    snapshot = peer_snapshot()
    if not len(snapshot.challenge_ids):
        return []
    similarity = snapshot.challenge_matrix @ normalise_rows(np.asarray(vector, np.float32)[None])[0]
    blocked = np.fromiter(set(excluded_authors) | {0}, dtype=np.int64)  # 0: challenges of deleted members
    eligible = ~np.isin(snapshot.challenge_authors, blocked) & (snapshot.challenge_ids != skip_challenge)
    chosen, authors = [], set()
    for position in np.argsort(-np.where(eligible, similarity, -np.inf), kind="stable"):
        if not eligible[position] or len(chosen) == k:
            break
        author = int(snapshot.challenge_authors[position])
        if author not in authors:
            authors.add(author)
            chosen.append((int(snapshot.challenge_ids[position]), float(similarity[position])))
    return chosen


def explain(snapshot: PeerSnapshot, row: int, found: list[tuple[int, float]], *, mode: str) -> list[Match]:
    """Reasons from matching's Explainer over the asker and the found people only (a few ms)."""
    rows = [row] + [j for j, _ in found]
    people = people_for([int(snapshot.user_ids[r]) for r in rows])
    matrices = snapshot.index.matrices
    vectors = PeopleVectors(*(matrices[name][rows] for name in ("challenge", "expertise", "needs")))
    explainer = Explainer(people, vectors)
    return [
        Match(int(snapshot.user_ids[j]), score, explainer.recommendation(0, position, mode))
        for position, (j, score) in enumerate(found, start=1)
    ]


def people_for(user_ids: list[int], *, challenge_texts: dict[int, str] | None = None) -> list[Person]:
    """matching Person records for these users, in this order, read from their profiles."""
    profiles = profiles_of(user_ids)
    names = {uid: p.user.name for uid, p in profiles.items()}
    without_profile = [uid for uid in user_ids if uid not in profiles]
    if without_profile:
        names.update(db.session.execute(select(User.id, User.name).where(User.id.in_(without_profile))).all())
    recent = _recent_challenge_texts(user_ids) if challenge_texts is None else challenge_texts
    return [
        person_from_profile(profiles[uid], names.get(uid, ""), recent.get(uid, "")) if uid in profiles
        else Person(str(uid), names.get(uid, ""), "", "", (), 1)  # no profile yet: reasons from texts only
        for uid in user_ids
    ]


def profiles_of(user_ids: Iterable[int]) -> dict[int, Profile]:
    """user id → Profile with its user and ecosystems loaded, each read at most once per request.

    A page explains its suggestions (people_for) and then shows them (the cards): both need the
    same dozen profiles, so the second asks the database only for the ones not read yet.
    """
    known: dict[int, Profile] = {}
    if has_request_context():
        known = request.__dict__.setdefault("peer_profiles", {})
    wanted = list(dict.fromkeys(user_ids))
    missing = [uid for uid in wanted if uid not in known]
    if missing:
        query = (select(Profile).where(Profile.user_id.in_(missing))
                 .options(selectinload(Profile.user), selectinload(Profile.ecosystem_links)))
        known.update((p.user_id, p) for p in db.session.scalars(query))
    return {uid: known[uid] for uid in wanted if uid in known}


def person_from_profile(profile: Profile, name: str, challenge_text: str = "") -> Person:
    """One Person from a profile row (the texts the matcher reads, the facts the reasons name)."""
    return Person(
        id=str(profile.user_id),
        name=name,
        organisation=profile.organisation,
        country=profile.country,
        ecosystems=tuple(profile.ecosystems),
        maturity=max(maturity_rank(profile.maturity), 1),
        challenge=" ".join(t for t in (profile.about, challenge_text) if t),
        expertise=profile.expertise,
        needs=profile.needs,
    )


def _recent_challenge_texts(user_ids: list[int]) -> dict[int, str]:
    """user id → the titles of their latest challenges, joined (part of their "challenge" text)."""
    texts = defaultdict(list)
    # Only public challenges: these titles can surface in reasons shown to anyone.
    query = (select(Challenge.author_id, Challenge.title)
             .where(Challenge.author_id.in_(user_ids), public_only())
             .order_by(Challenge.created_at.desc()))
    for author_id, title in db.session.execute(query):
        if len(texts[author_id]) < CHALLENGES_PER_PERSON:
            texts[author_id].append(title.rstrip(".?!") + ".")
    return {uid: " ".join(titles) for uid, titles in texts.items()}
