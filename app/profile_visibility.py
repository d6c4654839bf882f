"""Who may see which profile: the one place this rule lives, for every area that lists people.

- "community" profiles: every logged-in user. Visitors who are not logged in see them too, but only
  the name, organisation, country and ecosystems (see `shows_details` in app/profiles/queries.py): the directory is the site's
  shop window, while what managers write about their cluster is for the community.
- "cohorts" profiles: the owner, users who share an Academy edition with the owner, coaches and admins.
- "hidden" profiles: the owner and admins only (everyone else gets a 404).
- Profiles of deactivated accounts: admins only.
- Profiles of accounts whose email is not confirmed yet: nobody but the owner, admins included.
  They are absent from every list of people (directory, search, map and counts, suggestions,
  meetings, the API, exports) until the owner opens the link we mailed (app/auth/registration.py).
  Admins find them on the admin's Users page, which lists accounts, not profiles.

Every list of people asks `visible_profiles_clause`, and a single profile `can_view_profile`:
change the rule here and it changes everywhere.
"""

from __future__ import annotations

from flask_login import AnonymousUserMixin
from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import EditionMember, Profile, User

# What an unconfirmed account is told when it tries to reach out (introductions, invitations to
# reply, meeting days): the same words everywhere.
CONFIRM_FIRST = (
    "Confirm your email address first: open the link we mailed to you, or use "
    "“Resend confirmation email” at the top of the page to get a new one."
)


def visible_profiles_clause(viewer: User | AnonymousUserMixin) -> ColumnElement[bool]:
    """A condition over Profile: true for the profiles `viewer` may see (see the module header)."""
    if not viewer.is_authenticated:
        return and_(Profile.visibility == "community", _owner_is_listed())
    if viewer.is_admin:
        return or_(Profile.user_id == viewer.id, _owner_is_confirmed())
    if viewer.is_coach:
        shared = Profile.visibility.in_(("community", "cohorts"))
    else:
        shared = or_(
            Profile.visibility == "community",
            and_(Profile.visibility == "cohorts", _shares_an_edition_with(viewer)),
        )
    return or_(Profile.user_id == viewer.id, and_(shared, _owner_is_listed()))


# The helpers below are uncorrelated subqueries: the database computes each list once per query
# (not once per profile), which keeps the directory fast at 10,000 profiles on SQLite and
# PostgreSQL. Aliases let the clause sit inside queries that already select from user or
# edition_member without SQLAlchemy correlating the subquery to the outer table. They are made
# once: building an alias costs about a millisecond, on every directory page.
_UNLISTED = aliased(User, name="unlisted")
_THEIR_EDITIONS = aliased(EditionMember, name="their_editions")
_MY_EDITIONS = aliased(EditionMember, name="my_editions")


def _owner_is_listed() -> ColumnElement[bool]:
    """The owner's account is active and its email confirmed."""
    return _owner_is_not(
        or_(_UNLISTED.is_active_account.is_(False), _UNLISTED.email_verified_at.is_(None))
    )


def _owner_is_confirmed() -> ColumnElement[bool]:
    """The owner's email is confirmed (admins still see deactivated accounts)."""
    return _owner_is_not(_UNLISTED.email_verified_at.is_(None))


def _owner_is_not(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """No account matching `condition` (over _UNLISTED) owns the profile.

    PostgreSQL gets NOT EXISTS, an anti-join it estimates well: with NOT IN and two conditions
    it stopped walking the index on user.name for a directory page and sorted every profile
    instead (0.3 ms became 45-60 ms at 10,000 profiles; benchmarks/bench_visibility.py). SQLite
    gets NOT IN, computed once per query rather than once per profile.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        return ~exists(select(_UNLISTED.id).where(_UNLISTED.id == Profile.user_id, condition))
    return Profile.user_id.not_in(select(_UNLISTED.id).where(condition))


def _shares_an_edition_with(viewer: User) -> ColumnElement[bool]:
    viewer_editions = select(_MY_EDITIONS.edition_id).where(_MY_EDITIONS.user_id == viewer.id)
    return Profile.user_id.in_(
        select(_THEIR_EDITIONS.user_id).where(_THEIR_EDITIONS.edition_id.in_(viewer_editions))
    )


def can_view_profile(viewer: User | AnonymousUserMixin, profile: Profile) -> bool:
    """True when `viewer` may open `profile`'s page; asks the database so the rule stays in one place."""
    if viewer.is_authenticated and viewer.id == profile.user_id:
        return True
    query = select(Profile.id).where(Profile.id == profile.id, visible_profiles_clause(viewer))
    return db.session.scalar(query) is not None
