"""Writes for sessions and their breakout groups: sessions, keep-apart/together rules, forming,
editing and publishing groups.

Every function flushes, never commits; the view commits once. Forming and re-scoring with matching/
is the builder's work (builder.py); a coach's edits here re-score through it, and a refusal raises
BreakoutError before any row changes.
"""

from __future__ import annotations

from datetime import datetime

from app.editions import queries as edition_queries
from app.editions.breakouts import builder, coaches, queries
from app.editions.breakouts.builder import BreakoutError, BuilderSettings
from app.editions.services import tell
from app.extensions import db
from app.models import Edition, utcnow
from app.models.coaching import (
    BreakoutGroup,
    BreakoutMember,
    BreakoutRound,
    BreakoutRule,
    CoachingSession,
)
from app.security import external_url

__all__ = [
    "BreakoutError",
    "BuilderSettings",
    "add_rule",
    "delete_rule",
    "form_rounds",
    "move_member",
    "publish",
    "reform_unlocked",
    "save_session",
    "set_coach",
    "suggest_coaches",
    "toggle_lock",
]


def save_session(
    session: CoachingSession | None,
    edition: Edition,
    *,
    title: str,
    mode: str,
    starts_at: datetime,
    duration_minutes: int,
) -> CoachingSession:
    """Create or update a session of the edition."""
    session = session or CoachingSession(edition_id=edition.id)
    session.title, session.mode = title, mode
    session.starts_at, session.duration_minutes = starts_at, duration_minutes
    db.session.add(session)
    db.session.flush()
    return session


def add_rule(
    edition: Edition, *, kind: str, first_user_id: int, second_user_id: int
) -> BreakoutRule:
    """Keep two participants apart (or together) the next time the edition's groups are formed."""
    rule = BreakoutRule(
        edition_id=edition.id, kind=kind, first_user_id=first_user_id, second_user_id=second_user_id
    )
    db.session.add(rule)
    db.session.flush()
    return rule


def delete_rule(rule: BreakoutRule) -> None:
    """Remove a keep-apart / keep-together rule."""
    db.session.delete(rule)
    db.session.flush()


def form_rounds(session: CoachingSession, settings: BuilderSettings) -> list[BreakoutRound]:
    """Form new draft rounds from the builder settings, each group with a suggested coach."""
    rounds = builder.generate(session, settings)
    for breakout_round in rounds:
        coaches.assign_suggested_coaches(breakout_round)
    return rounds


def reform_unlocked(session: CoachingSession) -> list[BreakoutRound]:
    """Form the draft rounds again, keeping locked groups (and their coaches)."""
    rounds = builder.regenerate_unlocked(session)
    for breakout_round in rounds:
        if not all(g.coach_id for g in breakout_round.groups):
            coaches.assign_suggested_coaches(breakout_round)
    return rounds


def suggest_coaches(breakout_round: BreakoutRound) -> int:
    """Re-suggest a coach for every group of the round from their expertise; returns how many got one."""
    return coaches.assign_suggested_coaches(breakout_round)


def move_member(breakout_round: BreakoutRound, *, user_id: int, to_group: BreakoutGroup) -> None:
    """Move a participant to another group of the same round, then re-score the batch."""
    if to_group.round_id != breakout_round.id:
        raise BreakoutError("That group belongs to another round; pick a group of this round.")
    seat = next((m for g in breakout_round.groups for m in g.members if m.user_id == user_id), None)
    if seat is None:
        raise BreakoutError("That person is not in this round; reload the page and try again.")
    if seat.group_id != to_group.id:
        seat.group.members.remove(seat)
        to_group.members.append(BreakoutMember(user_id=user_id))
        db.session.flush()
        builder.rescore(breakout_round)


def toggle_lock(group: BreakoutGroup) -> None:
    """Lock a group (regenerating keeps it) or unlock it."""
    group.locked = not group.locked
    db.session.flush()


def set_coach(group: BreakoutGroup, *, coach_id: int | None) -> None:
    """Assign (or, with None, clear) the coach of a group; only the edition's coaches qualify."""
    if coach_id and coach_id not in {
        c.id for c in edition_queries.coaches(group.round.session.edition)
    }:
        raise BreakoutError("Pick a coach from the list.")
    group.coach_id = coach_id or None
    db.session.flush()


def publish(session: CoachingSession) -> list[BreakoutRound]:
    """Publish the session's draft rounds and tell each member; returns the rounds published."""
    drafts = queries.draft_rounds(session)
    if not drafts:
        raise BreakoutError("Nothing to publish: every round is already published.")
    for breakout_round in drafts:
        breakout_round.published_at = utcnow()
    members = {m.user for r in drafts for g in r.groups for m in g.members}
    for user in members:
        tell(
            user,
            event="coaching",
            subject=f"Your breakout groups for {session.title}",
            message=f"Your breakout groups for “{session.title}” are ready; meet your group.",
            link=external_url("editions.my_groups"),
        )
    db.session.flush()
    return drafts
