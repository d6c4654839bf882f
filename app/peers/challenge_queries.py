"""Suggestions on a challenge: peers who faced something similar (solved ones of past editions too)
and peers whose expertise could help, each with reasons from matching/."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from sqlalchemy import select

from app.challenges.visibility import listed_for
from app.extensions import db
from app.models import Challenge, StoredVector, User
from app.peers.queries import PeerCard, cards_for, unsuggestible_user_ids
from app.services import embedding, matching
from matching.people import Person
from matching.recommendations.reasons import Explainer

SUGGESTIONS = 4


@dataclass
class SimilarChallenge:
    """A peer's challenge close to this one, and the peer's card."""

    challenge: Challenge
    card: PeerCard


def challenge_vector(challenge: Challenge) -> tuple[np.ndarray | None, bool]:
    """(the challenge's stored vector, whether vector rows were written and need a commit).

    A challenge without one is embedded at once when this process's model has loaded (a short
    text takes a fraction of a second). While the model is still loading after a start, the page
    does not wait for it: the text is left to the embedding job and the suggestions say they are
    coming (None). None too when embedding is off.
    """
    row = _stored(challenge.id)
    if row is not None and row.vector is not None:
        return row.array, False
    texts = embedding.challenge_texts(challenge)
    if _embedded_in_background() and not embedding.model_ready():
        return None, bool(embedding.mark_stale("challenge", challenge.id, texts))
    embedding.embed_now("challenge", challenge.id, texts)
    row = _stored(challenge.id)
    return (row.array, True) if row is not None and row.vector is not None else (None, False)


def _embedded_in_background() -> bool:
    """Whether a job (a thread of this process, or RQ) embeds stale texts after the commit."""
    return embedding.setting("EMBEDDING_BACKEND", "thread") in ("thread", "rq")


def _stored(challenge_id: int) -> StoredVector | None:
    return db.session.scalar(
        select(StoredVector).where(
            StoredVector.owner_kind == "challenge", StoredVector.owner_id == challenge_id
        )
    )


def challenge_suggestions(challenge: Challenge, viewer: User) -> dict[str, list]:
    """{"similar": [SimilarChallenge], "helpers": [PeerCard], "pending", "embedded_now"} as `viewer` may see them.

    "pending": no vector yet (the model is loading, or embedding is off), and "ask_again" when a
    job will embed it soon (the fragment then asks again); "embedded_now": vector rows were
    written, so the request commits (which also starts the embedding job).
    """
    vector, embedded_now = challenge_vector(challenge)
    if vector is None:
        return {
            "similar": [],
            "helpers": [],
            "pending": True,
            "embedded_now": embedded_now,
            "ask_again": _embedded_in_background(),
        }
    excluded = unsuggestible_user_ids(viewer) | {challenge.author_id or 0}
    similar = matching.similar_challenges(
        vector, skip_challenge=challenge.id, excluded_authors=excluded, k=SUGGESTIONS * 2
    )
    helpers = matching.helpers_for_text(
        vector, text=embedding.challenge_texts(challenge)["text"], excluded=excluded, k=SUGGESTIONS
    )
    asker = _asker(challenge)  # read once, shared by both lists
    return {
        "similar": _similar(challenge, viewer, asker, similar),
        "helpers": _helpers(challenge, viewer, asker, helpers),
        "pending": False,
        "embedded_now": embedded_now,
    }


def _similar(
    challenge: Challenge, viewer: User, asker: Person, found: list[tuple[int, float]]
) -> list[SimilarChallenge]:
    """Load the similar challenges with reasons; challenges of any edition and year count (the community's
    memory), while their authors were already limited to profiles the viewer may see."""
    readable = select(Challenge).where(
        Challenge.id.in_([cid for cid, _ in found]), listed_for(viewer)
    )
    by_id = {c.id: c for c in db.session.scalars(readable)}
    kept = [(by_id[cid], score) for cid, score in found if cid in by_id][:SUGGESTIONS]
    if not kept:
        return []
    people = _people(
        asker, [c.author_id for c, _ in kept], [challenge] + [c for c, _ in kept], field="challenge"
    )
    explainer = Explainer(people, phrases=matching.peer_snapshot().phrases)
    cards = cards_for(
        viewer,
        [
            (c.author_id, score, _reasons(explainer, i, "similar", c))
            for i, (c, score) in enumerate(kept, 1)
        ],
    )
    _say_closeness(cards, matching.challenge_closeness_cuts(matching.peer_snapshot()))
    card_of = {card.profile.user_id: card for card in cards}
    return [SimilarChallenge(c, card_of[c.author_id]) for c, _ in kept if c.author_id in card_of]


def _say_closeness(cards: list[PeerCard], cuts: list[tuple[float, str]]) -> list[PeerCard]:
    """Each card's score in words ("Very close", "Close", "Related"), never as a number."""
    for card in cards:
        card.closeness = matching.closeness_word(card.score, cuts)
    return cards


def _reasons(
    explainer: Explainer, position: int, mode: str, other: Challenge | None = None
) -> list[str]:
    """matching's reasons, led by the fact that the peer already solved it, when they did."""
    lines = explainer.recommendation(0, position, mode)
    if other is not None and other.is_solved:
        when = f" in {other.solved_at:%Y}" if other.solved_at else ""
        lines.insert(0, f"They solved a similar challenge{when}: “{other.title}”")
    return lines


def _helpers(
    challenge: Challenge, viewer: User, asker: Person, found: list[tuple[int, float]]
) -> list[PeerCard]:
    """Peers whose expertise is closest to the challenge, with "their expertise meets your needs" reasons."""
    if not found:
        return []
    people = _people(asker, [uid for uid, _ in found], [challenge], field="needs")
    snapshot = matching.peer_snapshot()
    explainer = Explainer(people, phrases=snapshot.phrases)
    cards = cards_for(
        viewer,
        [
            (uid, score, explainer.recommendation(0, i, "helpers"))
            for i, (uid, score) in enumerate(found, 1)
        ],
    )
    return _say_closeness(cards, matching.closeness_cuts(snapshot, "helpers"))


def _asker(challenge: Challenge) -> Person:
    """The challenge's author as the explainer sees them (a placeholder for a former member)."""
    if not challenge.author_id:
        return matching.placeholder_person(None, "Former member")
    return matching.people_for([challenge.author_id])[0]


def _people(
    asker: Person, others: list[int], challenges: list[Challenge], *, field: str
) -> list[Person]:
    """People for the explainer: the asker's `field` holds the challenge's text; with field="challenge"
    each other person's challenge text is their similar challenge (same order), else their profile."""
    asker_person = replace(asker, **{field: _text(challenges[0])})
    known = matching.people_for(list(others), challenge_texts={})
    if field == "challenge":  # challenge against challenge: the about texts stay out of it
        asker_person = replace(asker_person, about="")
        known = [
            replace(p, challenge=_text(c), about="")
            for p, c in zip(known, challenges[1:], strict=True)
        ]
    return [asker_person] + known


def _text(challenge: Challenge) -> str:
    return f"{challenge.title}. {challenge.body}"
