"""Reads for cohorts: the Academy editions, who belongs to which, and whom a viewer may see listed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from flask_login import AnonymousUserMixin
from sqlalchemy import func, or_, select
from sqlalchemy.orm import contains_eager

from app.extensions import db
from app.models import MEMBER_ROLES, Cohort, CohortMember, Profile, User
from app.profile_visibility import visible_profiles_clause


def _newest_first():
    # An edition's first day is its online start, or its in-person start when it had no online part.
    return (func.coalesce(Cohort.online_start, Cohort.in_person_start).desc(), Cohort.id.desc())


def all_cohorts() -> list[Cohort]:
    """Every Academy edition, newest first."""
    return list(db.session.scalars(select(Cohort).order_by(*_newest_first())))


def cohorts_of(user: User | AnonymousUserMixin | None) -> list[Cohort]:
    """The editions `user` belongs to (in any role), newest first; none for visitors."""
    if user is None or not user.is_authenticated:
        return []
    query = (
        select(Cohort)
        .join(CohortMember)
        .where(CohortMember.user_id == user.id)
        .order_by(*_newest_first())
    )
    return list(db.session.scalars(query))


def role_counts(cohort_ids: Iterable[int] | None = None) -> dict[int, Counter]:
    """How many people hold each role in each edition: {cohort id: Counter(role → n)}.

    The one place an edition's numbers come from. "Participants" are members with the
    participant role, whoever may see their profile; coaches and organisers are counted apart,
    so the cohorts list, the editions list, the edition page and a cohort's page all agree.
    """
    query = select(CohortMember.cohort_id, CohortMember.role, func.count()).group_by(
        CohortMember.cohort_id, CohortMember.role
    )
    if cohort_ids is not None:
        query = query.where(CohortMember.cohort_id.in_(list(cohort_ids)))
    counts: dict[int, Counter] = {}
    for cohort_id, role, count in db.session.execute(query):
        counts.setdefault(cohort_id, Counter())[role] = count
    return counts


def participant_count(cohort: Cohort) -> int:
    """How many participants the edition has (see role_counts)."""
    return role_counts([cohort.id]).get(cohort.id, Counter())["participant"]


def cohorts_with_role_counts() -> list[tuple[Cohort, Counter]]:
    """Every edition, newest first, with how many people hold each role in it (two queries)."""
    cohorts = all_cohorts()
    counts = role_counts()
    return [(cohort, counts.get(cohort.id, Counter())) for cohort in cohorts]


def get_cohort_or_404(cohort_id: int) -> Cohort:
    """The edition, or 404."""
    return db.get_or_404(Cohort, cohort_id)


@dataclass(frozen=True)
class ListedMember:
    """A member as shown on a cohort page; `profile` is None when there is none or the viewer may not open it."""

    user: User
    role: str
    profile: Profile | None


def members_by_role(
    cohort: Cohort, viewer: User | AnonymousUserMixin
) -> dict[str, list[ListedMember]]:
    """The cohort's members the viewer may see, grouped by role (participants, coaches, organisers).

    Members whose profile the viewer may not see are left out, except for coaches and admins, who see
    everyone they coach (their hidden profiles are listed without a link). Members without a profile
    are listed by name: there is no visibility setting of theirs to respect.
    """
    query = (
        select(CohortMember, Profile.id.is_not(None) & visible_profiles_clause(viewer))
        .join(CohortMember.user)
        .outerjoin(Profile, Profile.user_id == User.id)
        .where(CohortMember.cohort_id == cohort.id)
        .options(contains_eager(CohortMember.user).contains_eager(User.profile))
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
