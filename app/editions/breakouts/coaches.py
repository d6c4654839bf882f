"""Suggesting a coach for each breakout group: rows in, matching.coaches.suggest_coaches, rows out."""

from __future__ import annotations

from app.editions import queries as edition_queries
from app.editions.breakouts import queries
from app.extensions import db
from app.models import Profile, User
from app.models.coaching import BreakoutRound
from matching.coaches import suggest_coaches as suggest_coaches_for_texts


def _coach_text(coach: User) -> str:
    """What a coach is good at, from their profile."""
    profile = coach.profile
    return " ".join(t for t in (profile.expertise, profile.about) if t) if profile else ""


def _group_text(group, challenges: dict[int, str], needs: dict[int, str]) -> str:
    """What a group's members bring: their application challenges, else their profile needs."""
    return " ".join(challenges.get(m.user_id) or needs.get(m.user_id, "") for m in group.members)


def suggest_coaches(breakout_round: BreakoutRound) -> dict[int, User]:
    """group id → suggested coach, best matches first, each coach taking at most a fair share of groups."""
    edition = breakout_round.session.edition
    coaches = edition_queries.coaches(edition)
    groups = [g for g in breakout_round.groups if g.members]
    if not coaches or not groups:
        return {}
    member_ids = [m.user_id for g in groups for m in g.members]
    challenges = queries.application_challenges(edition, user_ids=member_ids)
    needs = dict(
        db.session.execute(
            db.select(Profile.user_id, Profile.needs).where(Profile.user_id.in_(member_ids))
        ).all()
    )
    suggestion = suggest_coaches_for_texts(
        [_coach_text(c) for c in coaches], [_group_text(g, challenges, needs) for g in groups]
    )
    return {
        group.id: coaches[c]
        for group, c in zip(groups, suggestion.coach_of_group, strict=True)
        if c is not None
    }


def assign_suggested_coaches(breakout_round: BreakoutRound) -> int:
    """Give each group of the round its suggested coach; returns how many groups got one."""
    suggestions = suggest_coaches(breakout_round)
    for group in breakout_round.groups:
        if group.id in suggestions:
            group.coach_id = suggestions[group.id].id
    db.session.flush()
    return len(suggestions)
