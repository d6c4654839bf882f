"""The per-process PeerIndex behind app/services/matching.py: built once, then refreshed in place.

A request checks a fingerprint of the stored vectors (three indexed aggregates). When it moved,
only the vector rows touched since the last look are read and written into the index with
`PeerIndex.update` (a profile edit, a new challenge, a finished embedding batch); a new profile or
a large change (a whole `flask embed`) rebuilds it. Visibility is never baked in: callers exclude
user ids per request.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from flask import current_app, has_request_context, request
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Challenge, Profile, ProfileEcosystem, StoredVector
from app.reference import maturity_rank
from app.services import embedding
from matching.recommendations.index import PeerIndex
from matching.recommendations.relevance import Relevance
from matching.text.embedder import DIMENSIONS
from matching.text.phrases import PhraseIndex
from matching.text.vectors import PeopleVectors, normalise_rows

#: How many of a person's latest challenges shape their "challenge" vector, beside their about text.
CHALLENGES_PER_PERSON = 3
#: Rows stamped a little before the last look are read again: another process's transaction may
#: have stamped them earlier and committed later.
REFRESH_MARGIN = timedelta(minutes=5)
#: Past this many changed rows a rebuild is cheaper than row-by-row updates...
FULL_REBUILD_ROWS = 2000
#: ...but during a bulk `flask embed` a process rebuilds at most this often and serves the last index meanwhile.
MIN_SECONDS_BETWEEN_REBUILDS = 60.0
_lock = threading.Lock()


@dataclass
class PeerSnapshot:
    """A PeerIndex over every profile, the maps to read it, and every challenge's vector."""

    index: PeerIndex
    user_ids: np.ndarray
    row_of: dict[int, int]  # user id → row
    row_of_profile: dict[int, int]  # profile id → row
    about: np.ndarray
    challenge_ids: np.ndarray
    challenge_authors: np.ndarray
    challenge_matrix: np.ndarray
    fingerprint: tuple
    built_at: float = 0.0
    #: Centring and the lexical model, fitted on the community's texts at each rebuild; rows
    #: refreshed in place are fused with it (matching/recommendations/relevance.py).
    relevance: Relevance | None = None
    #: How many of the community's texts use each word and phrase, for reasons (counted at each rebuild).
    phrases: PhraseIndex | None = None

    def fuse(self, vectors: np.ndarray, texts: list[str]) -> np.ndarray:
        """Embeddings and their texts as the index's fused rows."""
        return self.relevance.fuse(np.atleast_2d(vectors), texts)


def fingerprint() -> tuple:
    """Moves whenever a vector row is added, touched or freshly embedded (indexed aggregates only)."""
    latest = db.session.scalar(select(func.max(StoredVector.updated_at)))
    newest = db.session.scalar(select(func.max(StoredVector.id)))
    stale = db.session.scalar(
        select(func.count(StoredVector.id)).where(StoredVector.stale.is_(True))
    )
    return (latest, newest, stale)


def peer_snapshot() -> PeerSnapshot:
    """This process's snapshot, refreshed only if the stored vectors changed since the last look.

    Looked at once per request (kept on the request), so a page asking twice pays the fingerprint once.
    """
    if not has_request_context():
        return _current_snapshot()
    if not hasattr(request, "peer_snapshot"):
        request.peer_snapshot = _current_snapshot()
    return request.peer_snapshot


def _current_snapshot() -> PeerSnapshot:
    current = fingerprint()
    snapshot = current_app.extensions.get("peer_snapshot")
    if snapshot is not None and snapshot.fingerprint == current:
        return snapshot
    with _lock:
        snapshot = current_app.extensions.get("peer_snapshot")
        if snapshot is None:
            embedding.resume_stale(current_app._get_current_object())
        if snapshot is None or not refresh_snapshot(snapshot, current):
            snapshot = build_snapshot(current)
        current_app.extensions["peer_snapshot"] = snapshot
    return snapshot


