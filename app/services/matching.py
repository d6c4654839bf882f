"""The one adapter between database rows and matching/: people, vectors, a per-process PeerIndex.

The index is built once per process from the vectors stored in the database and rebuilt only
when a cheap fingerprint (count and latest `updated_at` of vectors and profiles) changes, so a
request pays two aggregate queries, never a rebuild. Visibility and the page's filters are not
baked into the index: callers pass the set of user ids the viewer may be shown.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Challenge, Profile, ProfileEcosystem, StoredVector, User
from app.reference import maturity_rank
from app.services import embedding
from matching.embedder import DIMENSIONS
from matching.index import PeerIndex
from matching.people import Person
from matching.reasons import Explainer
from matching.vectors import PeopleVectors, normalise_rows

#: How many of a person's latest challenges shape their "challenge" vector, beside their about text.
CHALLENGES_PER_PERSON = 3
_build_lock = threading.Lock()


@dataclass
class PeerSnapshot:
    """A PeerIndex over every active profile, and the row ↔ user id maps to read it."""

    index: PeerIndex
    user_ids: np.ndarray
    row_of: dict[int, int]
    challenge_ids: np.ndarray
    challenge_authors: np.ndarray
    challenge_matrix: np.ndarray
    fingerprint: tuple


@dataclass
class Match:
    """One suggested user id with its score and the reasons matching/ gives."""

    user_id: int
    score: float
    reasons: list[str]


def fingerprint() -> tuple:
    """Changes whenever a vector row is added or touched; saving a profile touches its rows.

    Two single-aggregate queries on indexed columns (SQLite answers each from the index end).
    """
    latest = db.session.scalar(select(func.max(StoredVector.updated_at)))
    newest = db.session.scalar(select(func.max(StoredVector.id)))
    return (latest, newest)


def peer_snapshot() -> PeerSnapshot:
    """This process's snapshot, rebuilt only if the database changed since it was built."""
    current = fingerprint()
    cached = current_app.extensions.get("peer_snapshot")
    if cached is not None and cached.fingerprint == current:
        return cached
    with _build_lock:
        cached = current_app.extensions.get("peer_snapshot")
        if cached is None or cached.fingerprint != current:
            if cached is None:
                embedding.resume_stale(current_app._get_current_object())
            cached = build_snapshot(current)
            current_app.extensions["peer_snapshot"] = cached
    return cached


def build_snapshot(stamp: tuple = ()) -> PeerSnapshot:
    """Read every active profile and stored vector into a PeerIndex (seconds at most, once per change)."""
    profiles = db.session.execute(
        select(Profile.id, Profile.user_id, Profile.organisation, Profile.country, Profile.maturity)
        .order_by(Profile.id)
    ).all()
    row_of_profile = {p.id: row for row, p in enumerate(profiles)}
    matrices = {name: np.zeros((len(profiles), DIMENSIONS), np.float32) for name in ("expertise", "needs", "about")}
    for owner_id, field, vector in _stored_vectors("profile"):
        if owner_id in row_of_profile and field in matrices:
            matrices[field][row_of_profile[owner_id]] = np.frombuffer(vector, np.float32)
    ecosystems = defaultdict(list)
    for profile_id, slug in db.session.execute(select(ProfileEcosystem.profile_id, ProfileEcosystem.ecosystem).order_by(ProfileEcosystem.position)):
        ecosystems[profile_id].append(slug)
    challenge_ids, challenge_authors, challenge_matrix = _challenge_vectors()
    row_of = {p.user_id: row for row, p in enumerate(profiles)}
    person_challenge = _person_challenge_matrix(matrices["about"], challenge_authors, challenge_matrix, row_of)
    vectors = PeopleVectors(person_challenge, matrices["expertise"], matrices["needs"])
    index = PeerIndex(
        vectors,
        countries=[p.country for p in profiles],
        ecosystems=[ecosystems[p.id] for p in profiles],
        # An empty organisation must not make strangers "colleagues" (colleagues are never suggested).
        organisations=[p.organisation.strip().lower() or f"user-{p.user_id}" for p in profiles],
        maturity=[max(maturity_rank(p.maturity), 1) for p in profiles],
        ids=[str(p.user_id) for p in profiles],
    )
    user_ids = np.array([p.user_id for p in profiles], dtype=np.int64)
    return PeerSnapshot(index, user_ids, row_of, challenge_ids, challenge_authors, challenge_matrix, stamp)


def _stored_vectors(kind: str) -> Iterable[tuple[int, str, bytes]]:
    """(owner id, field, float32 bytes) of every embedded vector of one owner kind (stale ones included)."""
    return db.session.execute(
        select(StoredVector.owner_id, StoredVector.field, StoredVector.vector)
        .where(StoredVector.owner_kind == kind, StoredVector.vector.is_not(None))
    ).all()


def _challenge_vectors() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ids, author ids and unit vectors of every embedded challenge, newest first."""
    rows = db.session.execute(
        select(Challenge.id, Challenge.author_id, StoredVector.vector)
        .join(StoredVector, (StoredVector.owner_id == Challenge.id) & (StoredVector.owner_kind == "challenge"))
        .where(StoredVector.vector.is_not(None))
        .order_by(Challenge.created_at.desc(), Challenge.id.desc())
    ).all()
    matrix = np.zeros((len(rows), DIMENSIONS), np.float32)
    for i, row in enumerate(rows):
        matrix[i] = np.frombuffer(row.vector, np.float32)
    ids = np.array([r.id for r in rows], dtype=np.int64)
    authors = np.array([r.author_id or 0 for r in rows], dtype=np.int64)
    return ids, authors, normalise_rows(matrix)


def _person_challenge_matrix(about, authors, challenge_matrix, row_of) -> np.ndarray:
    """A person's "challenge" vector: their about text plus their latest challenges, averaged."""
    combined = normalise_rows(about)
    used = defaultdict(int)
    for position, author in enumerate(authors.tolist()):
        row = row_of.get(author)
        if row is not None and used[row] < CHALLENGES_PER_PERSON:
            combined[row] += challenge_matrix[position]
            used[row] += 1
    return normalise_rows(combined)


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
    profiles = {p.user_id: p for p in db.session.scalars(
        select(Profile).where(Profile.user_id.in_(user_ids)).options(selectinload(Profile.ecosystem_links)))}
    names = dict(db.session.execute(select(User.id, User.name).where(User.id.in_(user_ids))).all())
    recent = _recent_challenge_texts(user_ids) if challenge_texts is None else challenge_texts
    return [
        person_from_profile(profiles[uid], names.get(uid, ""), recent.get(uid, "")) if uid in profiles
        else Person(str(uid), names.get(uid, ""), "", "", (), 1)  # no profile yet: reasons from texts only
        for uid in user_ids
    ]


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
    query = select(Challenge.author_id, Challenge.title).where(Challenge.author_id.in_(user_ids)).order_by(Challenge.created_at.desc())
    for author_id, title in db.session.execute(query):
        if len(texts[author_id]) < CHALLENGES_PER_PERSON:
            texts[author_id].append(title.rstrip(".?!") + ".")
    return {uid: " ".join(titles) for uid, titles in texts.items()}
