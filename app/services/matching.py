"""The one adapter between database rows and matching/: Person records, recommendations, reasons.

Every Person made from a user has the id "u<user id>" (`person_id`), whether it comes from a profile
or stands in for someone without one (`placeholder_person`); `name_people` turns the matcher's
messages about ids back into people's names.

The per-process PeerIndex it queries lives in app/services/peer_index.py: built once per process
from the vectors stored in the database and refreshed in place when they change, never per
request. Visibility and the page's filters are not baked into the index: callers pass the user ids
the viewer must not be shown.

Practices ("practices like my challenge", "like this") rank the same way: the per-process
matching.TextLibrary of stored practice vectors lives in app/services/practice_index.py, and
`practices_near` / `practice_reasons` are the only doors to it.
"""

from __future__ import annotations

import re
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
from app.services.practice_index import practice_index
from matching.people import Person
from matching.recommendations.closeness import (
    SAMPLE_ROWS,
    Cuts,
    closeness_word,
    sampled_cuts,
)
from matching.recommendations.closeness import closeness_cuts as cuts_from_scores
from matching.recommendations.reasons import Explainer
from matching.recommendations.scoring import RecommendWeights
from matching.search import MIN_SIMILARITY, shared_phrases
from matching.search import closeness_words as practice_closeness
from matching.text.vectors import PeopleVectors, normalise_rows

__all__ = [
    "DIVERSITY_FIRST",
    "RELEVANCE_FIRST",
    "Match",
    "challenge_closeness_cuts",
    "closeness_cuts",
    "closeness_word",
    "PeerSnapshot",
    "build_snapshot",
    "fingerprint",
    "peer_snapshot",
    "recommend_for",
    "helpers_for_text",
    "similar_challenges",
    "explain",
    "people_for",
    "person_from_profile",
    "profiles_of",
    "person_id",
    "user_id_of",
    "placeholder_person",
    "person_for_user",
    "people_from_users",
    "name_people",
    "stored_challenge_vectors",
    "practices_near",
    "practice_reasons",
]

_PERSON_ID = re.compile(r"'?\bu(\d+)\b'?")
# The matcher counts rounds and groups from 0; coaches count from 1 ("Group 1", "Round 1").
_ZERO_BASED = re.compile(r"\b(round|group) (\d+)\b")


#: "Similar challenges" and "Can help me": the closest texts first; country, ecosystem and stage
#: only re-order peers of comparable relevance, so a peer of one's own ecosystem can lead.
RELEVANCE_FIRST = RecommendWeights()
#: "Surprise me": one band of all candidates, so other countries and ecosystems lead.
DIVERSITY_FIRST = RecommendWeights(band=1.0)


@dataclass
class Match:
    """One suggested user id with its score, the score in words, and the reasons matching/ gives."""

    user_id: int
    score: float
    reasons: list[str]
    closeness: str = ""


def closeness_cuts(snapshot: PeerSnapshot, mode: str) -> Cuts:
    """Thresholds of "Very close" and "Close" for a mode, from a fixed sample of the community's own
    scores (matching/recommendations/closeness.py); computed once per index and mode."""
    cache = snapshot.__dict__.setdefault("closeness_cuts", {})
    if mode not in cache:
        index = snapshot.index
        rows = np.random.default_rng(0).permutation(len(index))[:SAMPLE_ROWS]
        scores = [np.delete(index.relevance(int(i), mode=mode), i) for i in rows]
        cache[mode] = cuts_from_scores(np.concatenate(scores) if len(index) > 1 else [])
    return cache[mode]


def challenge_closeness_cuts(snapshot: PeerSnapshot) -> Cuts:
    """The same thresholds for challenge-to-challenge closeness ("Similar challenges" on a challenge)."""
    cache = snapshot.__dict__.setdefault("closeness_cuts", {})
    if "challenges" not in cache:
        cache["challenges"] = sampled_cuts(snapshot.challenge_matrix)
    return cache["challenges"]


def excluded_rows(snapshot: PeerSnapshot, user_ids: Iterable[int]) -> list[int]:
    """Index rows of these user ids (ids the index does not hold are ignored)."""
    return [snapshot.row_of[uid] for uid in user_ids if uid in snapshot.row_of]


def recommend_for(
    user_id: int,
    *,
    mode: str,
    excluded: Iterable[int],
    k: int = 10,
    other_country: bool = False,
    other_ecosystems: bool = False,
    weights: RecommendWeights = RELEVANCE_FIRST,
) -> list[Match]:
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
    found = index.query(row, k, mode=mode, weights=weights, exclude=np.flatnonzero(blocked))
    return explain(snapshot, row, found, mode=mode)