def _recently_built(snapshot: PeerSnapshot) -> bool:
    """Serve the current index a little longer instead of rebuilding again (its fingerprint stays old)."""
    return time.monotonic() - snapshot.built_at < MIN_SECONDS_BETWEEN_REBUILDS


def build_snapshot(stamp: tuple = ()) -> PeerSnapshot:
    """Read every profile and stored vector into a PeerIndex (seconds at 10,000 profiles, once)."""
    profiles = db.session.execute(
        select(
            Profile.id,
            Profile.user_id,
            Profile.organisation,
            Profile.country,
            Profile.maturity,
            Profile.about,
            Profile.expertise,
            Profile.needs,
        ).order_by(Profile.id)
    ).all()
    row_of_profile = {p.id: row for row, p in enumerate(profiles)}
    matrices = {
        name: np.zeros((len(profiles), DIMENSIONS), np.float32)
        for name in ("expertise", "needs", "about")
    }
    for owner_id, field, vector in _stored_vectors("profile"):
        if owner_id in row_of_profile and field in matrices:
            matrices[field][row_of_profile[owner_id]] = np.frombuffer(vector, np.float32)
    ecosystems = defaultdict(list)
    for profile_id, slug in db.session.execute(
        select(ProfileEcosystem.profile_id, ProfileEcosystem.ecosystem).order_by(
            ProfileEcosystem.position
        )
    ):
        ecosystems[profile_id].append(slug)
    challenge_ids, challenge_authors, challenge_matrix = _challenge_vectors()
    row_of = {p.user_id: row for row, p in enumerate(profiles)}
    person_challenge = _person_challenge_matrix(
        matrices["about"], challenge_authors, challenge_matrix, row_of
    )
    texts = {
        name: [getattr(p, name) or "" for p in profiles] for name in ("about", "expertise", "needs")
    }
    challenge_texts = _challenge_texts(challenge_ids)
    relevance = Relevance.fit(
        texts["about"] + texts["expertise"] + texts["needs"] + challenge_texts,
        np.vstack([matrices["about"], matrices["expertise"], matrices["needs"], challenge_matrix]),
    )
    person_texts = _person_challenge_texts(
        texts["about"], challenge_authors, challenge_texts, row_of
    )
    index = PeerIndex(
        PeopleVectors(
            relevance.fuse(person_challenge, person_texts),
            relevance.fuse(matrices["expertise"], texts["expertise"]),
            relevance.fuse(matrices["needs"], texts["needs"]),
        ),
        countries=[p.country for p in profiles],
        ecosystems=[ecosystems[p.id] for p in profiles],
        organisations=[_organisation_key(p.organisation, p.user_id) for p in profiles],
        maturity=[max(maturity_rank(p.maturity), 1) for p in profiles],
        ids=[str(p.user_id) for p in profiles],
    )
    user_ids = np.array([p.user_id for p in profiles], dtype=np.int64)
    return PeerSnapshot(
        index,
        user_ids,
        row_of,
        row_of_profile,
        matrices["about"],
        challenge_ids,
        challenge_authors,
        challenge_matrix,
        stamp,
        time.monotonic(),
        relevance,
        PhraseIndex(texts["about"] + texts["expertise"] + texts["needs"] + challenge_texts),
    )


def refresh_snapshot(snapshot: PeerSnapshot, stamp: tuple) -> bool:
    """Write the rows changed since the last look into the index; False when a rebuild is needed."""
    latest, newest, _ = snapshot.fingerprint
    if latest is None:
        return False
    changed = db.session.execute(
        select(StoredVector.owner_kind, StoredVector.owner_id)
        .where(
            or_(StoredVector.updated_at >= latest - REFRESH_MARGIN, StoredVector.id > (newest or 0))
        )
        .distinct()
        .limit(FULL_REBUILD_ROWS + 1)
    ).all()
    profile_ids = {owner_id for kind, owner_id in changed if kind == "profile"}
    challenge_ids = {owner_id for kind, owner_id in changed if kind == "challenge"}
    if not profile_ids <= set(snapshot.row_of_profile):
        return False  # someone new: rebuild now, so they can be found at once
    if len(changed) > FULL_REBUILD_ROWS:
        return _recently_built(snapshot)  # a bulk re-embedding: rebuild, but not on every batch
    authors = _update_challenges(snapshot, challenge_ids)
    authors |= _update_profiles(snapshot, profile_ids)
    _update_person_challenges(snapshot, authors)
    snapshot.fingerprint = stamp
    return True


