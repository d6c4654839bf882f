"""Suggesting a coach for each breakout group: whose profile expertise best matches the group's challenges."""

from __future__ import annotations

import math

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from app.editions import queries
from app.extensions import db
from app.models import Profile, User
from app.models.coaching import Application, BreakoutRound


def _coach_text(coach: User) -> str:
    """What a coach is good at, from their profile."""
    profile = coach.profile
    return " ".join(t for t in (profile.expertise, profile.about) if t) if profile else ""


def _group_text(group, challenges: dict[int, str], needs: dict[int, str]) -> str:
    """What a group's members bring: their application challenges, else their profile needs."""
    return " ".join(challenges.get(m.user_id) or needs.get(m.user_id, "") for m in group.members)


def similarity(coach_texts: list[str], group_texts: list[str]) -> np.ndarray:
    """groups x coaches cosine similarity of TF-IDF vectors (zeros when there are no words)."""
    try:
        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(coach_texts + group_texts)
    except ValueError:  # every text empty or only stop words
        return np.zeros((len(group_texts), len(coach_texts)))
    coaches, groups = matrix[: len(coach_texts)], matrix[len(coach_texts):]
    return (groups @ coaches.T).toarray()


def suggest_coaches(breakout_round: BreakoutRound) -> dict[int, User]:
    """group id → suggested coach, best matches first, each coach taking at most a fair share of groups."""
    cohort = breakout_round.session.cohort
    coaches = [c for c in queries.coaches(cohort)]
    groups = [g for g in breakout_round.groups if g.members]
    if not coaches or not groups:
        return {}
    member_ids = [m.user_id for g in groups for m in g.members]
    challenges = dict(db.session.execute(db.select(Application.user_id, Application.challenges).filter_by(cohort_id=cohort.id)).all())
    needs = dict(db.session.execute(db.select(Profile.user_id, Profile.needs).where(Profile.user_id.in_(member_ids))).all())
    scores = similarity([_coach_text(c) for c in coaches], [_group_text(g, challenges, needs) for g in groups])
    share = math.ceil(len(groups) / len(coaches))
    load = [0] * len(coaches)
    chosen: dict[int, User] = {}
    # Strongest (group, coach) matches first; a coach stops taking groups at their fair share.
    for flat in np.argsort(-scores, axis=None, kind="stable"):
        g, c = divmod(int(flat), len(coaches))
        if groups[g].id in chosen or load[c] >= share:
            continue
        chosen[groups[g].id] = coaches[c]
        load[c] += 1
    return chosen


def assign_suggested_coaches(breakout_round: BreakoutRound) -> int:
    """Give each group of the round its suggested coach; returns how many groups got one."""
    suggestions = suggest_coaches(breakout_round)
    for group in breakout_round.groups:
        if group.id in suggestions:
            group.coach_id = suggestions[group.id].id
    db.session.flush()
    return len(suggestions)