def helpers_for_text(
    vector: np.ndarray, *, text: str, excluded: Iterable[int], k: int = 5
) -> list[tuple[int, float]]:
    """(user id, score) of the people whose expertise is closest to a text (its vector and words), none of `excluded`."""
    snapshot = peer_snapshot()
    rows = excluded_rows(snapshot, excluded)
    fused = snapshot.fuse(np.asarray(vector, np.float32), [text])[0]
    found = snapshot.index.query(fused, k, mode="helpers", exclude=rows)
    return [(int(snapshot.user_ids[row]), score) for row, score in found if score > 0]


def similar_challenges(
    vector: np.ndarray, *, skip_challenge: int, excluded_authors: Iterable[int], k: int = 5
) -> list[tuple[int, float]]:
    """(challenge id, similarity) of the closest challenges, one per author, none by `excluded_authors`."""
    snapshot = peer_snapshot()
    if not len(snapshot.challenge_ids):
        return []
    similarity = snapshot.challenge_matrix @ normalise_rows(np.asarray(vector, np.float32)[None])[0]
    blocked = np.fromiter(
        set(excluded_authors) | {0}, dtype=np.int64
    )  # 0: challenges of deleted members
    eligible = ~np.isin(snapshot.challenge_authors, blocked) & (
        snapshot.challenge_ids != skip_challenge
    )
    chosen, authors = [], set()
    for position in np.argsort(-np.where(eligible, similarity, -np.inf), kind="stable"):
        if not eligible[position] or len(chosen) == k:
            break
        author = int(snapshot.challenge_authors[position])
        if author not in authors:
            authors.add(author)
            chosen.append((int(snapshot.challenge_ids[position]), float(similarity[position])))
    return chosen


def explain(
    snapshot: PeerSnapshot, row: int, found: list[tuple[int, float]], *, mode: str
) -> list[Match]:
    """Reasons from matching's Explainer over the asker and the found people only (a few ms)."""
    rows = [row] + [j for j, _ in found]
    people = people_for([int(snapshot.user_ids[r]) for r in rows])
    matrices = snapshot.index.matrices
    vectors = PeopleVectors(*(matrices[name][rows] for name in ("challenge", "expertise", "needs")))
    explainer = Explainer(people, vectors, phrases=snapshot.phrases)
    cuts = closeness_cuts(snapshot, mode)
    return [
        Match(
            int(snapshot.user_ids[j]),
            score,
            explainer.recommendation(0, position, mode),
            closeness_word(score, cuts),
        )
        for position, (j, score) in enumerate(found, start=1)
    ]


