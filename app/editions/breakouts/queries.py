"""Reads for sessions and breakout groups: load-or-404 helpers, rounds and batches, what the builder
reads (participants, rules, application challenges), a participant's groups, a round as CSV."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import SelectChoice

from app.csv_safe import csv_text
from app.extensions import db
from app.models import Edition, EditionMember, Profile, User
from app.models.coaching import (
    Application,
    BreakoutGroup,
    BreakoutMember,
    BreakoutRound,
    BreakoutRule,
    CoachingSession,
)


def get_session_or_404(session_id: int) -> CoachingSession:
    """A coaching session by id, or 404."""
    return db.get_or_404(CoachingSession, session_id)


def get_round_or_404(round_id: int) -> BreakoutRound:
    """A breakout round by id, or 404."""
    return db.get_or_404(BreakoutRound, round_id)


def get_group_or_404(group_id: int) -> BreakoutGroup:
    """A breakout group by id, or 404."""
    return db.get_or_404(BreakoutGroup, group_id)


def get_rule_or_404(rule_id: int) -> BreakoutRule:
    """A keep-apart/together rule by id, or 404."""
    return db.get_or_404(BreakoutRule, rule_id)


def edition_rounds(edition: Edition) -> list[BreakoutRound]:
    """Every breakout round of the edition, in session and round order."""
    query = (
        select(BreakoutRound)
        .join(CoachingSession)
        .where(CoachingSession.edition_id == edition.id)
        .options(selectinload(BreakoutRound.groups).selectinload(BreakoutGroup.members))
        .order_by(CoachingSession.starts_at, CoachingSession.id, BreakoutRound.number)
    )
    return list(db.session.scalars(query))


def batch_of(breakout_round: BreakoutRound) -> int:
    """The batch number a round belongs to (rounds formed together share one)."""
    return int(breakout_round.settings.get("batch", 0))


def draft_rounds(session: CoachingSession) -> list[BreakoutRound]:
    """The session's unpublished rounds, in order."""
    return [r for r in session.rounds if not r.is_published]


def users_with_profiles(user_ids: Iterable[int]) -> list[User]:
    """Users by id with their profiles and ecosystems, in id order; unknown ids are dropped."""
    query = (
        select(User)
        .where(User.id.in_(list(user_ids)))
        .order_by(User.id)
        .options(selectinload(User.profile).selectinload(Profile.ecosystem_links))
    )
    return list(db.session.scalars(query))


def application_challenges(
    edition: Edition, *, user_ids: Iterable[int] | None = None
) -> dict[int, str]:
    """user id → the challenges they wrote in their application to this edition (none if blank)."""
    query = select(Application.user_id, Application.challenges).where(
        Application.edition_id == edition.id
    )
    if user_ids is not None:
        query = query.where(Application.user_id.in_(list(user_ids)))
    return {uid: text for uid, text in db.session.execute(query) if text}


def sessions(edition: Edition) -> list[CoachingSession]:
    """The edition's sessions in time order."""
    return list(
        db.session.scalars(
            select(CoachingSession)
            .filter_by(edition_id=edition.id)
            .order_by(CoachingSession.starts_at)
        )
    )


def my_published_groups(user: User) -> list[BreakoutGroup]:
    """The published breakout groups the user sits in, newest session first."""
    query = (
        select(BreakoutGroup)
        .join(BreakoutMember)
        .join(BreakoutRound)
        .join(CoachingSession)
        .where(BreakoutMember.user_id == user.id, BreakoutRound.published_at.is_not(None))
        .options(
            selectinload(BreakoutGroup.members)
            .selectinload(BreakoutMember.user)
            .selectinload(User.profile)
        )
        .order_by(CoachingSession.starts_at.desc(), BreakoutRound.number)
    )
    return list(db.session.scalars(query))


def session_rounds(session: CoachingSession) -> list[BreakoutRound]:
    """The session's rounds with groups, members, profiles and coaches loaded in a few queries."""
    member_user = (
        selectinload(BreakoutRound.groups)
        .selectinload(BreakoutGroup.members)
        .selectinload(BreakoutMember.user)
    )
    query = (
        select(BreakoutRound)
        .where(BreakoutRound.session_id == session.id)
        .options(
            member_user.selectinload(User.profile).selectinload(Profile.ecosystem_links),
            selectinload(BreakoutRound.groups).selectinload(BreakoutGroup.coach),
        )
        .order_by(BreakoutRound.number)
    )
    return list(db.session.scalars(query))


def participant_choices(edition: Edition) -> list[SelectChoice]:
    """The edition's participants by name (value: user id): the builder's checkboxes need no profiles."""
    query = (
        select(User.id, User.name)
        .join(EditionMember, EditionMember.user_id == User.id)
        .where(EditionMember.edition_id == edition.id, EditionMember.role == "participant")
        .order_by(User.name)
    )
    return [SelectChoice(user_id, name) for user_id, name in db.session.execute(query)]


def round_as_csv(breakout_round: BreakoutRound) -> str:
    """The round's groups as CSV, one line per member, for the coaches' spreadsheets (cells a
    spreadsheet would run as formulas are escaped, app/csv_safe.py)."""
    header = [
        "round",
        "group",
        "coach",
        "name",
        "email",
        "organisation",
        "country",
        "ecosystems",
        "maturity",
    ]
    rows = [
        [
            breakout_round.number,
            group.position + 1,
            group.coach.name if group.coach else "",
            user.name,
            user.email,
            p.organisation if p else "",
            p.country if p else "",
            " ".join(p.ecosystems) if p else "",
            p.maturity if p else "",
        ]
        for group in breakout_round.groups
        for user in group.users
        for p in [user.profile]
    ]
    return csv_text(header, rows)


def rules(edition: Edition) -> list[BreakoutRule]:
    """The edition's keep-apart and keep-together rules."""
    return list(db.session.scalars(select(BreakoutRule).filter_by(edition_id=edition.id)))
