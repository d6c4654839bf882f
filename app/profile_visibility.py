"""Who may see which profile: the one place this rule lives, for every area that lists people.

- "community" profiles: every logged-in user. Visitors who are not logged in see them too, but only
  the name, organisation, country and ecosystems (see `shows_details` in app/profiles/queries.py): the directory is the site's
  shop window, while what managers write about their cluster is for the community.
- "cohorts" profiles: the owner, users who share an Academy cohort with the owner, coaches and admins.
- "hidden" profiles: the owner and admins only (everyone else gets a 404).
- Profiles of deactivated accounts: admins only.
"""

from __future__ import annotations

from flask_login import AnonymousUserMixin
from sqlalchemy import ColumnElement, and_, or_, select, true
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import CohortMember, Profile, User


def visible_profiles_clause(viewer: User | AnonymousUserMixin) -> ColumnElement[bool]:
    """A condition over Profile: true for the profiles `viewer` may see (see the module header)."""
    if not viewer.is_authenticated:
        return and_(Profile.visibility == "community", _owner_is_active())
    if viewer.is_admin:
        return true()
    if viewer.is_coach:
        shared = Profile.visibility.in_(("community", "cohorts"))
    else:
        shared = or_(
            Profile.visibility == "community",
            and_(Profile.visibility == "cohorts", _shares_a_cohort_with(viewer)),
        )
    return or_(Profile.user_id == viewer.id, and_(shared, _owner_is_active()))


# The helpers below are uncorrelated subqueries: the database computes each list once per query
# (not once per profile), which keeps the directory fast at 10,000 profiles on SQLite and
# PostgreSQL. Aliases let the clause sit inside queries that already select from user or
# cohort_member without SQLAlchemy correlating the subquery to the outer table. They are made
# once: building an alias costs about a millisecond, on every directory page.
_DEACTIVATED = aliased(User, name="deactivated")
_THEIR_COHORTS = aliased(CohortMember, name="their_cohorts")
_MY_COHORTS = aliased(CohortMember, name="my_cohorts")


def _owner_is_active() -> ColumnElement[bool]:
    return Profile.user_id.not_in(
        select(_DEACTIVATED.id).where(_DEACTIVATED.is_active_account.is_(False))
    )


def _shares_a_cohort_with(viewer: User) -> ColumnElement[bool]:
    viewer_cohorts = select(_MY_COHORTS.cohort_id).where(_MY_COHORTS.user_id == viewer.id)
    return Profile.user_id.in_(
        select(_THEIR_COHORTS.user_id).where(_THEIR_COHORTS.cohort_id.in_(viewer_cohorts))
    )


def can_view_profile(viewer: User | AnonymousUserMixin, profile: Profile) -> bool:
    """True when `viewer` may open `profile`'s page; asks the database so the rule stays in one place."""
    if viewer.is_authenticated and viewer.id == profile.user_id:
        return True
    query = select(Profile.id).where(Profile.id == profile.id, visible_profiles_clause(viewer))
    return db.session.scalar(query) is not None
