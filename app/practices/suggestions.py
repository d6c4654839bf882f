"""Where practices appear beyond the library: for a challenge, beside a practice, on the home page.

"Practices that address this" and "Practices like this" rank the stored practice vectors by
closeness to the challenge's or practice's own stored vector (app/services/practice_index.py),
then keep the ones the viewer may see. Each comes with the reason it was suggested.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import reference
from app.extensions import db
from app.models import Challenge, Practice, PracticeSolution, PracticeTag, User
from app.practices.queries import visible_practices_clause
from app.services.practice_index import PracticeIndex, practice_index, stored_vector
from matching.recommendations.closeness import Cuts, closeness_word, sampled_cuts

SUGGESTIONS = 5
#: Ranked candidates read before the visibility rule trims them to SUGGESTIONS.
CANDIDATES = 40
#: Below this cosine similarity a practice is not offered as addressing a text.
MIN_SIMILARITY = 0.2
#: The index's closeness thresholds in words, for the index they were computed from.
_CUTS: dict[tuple, Cuts] = {}


@dataclass(frozen=True)
class Suggestion:
    """A practice offered for a challenge or beside another practice, and why."""

    practice: Practice
    score: float
    reason: str


def practices_for_challenge(
    challenge: Challenge, viewer, *, k: int = SUGGESTIONS
) -> list[Suggestion]:
    """ "Practices that address this": the closest practices to the challenge's text."""
    vector = stored_vector("challenge", challenge.id)
    if vector is None:
        return []
    found = practice_index().rank(vector, limit=CANDIDATES)
    return _visible_suggestions(
        found, viewer, k=k, themes=challenge.themes, ecosystems=[challenge.ecosystem]
    )


def practices_like(practice: Practice, viewer, *, k: int = SUGGESTIONS) -> list[Suggestion]:
    """ "Practices like this": the closest other practices."""
    vector = stored_vector("practice", practice.id)
    if vector is None:
        return []
    found = practice_index().rank(vector, limit=CANDIDATES, skip=practice.id)
    return _visible_suggestions(
        found, viewer, k=k, themes=practice.themes, ecosystems=practice.ecosystems
    )


def practices_for_ecosystems(user: User, *, k: int = SUGGESTIONS) -> list[Practice]:
    """For the home page: the most adopted practices tagged with the user's ecosystems."""
    ecosystems = user.profile.ecosystems if user.profile else []
    if not ecosystems:
        return []
    tagged = select(PracticeTag.practice_id).where(
        PracticeTag.kind == "ecosystem", PracticeTag.value.in_(ecosystems)
    )
    return list(
        db.session.scalars(
            select(Practice)
            .where(
                Practice.id.in_(tagged),
                Practice.published.is_(True),
                visible_practices_clause(user),
            )
            .options(selectinload(Practice.tags))
            .order_by(Practice.adopters_count.desc(), Practice.created_at.desc())
            .limit(k)
        )
    )


def solution_of(challenge: Challenge) -> PracticeSolution | None:
    """The practice the challenge's author said solved it, if any."""
    return db.session.get(PracticeSolution, challenge.id)


def _visible_suggestions(found, viewer, *, k: int, themes, ecosystems) -> list[Suggestion]:
    close = {pid: score for pid, score in found if score >= MIN_SIMILARITY}
    if not close:
        return []
    practices = db.session.scalars(
        select(Practice)
        .where(
            Practice.id.in_(close), Practice.published.is_(True), visible_practices_clause(viewer)
        )
        .options(selectinload(Practice.tags))
    ).all()
    practices = sorted(practices, key=lambda p: -close[p.id])[:k]
    cuts = closeness_cuts(practice_index())
    return [
        Suggestion(p, close[p.id], reason_for(p, close[p.id], themes, ecosystems, cuts))
        for p in practices
    ]


def closeness_cuts(index: PracticeIndex) -> Cuts:
    """ "Very close" and "Close" thresholds from the library's own practice-to-practice closeness."""
    if index.fingerprint not in _CUTS:
        _CUTS.clear()
        _CUTS[index.fingerprint] = sampled_cuts(index.matrix)
    return _CUTS[index.fingerprint]


def reason_for(practice: Practice, score: float, themes, ecosystems, cuts: Cuts = ()) -> str:
    """Why a practice was suggested, in words: shared themes and ecosystems, and how close the texts are."""
    parts = []
    shared_themes = [reference.theme_name(t) for t in practice.themes if t in (themes or [])]
    if shared_themes:
        parts.append("also about " + " and ".join(shared_themes))
    shared_ecosystems = [
        reference.ecosystem_name(e) for e in practice.ecosystems if e in (ecosystems or [])
    ]
    if shared_ecosystems:
        parts.append("used in " + " and ".join(shared_ecosystems))
    closeness = closeness_word(score, cuts).lower()
    parts.append(f"its problem and steps are {closeness} to this text")
    if practice.adopters_count:
        parts.append(f"adopted by {practice.adopters_count}")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."
