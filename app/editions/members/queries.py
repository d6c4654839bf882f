"""Reads for editions: the Academy editions, who belongs to which, and whom a viewer may see listed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from flask_login import AnonymousUserMixin
from sqlalchemy import func, or_, select
from sqlalchemy.orm import contains_eager

from app.extensions import db
from app.models import MEMBER_ROLES, Edition, EditionMember, Profile, User
from app.profile_visibility import visible_profiles_clause


def _newest_first():
    # An edition's first day is its online start, or its in-person start when it had no online part.
    return (func.coalesce(Edition.online_start, Edition.in_person_start).desc(), Edition.id.desc())


def all_editions() -> list[Edition]:
    """Every Academy edition, newest first."""
    return list(db.session.scalars(select(Edition).order_by(*_newest_first())))


def editions_of(user: User | AnonymousUserMixin | None) -> list[Edition]:
    """The editions `user` belongs to (in any role), newest first; none for visitors."""
    if user is None or not user.is_authenticated:
        return []
    query = (
        select(Edition)
        .join(EditionMember)
        .where(EditionMember.user_id == user.id)
        .order_by(*_newest_first())
    )
    return list(db.session.scalars(query))


def role_counts(edition_ids: Iterable[int] | None = None) -> dict[int, Counter]:
    """How many people hold each role in each edition: {edition id: Counter(role → n)}.

    The one place an edition's numbers come from. "Participants" are members with the
    participant role, whoever may see their profile; coaches and organisers are counted apart,
    so the editions list, the editions list, the edition page and an edition's page all agree.
    """
    query = select(EditionMember.edition_id, EditionMember.role, func.count()).group_by(
        EditionMember.edition_id, EditionMember.role
    )
    if edition_ids is not None:
        query = query.where(EditionMember.edition_id.in_(list(edition_ids)))
    counts: dict[int, Counter] = {}
    for edition_id, role, count in db.session.execute(query):
        counts.setdefault(edition_id, Counter())[role] = count
    return counts


def participant_count(edition: Edition) -> int:
    """How many participants the edition has (see role_counts)."""
    return role_counts([edition.id]).get(edition.id, Counter())["participant"]


def editions_with_role_counts() -> list[tuple[Edition, Counter]]:
    """Every edition, newest first, with how many people hold each role in it (two queries)."""
    editions = all_editions()
    counts = role_counts()
    return [(edition, counts.get(edition.id, Counter())) for edition in editions]


def get_edition_or_404(edition_id: int) -> Edition:
    """The edition, or 404."""
    return db.get_or_404(Edition, edition_id)


@dataclass(frozen=True)
class ListedMember:
    """A member as shown on an edition page; `profile` is None when there is none or the viewer may not open it."""

    user: User
    role: str
    profile: Profile | None


def members_by_role(
    edition: Edition, viewer: User | AnonymousUserMixin
) -> dict[str, list[ListedMember]]:
    """The edition's members the viewer may see, grouped by role (participants, coaches, organisers).

    Members whose profile the viewer may not see are left out, except for coaches and admins, who see
    everyone they coach (their hidden profiles are listed without a link). Members without a profile
    are listed by name: there is no visibility setting of theirs to respect.
    """
    query = (
        select(EditionMember, Profile.id.is_not(None) & visible_profiles_clause(viewer))
        .join(EditionMember.user)
        .outerjoin(Profile, Profile.user_id == User.id)
        .where(EditionMember.edition_id == edition.id)
        .options(contains_eager(EditionMember.user).contains_eager(User.profile))
        .order_by(User.name, User.id)
    )
    sees_everyone = viewer.is_authenticated and viewer.is_coach
    if not sees_everyone:
        query = query.where(or_(Profile.id.is_(None), visible_profiles_clause(viewer)))
    grouped: dict[str, list[ListedMember]] = {role: [] for role in MEMBER_ROLES}
    for membership, visible in db.session.execute(query):
        profile = membership.user.profile if visible else None
        grouped.setdefault(membership.role, []).append(
            ListedMember(membership.user, membership.role, profile)
        )
    return grouped
