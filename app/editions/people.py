"""The breakout builder's view of people: Persons (via app/services/matching.py), stored vectors, names.

Person ids here are "u<user id>", so the matcher's messages ("'u12' and 'u40' must be apart …")
can be rewritten with people's names before a coach reads them.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from app.models import User
from app.services.matching import person_from_profile
from matching.people import Person

_PERSON_ID = re.compile(r"'?\bu(\d+)\b'?")
# The matcher counts rounds and groups from 0; coaches count from 1 ("Group 1", "Round 1").
_ZERO_BASED = re.compile(r"\b(round|group) (\d+)\b")


def person_id(user_id: int) -> str:
    """The matcher id of a user."""
    return f"u{user_id}"


def user_id_of(pid: str) -> int:
    """The user id behind a matcher id."""
    return int(str(pid).lstrip("u"))


def person_from_user(user: User, *, challenge: str = "") -> Person:
    """A Person for the matcher; `challenge` is the text the person brings (application or needs)."""
    if user.profile is None:
        return Person(id=person_id(user.id), name=user.name, organisation=f"user-{user.id}", country="",
                      ecosystems=(), maturity=1, challenge=challenge)
    person = person_from_profile(user.profile, user.name, challenge)
    # An empty organisation would make everyone "colleagues", whom the matcher never groups.
    organisation = person.organisation.strip().lower() or f"user-{user.id}"
    return replace(person, id=person_id(user.id), organisation=organisation)


def people_from_users(users: list[User], challenges: dict[int, str] | None = None) -> list[Person]:
    """Persons for several users, each with the challenge text given for them (if any)."""
    challenges = challenges or {}
    return [person_from_user(u, challenge=challenges.get(u.id, "")) for u in users]


def name_people(message: str, users: dict[int, User]) -> str:
    """The matcher's message for a coach: names instead of "u12" ids, rounds and groups counted from 1."""

    def name(match: re.Match) -> str:
        user = users.get(int(match.group(1)))
        return user.name if user else match.group(0)

    message = _ZERO_BASED.sub(lambda m: f"{m.group(1)} {int(m.group(2)) + 1}", message)
    return _PERSON_ID.sub(name, message)


def stored_embeddings(users: list[User]) -> tuple[np.ndarray | None, str]:
    """(challenge vectors aligned with `users`, what was used): stored vectors when all have one, else TF-IDF."""
    try:
        from app.services.matching import peer_snapshot

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
