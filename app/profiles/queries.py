"""Reads for profiles: the peer directory search and a profile's page.

Who may see which profile is decided in app/profile_visibility.py, for every area.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from flask_login import AnonymousUserMixin
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import contains_eager, selectinload

from app.challenges.visibility import listed_for
from app.extensions import db
from app.models import Challenge, Profile, User
from app.profile_visibility import visible_profiles_clause
from app.profiles.filters import DirectoryFilters

RECENT_CHALLENGES = 20


def shows_details(viewer: User | AnonymousUserMixin) -> bool:
    """Logged-in users see a profile's texts, website and activity; visitors only the basics."""
    return bool(viewer.is_authenticated)


def get_profile_or_404(profile_id: int, *, viewer: User | AnonymousUserMixin) -> Profile:
    """The profile with its user and ecosystems, or 404 when it is missing or not visible to `viewer`."""
    profile = db.session.scalar(
        select(Profile)
        .where(Profile.id == profile_id, visible_profiles_clause(viewer))
        .options(selectinload(Profile.ecosystem_links), selectinload(Profile.user))
    )
    if profile is None:
        abort(404)
    return profile


@dataclass
class DirectoryPage:
    """One page of directory results: the profiles, how many match in all, and where we are."""

    items: list[Profile]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages the results fill (at least one)."""
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        """True after the first page."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """True before the last page."""
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        """The previous page's number."""
        return self.page - 1

    @property
    def next_num(self) -> int:
        """The next page's number."""
        return self.page + 1


def search_directory(
    viewer: User | AnonymousUserMixin, filters: DirectoryFilters, *, page: int, per_page: int
) -> DirectoryPage:
    """One page of the profiles `viewer` may see that match `filters`, by name, and their total.

    At most four small queries whatever the page size:
    - the page's ids, in name order: the database walks the index on user.name and stops after
      the page, instead of sorting everyone;
    - the total, over profile alone (every condition is written against profile, so no join),
      skipped when a short first page already tells it;
    - the page's profiles with their users, and their ecosystems.
    Sorting only ids keeps the wide text columns out of the sort.
    """
    visible, texts = visible_profiles_clause(viewer), shows_details(viewer)

    def conditions(*, per_row: bool) -> list[ColumnElement[bool]]:
        return [visible, *filters.conditions(search_texts=texts, per_row=per_row)]

    page_ids = db.session.scalars(
        select(Profile.id)
        .join(Profile.user)
        .where(*conditions(per_row=True))
        .order_by(User.name, Profile.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    if page == 1 and len(page_ids) < per_page:
        total = len(page_ids)
    else:
        text_only = filters.as_args().keys() == {"q"}
        total = count_listed_profiles(
            viewer, filters.conditions(search_texts=texts, per_row=not text_only)
        )
    return DirectoryPage(_profiles_in_order(list(page_ids)), total, page, per_page)


def count_listed_profiles(
    viewer: User | AnonymousUserMixin, conditions: list[ColumnElement[bool]] | None = None
) -> int:
    """How many profiles `viewer` finds in the directory (matching `conditions`, when given).

    The one definition of "how many managers": the home page's count is this without
    conditions, so it always equals the directory's unfiltered total for the same viewer.
    """
    query = select(func.count()).select_from(Profile).where(visible_profiles_clause(viewer))
    return db.session.scalar(query.where(*(conditions or [])))


def _profiles_in_order(profile_ids: list[int]) -> list[Profile]:
    if not profile_ids:
        return []
    query = (
        select(Profile)
        .join(Profile.user)
        .where(Profile.id.in_(profile_ids))
        .options(contains_eager(Profile.user), selectinload(Profile.ecosystem_links))
    )
    by_id = {profile.id: profile for profile in db.session.scalars(query)}
    return [by_id[profile_id] for profile_id in profile_ids]


def challenges_shown_on_profile(
    profile: Profile, viewer: User | AnonymousUserMixin
) -> list[Challenge]:
    """The owner's latest challenges that `viewer` may read: open ones, and edition ones for co-members."""
    if not shows_details(viewer):
        return []
    query = select(Challenge).where(Challenge.author_id == profile.user_id, listed_for(viewer))
    return list(
        db.session.scalars(query.order_by(Challenge.created_at.desc()).limit(RECENT_CHALLENGES))
    )