def people_for(
    user_ids: list[int], *, challenge_texts: dict[int, str] | None = None
) -> list[Person]:
    """matching Person records for these users, in this order, read from their profiles."""
    profiles = profiles_of(user_ids)
    names = {uid: p.user.name for uid, p in profiles.items()}
    without_profile = [uid for uid in user_ids if uid not in profiles]
    if without_profile:
        names.update(
            db.session.execute(select(User.id, User.name).where(User.id.in_(without_profile))).all()
        )
    recent = _recent_challenge_texts(user_ids) if challenge_texts is None else challenge_texts
    return [
        person_from_profile(
            profiles[uid], names.get(uid, ""), recent.get(uid, ""), about_apart=True
        )
        if uid in profiles
        else placeholder_person(uid, names.get(uid, ""))  # no profile yet: reasons from texts only
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
        query = (
            select(Profile)
            .where(Profile.user_id.in_(missing))
            .options(selectinload(Profile.user), selectinload(Profile.ecosystem_links))
        )
        known.update((p.user_id, p) for p in db.session.scalars(query))
    return {uid: known[uid] for uid in wanted if uid in known}


def person_from_profile(
    profile: Profile, name: str, challenge_text: str = "", *, about_apart: bool = False
) -> Person:
    """One Person from a profile row (the texts the matcher reads, the facts the reasons name).

    By default `challenge` holds the about text and the challenge text together (what the groups read);
    with `about_apart` the about text is `about` and `challenge` only the challenges, so reasons can tell
    "Similar challenge" from "About your clusters".
    """
    if not about_apart:
        challenge_text = " ".join(t for t in (profile.about, challenge_text) if t)
    return Person(
        id=person_id(profile.user_id),
        name=name,
        # Compared, never shown: an empty one would make everyone without one "colleagues", whom the
        # matcher never groups together.
        organisation=profile.organisation.strip().lower() or f"user-{profile.user_id}",
        country=profile.country,
        ecosystems=tuple(profile.ecosystems),
        maturity=max(maturity_rank(profile.maturity), 1),
        about=(profile.about or "") if about_apart else "",
        challenge=challenge_text,
        expertise=profile.expertise,
        needs=profile.needs,
    )


def _recent_challenge_texts(user_ids: list[int]) -> dict[int, str]:
    """user id → the titles of their latest challenges, joined (part of their "challenge" text)."""
    texts = defaultdict(list)
    # Only public challenges: these titles can surface in reasons shown to anyone.
    query = (
        select(Challenge.author_id, Challenge.title)
        .where(Challenge.author_id.in_(user_ids), public_only())
        .order_by(Challenge.created_at.desc())
    )
    for author_id, title in db.session.execute(query):
        if len(texts[author_id]) < CHALLENGES_PER_PERSON:
            texts[author_id].append(title.rstrip(".?!") + ".")
    return {uid: " ".join(titles) for uid, titles in texts.items()}


def person_id(user_id: int) -> str:
    """The matcher id of a user: "u12"."""
    return f"u{user_id}"


def user_id_of(pid: str) -> int:
    """The user id behind a matcher id."""
    return int(str(pid).lstrip("u"))


def placeholder_person(user_id: int | None, name: str, *, challenge: str = "") -> Person:
    """Someone without a profile (or a former member, user_id None): a name and texts only, and an
    organisation of their own so nobody counts as their colleague."""
    key = user_id or 0
    return Person(
        id=person_id(key),
        name=name,
        organisation=f"user-{key}",
        country="",
        ecosystems=(),
        maturity=1,
        challenge=challenge,
    )


def person_for_user(user: User, *, challenge: str = "") -> Person:
    """A Person for one user; `challenge` is the text they bring (an application, a challenge)."""
    if user.profile is None:
        return placeholder_person(user.id, user.name, challenge=challenge)
    return person_from_profile(user.profile, user.name, challenge)


def people_from_users(users: list[User], challenges: dict[int, str] | None = None) -> list[Person]:
    """Persons for several users, each with the challenge text given for them (if any)."""
    challenges = challenges or {}
    return [person_for_user(u, challenge=challenges.get(u.id, "")) for u in users]


def name_people(message: str, users: dict[int, User]) -> str:
    """The matcher's message for people: names instead of "u12" ids, rounds and groups counted from 1."""

    def name(match: re.Match) -> str:
        user = users.get(int(match.group(1)))
        return user.name if user else match.group(0)

    message = _ZERO_BASED.sub(lambda m: f"{m.group(1)} {int(m.group(2)) + 1}", message)
    return _PERSON_ID.sub(name, message)


def stored_challenge_vectors(users: list[User]) -> tuple[np.ndarray | None, str]:
    """(challenge vectors aligned with `users`, what was used): stored vectors when all have one,
    else None, and the caller falls back to TF-IDF."""
    try:
        snapshot = peer_snapshot()
    except Exception:  # no vectors table or no embeddings yet: TF-IDF works without them
        return None, "TF-IDF on challenge texts (stored vectors unavailable)"
    rows = [snapshot.row_of.get(u.id) for u in users]
    if any(row is None for row in rows):
        return None, "TF-IDF on challenge texts (some participants have no stored vector)"
    matrix = snapshot.index.matrices["challenge"][rows]
    if not np.all(np.linalg.norm(matrix, axis=1) > 0):
        return None, "TF-IDF on challenge texts (some stored vectors are not computed yet)"
    return matrix, "stored sentence embeddings"


# Practices ------------------------------------------------------------------------------------


def practices_near(
    vector: np.ndarray, *, limit: int, skip: Iterable[int] = ()
) -> list[tuple[int, float]]:
    """(practice id, similarity) of the stored practices closest to a vector, best first, none
    below matching's MIN_SIMILARITY and none in `skip`; who may see them is the caller's rule."""
    library = practice_index().library
    return library.search(vector, k=limit, skip=skip, min_score=MIN_SIMILARITY)


def practice_reasons(query: str, found: list[tuple[str, float]]) -> list[tuple[str, list[str]]]:
    """For each found practice's (text, similarity): how close it is in words ("very close",
    "close", "related") and the key phrases it shares with the query text."""
    phrases = shared_phrases(query, [text for text, _ in found]) if query.strip() else []
    return [
        (practice_closeness(score), phrases[i] if phrases else [])
        for i, (_, score) in enumerate(found)
    ]