def _update_profiles(snapshot: PeerSnapshot, profile_ids: set[int]) -> set[int]:
    """Re-read these profiles' metadata and vectors into their rows; returns their user ids."""
    if not profile_ids:
        return set()
    vectors = defaultdict(dict)
    for owner_id, field, vector in _stored_vectors("profile", owner_ids=profile_ids):
        vectors[owner_id][field] = np.frombuffer(vector, np.float32)
    query = (
        select(Profile)
        .where(Profile.id.in_(profile_ids))
        .options(selectinload(Profile.ecosystem_links))
    )
    profiles = list(db.session.scalars(query))
    zero = np.zeros(DIMENSIONS, np.float32)
    fused = _fuse_profile_fields(snapshot, profiles, vectors)
    for i, profile in enumerate(profiles):
        row = snapshot.row_of_profile[profile.id]
        snapshot.about[row] = vectors[profile.id].get("about", zero)
        snapshot.index.update(
            row,
            expertise=fused["expertise"][i],
            needs=fused["needs"][i],
            country=profile.country,
            ecosystems=profile.ecosystems,
            organisation=_organisation_key(profile.organisation, profile.user_id),
            maturity=max(maturity_rank(profile.maturity), 1),
        )
    return {int(snapshot.user_ids[snapshot.row_of_profile[pid]]) for pid in profile_ids}


def _fuse_profile_fields(
    snapshot: PeerSnapshot, profiles: list[Profile], vectors: dict[int, dict[str, np.ndarray]]
) -> dict[str, np.ndarray]:
    """The fused expertise and needs rows of these profiles, one fuse call per field.

    The lexical model costs ~15 ms a call whatever the batch, and the first refresh after a
    `flask embed` re-reads every profile stamped within REFRESH_MARGIN: one call per profile
    made the first suggestions after a start take seconds.
    """
    zero = np.zeros(DIMENSIONS, np.float32)
    return {
        field: snapshot.fuse(
            np.stack([vectors[p.id].get(field, zero) for p in profiles] or [zero]),
            [getattr(p, field) or "" for p in profiles] or [""],
        )
        for field in ("expertise", "needs")
    }


def _update_challenges(snapshot: PeerSnapshot, challenge_ids: set[int]) -> set[int]:
    """Replace or append these challenges' vectors; returns their authors' user ids."""
    if not challenge_ids:
        return set()
    ids, authors, matrix = _challenge_vectors(challenge_ids)
    position = {cid: i for i, cid in enumerate(snapshot.challenge_ids.tolist())}
    new = [i for i, cid in enumerate(ids.tolist()) if cid not in position]
    for i, cid in enumerate(ids.tolist()):
        if cid in position:
            snapshot.challenge_matrix[position[cid]] = matrix[i]
            snapshot.challenge_authors[position[cid]] = authors[i]
    if new:
        snapshot.challenge_ids = np.concatenate([snapshot.challenge_ids, ids[new]])
        snapshot.challenge_authors = np.concatenate([snapshot.challenge_authors, authors[new]])
        snapshot.challenge_matrix = np.vstack([snapshot.challenge_matrix, matrix[new]])
    return set(authors.tolist()) - {0}


