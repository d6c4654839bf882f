"""Reads for the home page: community counts for visitors, a member's own activity for members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_login import AnonymousUserMixin
from sqlalchemy import case, distinct, func, or_, select
from sqlalchemy.orm import selectinload

from app.challenges.visibility import listed_for
from app.extensions import db
from app.models import Challenge, Edition, EditionMember, Profile, ProfileEcosystem, Reply, User
from app.profile_visibility import visible_profiles_clause
from app.profiles.queries import count_listed_profiles

RECENT_LIMIT = 5


@dataclass(frozen=True)
class CommunityCounts:
    """The live numbers on the home page."""

    managers: int
    countries: int
    ecosystems: int
    challenges_solved: int


@dataclass(frozen=True)
class ChallengeActivity:
    """One of my open challenges with how many replies it has, and how many arrived since a moment."""

    challenge: Challenge
    replies: int
    new_replies: int


def community_counts(viewer: User | AnonymousUserMixin) -> CommunityCounts:
    """The managers `viewer` finds in the directory, the countries and ecosystems they cover, and
    the solved challenges. Counting what the viewer can open keeps the home page and the directory
    on the same number (profiles.queries.count_listed_profiles)."""
    listed = select(Profile.id).where(visible_profiles_clause(viewer))
    managers = count_listed_profiles(viewer)
    countries = db.session.scalar(
        select(func.count(distinct(Profile.country))).where(Profile.id.in_(listed))
    )
    ecosystems = db.session.scalar(
        select(func.count(distinct(ProfileEcosystem.ecosystem))).where(
            ProfileEcosystem.profile_id.in_(listed)
        )
    )
    solved = db.session.scalar(select(func.count(Challenge.id)).where(Challenge.status == "solved"))
    return CommunityCounts(managers, countries, ecosystems, solved)


def my_open_challenges(user: User, *, since: datetime | None) -> list[ChallengeActivity]:
    """The user's open challenges, newest first, with reply counts; "new" = by others after `since`."""
    # Reply.id is NULL on the outer join's row for a challenge without replies: that is no reply.
    by_others = Reply.id.is_not(None) & or_(Reply.author_id.is_(None), Reply.author_id != user.id)
    is_new = by_others if since is None else (by_others & (Reply.created_at > since))
    rows = db.session.execute(
        select(
            Challenge,
            func.count(Reply.id),
            func.coalesce(func.sum(case((is_new, 1), else_=0)), 0),
        )
        .outerjoin(Reply, Reply.challenge_id == Challenge.id)
        .where(
            Challenge.author_id == user.id,
            Challenge.status == "open",
            Challenge.removed_at.is_(None),
        )
        .group_by(Challenge.id)
        .order_by(Challenge.created_at.desc(), Challenge.id.desc())
    ).all()
    return [ChallengeActivity(challenge, replies, new) for challenge, replies, new in rows]


def latest_replies_to_me(user: User, *, limit: int = RECENT_LIMIT) -> list[Reply]:
    """The newest replies others wrote on any of the user's challenges."""
    return list(
        db.session.scalars(
            select(Reply)
            .join(Challenge, Reply.challenge_id == Challenge.id)
            .where(Challenge.author_id == user.id)
            .where(or_(Reply.author_id.is_(None), Reply.author_id != user.id))
            .options(selectinload(Reply.author), selectinload(Reply.challenge))
            .order_by(Reply.created_at.desc(), Reply.id.desc())
            .limit(limit)
        )
    )


def challenges_in_my_ecosystems(user: User, *, limit: int = RECENT_LIMIT) -> list[Challenge]:
    """Recent open challenges others posted in the ecosystems of the user's profile."""
    ecosystems = user.profile.ecosystems if user.profile else []
    if not ecosystems:
        return []
    return list(
        db.session.scalars(
            select(Challenge)
            .where(
                Challenge.ecosystem.in_(ecosystems), Challenge.status == "open", listed_for(user)
            )
            .where(or_(Challenge.author_id.is_(None), Challenge.author_id != user.id))
            .options(selectinload(Challenge.author))
            .order_by(Challenge.created_at.desc(), Challenge.id.desc())
            .limit(limit)
        )
    )


def my_editions(user: User) -> list[EditionMember]:
    """The user's memberships in Academy editions, the latest edition first."""
    memberships = db.session.scalars(
        select(EditionMember)
        .where(EditionMember.user_id == user.id)
        .options(selectinload(EditionMember.edition))
        .join(Edition)
    ).all()
    return sorted(
        memberships, key=lambda m: m.edition.starts_on or m.edition.created_at.date(), reverse=True
    )
