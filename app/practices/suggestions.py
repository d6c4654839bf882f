"""Where practices appear beyond the library: for a challenge, for a described challenge, beside a
practice, on the home page.

"Practices that address this", "Find practices like this" and "Practices like this" rank the
stored practice vectors by closeness to the challenge's stored vector, to the vector of the text
someone typed, or to the practice's own vector. The ranking is matching/'s (matching/search.py),
reached through app/services/matching.py; here the ranked ids pass through the visibility rule and
the page's filters (app/practices/queries.py), and each kept practice gets its reason in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import reference
from app.extensions import db
from app.models import Challenge, Practice, PracticeSolution, PracticeTag, User
from app.practices.queries import PracticeFilters, filtered_practices, visible_practices_clause
from app.services import matching
from app.services.embedding import challenge_texts, practice_texts
from app.services.practice_index import stored_vector, vector_for_text

if TYPE_CHECKING:
    import numpy as np

SUGGESTIONS = 5
#: How many practices the full "like my challenge" list shows (one page of the library).
LIST_LENGTH = 20
#: Ranked candidates read per practice shown, before visibility and filters trim them.
CANDIDATES_PER_RESULT = 10
#: Texts are compared for reasons up to this many characters: the phrases two texts share cost
#: time in proportion to their length (half of a ranked list's time with whole texts).
REASON_TEXT = 1_000


@dataclass(frozen=True)
class Suggestion:
    """A practice offered for a challenge, a described challenge or beside another practice, and why."""

    practice: Practice
    score: float
    reason: str


def practices_for_challenge(
    challenge: Challenge,
    viewer,
    *,
    k: int = SUGGESTIONS,
    filters: PracticeFilters | None = None,
) -> list[Suggestion]:
    """ "Practices that address this": the closest practices to the challenge's text."""
    vector = stored_vector("challenge", challenge.id)
    if vector is None:
        return []
    return _suggest(
        vector,
        viewer,
        k=k,
        filters=filters,
        query=challenge_texts(challenge)["text"],
        compared_to="this challenge",
        themes=challenge.themes,
        ecosystems=[challenge.ecosystem],
    )


def practices_for_text(
    text: str, viewer, *, filters: PracticeFilters, k: int = LIST_LENGTH
) -> list[Suggestion] | None:
    """ "Find practices like this" for a challenge someone describes; None when this site cannot
    embed a text right now (the page then says so)."""
    vector = vector_for_text(text)
    if vector is None:
        return None
    themes = [filters.theme] if filters.theme else []
    ecosystems = [filters.ecosystem] if filters.ecosystem else []
    return _suggest(
        vector,
        viewer,
        k=k,
        filters=filters,
        query=text,
        compared_to="what you describe",
        themes=themes,
        ecosystems=ecosystems,
    )


@dataclass(frozen=True)
class RankedList:
    """The library ranked by meaning, for a described challenge or for one challenge of the site."""

    #: Best first; None when this site cannot embed a typed text right now.
    suggestions: list[Suggestion] | None
    challenge: Challenge | None = None
    text: str = ""


def ranked_list(
    filters: PracticeFilters, viewer, *, text: str = "", challenge: Challenge | None = None
) -> RankedList:
    """The full list of practices like a described challenge (`text`) or like `challenge`,
    narrowed by the page's filters."""
    if challenge is not None:
        found = practices_for_challenge(challenge, viewer, k=LIST_LENGTH, filters=filters)
        return RankedList(found, challenge=challenge)
    return RankedList(practices_for_text(text, viewer, filters=filters), text=text)


def practices_like(practice: Practice, viewer, *, k: int = SUGGESTIONS) -> list[Suggestion]:
    """ "Practices like this": the closest other practices."""
    vector = stored_vector("practice", practice.id)
    if vector is None:
        return []
    return _suggest(
        vector,
        viewer,
        k=k,
        skip=practice.id,
        query=practice_texts(practice)["text"],
        compared_to="this practice",
        themes=practice.themes,
        ecosystems=practice.ecosystems,
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


def _suggest(
    vector: np.ndarray,
    viewer,
    *,
    k: int,
    query: str,
    compared_to: str,
    themes,
    ecosystems,
    filters: PracticeFilters | None = None,
    skip: int | None = None,
) -> list[Suggestion]:
    """Rank through matching/, keep the published practices `viewer` may see that pass the
    filters, best first, each with its reason."""
    found = matching.practices_near(
        vector, limit=max(40, CANDIDATES_PER_RESULT * k), skip=[skip] if skip else []
    )
    close = dict(found)
    if not close:
        return []
    # Visibility and filters are checked over ids alone, then only the k shown rows are read:
    # loading all ~200 candidates with their long texts and tags was most of the page's time.
    allowed = set(
        db.session.scalars(
            filtered_practices(filters or PracticeFilters(), viewer)
            .where(Practice.id.in_(close), Practice.published.is_(True))
            .with_only_columns(Practice.id)
            .order_by(None)
        )
    )
    shown = [pid for pid, _ in found if pid in allowed][:k]
    by_id = {
        p.id: p
        for p in db.session.scalars(
            select(Practice)
            .where(Practice.id.in_(shown))
            .options(
                selectinload(Practice.tags),
                selectinload(Practice.author).selectinload(User.profile),
            )
        )
    }
    kept = [by_id[pid] for pid in shown if pid in by_id]
    texts = [(_reason_text(p), close[p.id]) for p in kept]
    reasons = matching.practice_reasons(query[:REASON_TEXT], texts)
    return [
        Suggestion(
            p, close[p.id], reason_for(p, closeness, phrases, compared_to, themes, ecosystems)
        )
        for p, (closeness, phrases) in zip(kept, reasons, strict=True)
    ]


def _reason_text(practice: Practice) -> str:
    """What a reason quotes from: the title, summary and problem people recognise (not the steps)."""
    parts = (practice.title, practice.summary, practice.problem)
    return "\n\n".join(part for part in parts if part)[:REASON_TEXT]


def reason_for(
    practice: Practice,
    closeness: str,
    phrases: list[str],
    compared_to: str,
    themes,
    ecosystems,
) -> str:
    """Why a practice was suggested, in plain words: what the texts share, shared themes and
    ecosystems, how close the texts are, and how many adopted it. Never a score."""
    parts = []
    if phrases:
        parts.append("both mention " + _and(f"“{phrase}”" for phrase in phrases))
    shared_themes = [reference.theme_name(t) for t in practice.themes if t in (themes or [])]
    if shared_themes:
        parts.append("also about " + _and(shared_themes))
    shared_ecosystems = [
        reference.ecosystem_name(e) for e in practice.ecosystems if e in (ecosystems or [])
    ]
    if shared_ecosystems:
        parts.append("used in " + _and(shared_ecosystems))
    parts.append(f"its problem and steps are {closeness} to {compared_to}")
    if practice.adopters_count:
        adopters = practice.adopters_count
        parts.append(f"adopted by {adopters} member{'' if adopters == 1 else 's'}")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def _and(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