def _update_person_challenges(snapshot: PeerSnapshot, user_ids: set[int]) -> None:
    """Recompute the "challenge" vector (about + latest challenges) of these people."""
    rows = {uid: snapshot.row_of[uid] for uid in user_ids if uid in snapshot.row_of}
    if not rows:
        return
    ids, authors, matrix = _challenge_vectors(author_ids=set(rows))
    position = {uid: i for i, uid in enumerate(rows)}
    combined = _person_challenge_matrix(
        snapshot.about[list(rows.values())], authors, matrix, position
    )
    about = dict(
        db.session.execute(
            select(Profile.user_id, Profile.about).where(Profile.user_id.in_(rows))
        ).all()
    )
    texts = _person_challenge_texts(
        [about.get(uid) or "" for uid in rows], authors, _challenge_texts(ids), position
    )
    fused = snapshot.fuse(combined, texts)
    for i, row in enumerate(rows.values()):
        snapshot.index.update(row, challenge=fused[i])


def _organisation_key(organisation: str, user_id: int) -> str:
    """Colleagues are never suggested; an empty organisation must not make strangers colleagues."""
    return organisation.strip().lower() or f"user-{user_id}"


def _stored_vectors(
    kind: str, *, owner_ids: Iterable[int] | None = None
) -> list[tuple[int, str, bytes]]:
    """(owner id, field, float32 bytes) of embedded vectors of one owner kind (stale ones included)."""
    query = select(StoredVector.owner_id, StoredVector.field, StoredVector.vector).where(
        StoredVector.owner_kind == kind, StoredVector.vector.is_not(None)
    )
    if owner_ids is not None:
        query = query.where(StoredVector.owner_id.in_(owner_ids))
    return db.session.execute(query).all()


def _challenge_vectors(
    challenge_ids: set[int] | None = None, *, author_ids: set[int] | None = None
):
    """Ids, author ids (0 for former members) and unit vectors of embedded challenges, newest first."""
    query = (
        select(Challenge.id, Challenge.author_id, StoredVector.vector)
        .join(
            StoredVector,
            (StoredVector.owner_id == Challenge.id) & (StoredVector.owner_kind == "challenge"),
        )
        .where(StoredVector.vector.is_not(None))
        .order_by(Challenge.created_at.desc(), Challenge.id.desc())
    )
    if challenge_ids is not None:
        query = query.where(Challenge.id.in_(challenge_ids))
    if author_ids is not None:
        query = query.where(Challenge.author_id.in_(author_ids))
    rows = db.session.execute(query).all()
    matrix = np.zeros((len(rows), DIMENSIONS), np.float32)
    for i, row in enumerate(rows):
        matrix[i] = np.frombuffer(row.vector, np.float32)
    ids = np.array([r.id for r in rows], dtype=np.int64)
    authors = np.array([r.author_id or 0 for r in rows], dtype=np.int64)
    return ids, authors, normalise_rows(matrix)


def _challenge_texts(challenge_ids: np.ndarray) -> list[str]:
    """The embedded text (title and body) of each of these challenges, in the same order."""
    found = {}
    ids = [int(cid) for cid in challenge_ids]
    for start in range(0, len(ids), 900):  # stay under SQLite's bound-parameter limit
        query = select(Challenge.id, Challenge.title, Challenge.body).where(
            Challenge.id.in_(ids[start : start + 900])
        )
        found.update((cid, f"{title}\n\n{body}") for cid, title, body in db.session.execute(query))
    return [found.get(cid, "") for cid in ids]


def _person_challenge_texts(
    about: list[str], authors: np.ndarray, challenge_texts: list[str], row_of
) -> list[str]:
    """A person's "challenge" text: their about text plus their latest challenges (as the vector)."""
    combined = [[text] if text else [] for text in about]
    for position, author in enumerate(authors.tolist()):
        row = row_of.get(author)
        if row is not None and len(combined[row]) - bool(about[row]) < CHALLENGES_PER_PERSON:
            combined[row].append(challenge_texts[position])
    return ["\n\n".join(parts) for parts in combined]


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
