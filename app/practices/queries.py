"""Reads for the practice library: who sees which practice, the filtered list, and load-or-404 helpers.

Who sees what (the profile rules, applied to practices):
- published "community" practices: everyone, visitors included (the library is the site's shop window);
- published "cohorts" practices: their authors, members who share an Academy edition with the author,
  coaches and admins;
- unpublished practices (by a coach or admin, with a note): their authors and co-authors, coaches and
  admins, who can publish them again.
Who may edit: the author, co-authors, coaches and admins (`may_edit`).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from flask_login import AnonymousUserMixin
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ColumnElement, Select, and_, distinct, func, or_, select, true
from sqlalchemy.orm import aliased, load_only, selectinload

from app import reference, search
from app.extensions import db
from app.models import (
    PRACTICE_TYPES,
    Challenge,
    EditionMember,
    Practice,
    PracticeAdoption,
    PracticeCoauthor,
    PracticeTag,
    User,
)

PER_PAGE = 20
SEARCH_MAX_LENGTH = 100
SORTS = {"newest": "Newest first", "adopted": "Most adopted"}

#: What a practice card shows (templates/practices/_card.html), read in three queries per list:
#: the long texts (steps, results, their HTML, the search document) stay unread.
CARD_LOADING = (
    load_only(
        Practice.id,
        Practice.author_id,
        Practice.title,
        Practice.summary,
        Practice.kind,
        Practice.published,
        Practice.visibility,
        Practice.adopters_count,
        Practice.created_at,
    ),
    selectinload(Practice.author).selectinload(User.profile),
    selectinload(Practice.tags),
)

_MY_EDITIONS = aliased(EditionMember, name="my_editions")
_THEIR_EDITIONS = aliased(EditionMember, name="their_editions")


def visible_practices_clause(viewer: User | AnonymousUserMixin) -> ColumnElement[bool]:
    """A condition over Practice: true for the practices `viewer` may open (see the module header)."""
    if not viewer.is_authenticated:
        return and_(Practice.published.is_(True), Practice.visibility == "community")
    if viewer.is_coach:
        return true()
    shares_edition = Practice.author_id.in_(
        select(_THEIR_EDITIONS.user_id).where(
            _THEIR_EDITIONS.edition_id.in_(
                select(_MY_EDITIONS.edition_id).where(_MY_EDITIONS.user_id == viewer.id)
            )
        )
    )
    published = and_(
        Practice.published.is_(True),
        or_(Practice.visibility == "community", shares_edition),
    )
    return or_(published, _written_by(viewer))


def _written_by(user: User) -> ColumnElement[bool]:
    coauthored = select(PracticeCoauthor.practice_id).where(PracticeCoauthor.user_id == user.id)
    # coalesce() keeps this OR branch off the author index on purpose: SQLite then walks the
    # newest-first index and stops once the page is full, instead of merging three index
    # lookups and sorting every visible practice (a 5x difference at 5,000 practices).
    return or_(func.coalesce(Practice.author_id, 0) == user.id, Practice.id.in_(coauthored))


def is_author(user: User | AnonymousUserMixin, practice: Practice) -> bool:
    """True for the practice's author and co-authors."""
    if not user.is_authenticated:
        return False
    return user.id == practice.author_id or any(
        c.user_id == user.id for c in practice.coauthor_links
    )


def may_edit(user: User | AnonymousUserMixin, practice: Practice) -> bool:
    """Authors and co-authors edit their own practices; coaches and admins edit any."""
    return is_author(user, practice) or bool(user.is_authenticated and user.is_coach)


def may_moderate(user: User | AnonymousUserMixin) -> bool:
    """Coaches and admins unpublish and republish practices."""
    return bool(user.is_authenticated and user.is_coach)


@dataclass(frozen=True)
class PracticeFilters:
    """What the list is narrowed to and how it is sorted; unknown values are dropped."""

    theme: str | None = None
    ecosystem: str | None = None
    maturity: str | None = None
    type: str | None = None
    q: str | None = None
    sort: str = "newest"

    @classmethod
    def from_args(cls, args) -> PracticeFilters:
        """Read the filters from a query string, keeping only values the reference lists know."""

        def known(name: str, values) -> str | None:
            value = args.get(name) or None
            return value if value in values else None

        return cls(
            theme=known("theme", reference.themes()),
            ecosystem=known("ecosystem", reference.ecosystems()),
            maturity=known("maturity", reference.maturity_levels()),
            type=known("type", PRACTICE_TYPES),
            q=(args.get("q") or "").strip()[:SEARCH_MAX_LENGTH] or None,
            sort=known("sort", SORTS) or "newest",
        )

    @property
    def active(self) -> dict[str, str]:
        """The filters in use, name → value (the sort order is not a filter)."""
        return {name: value for name, value in vars(self).items() if value and name != "sort"}


def filtered_practices(filters: PracticeFilters, viewer) -> Select:
    """SELECT of the practices `viewer` may see that match the filters, in the chosen order."""
    stmt = select(Practice).where(visible_practices_clause(viewer))
    for kind in ("theme", "ecosystem", "maturity"):
        value = getattr(filters, kind)
        if value:
            stmt = stmt.where(
                select(PracticeTag.practice_id)
                .where(
                    PracticeTag.practice_id == Practice.id,
                    PracticeTag.kind == kind,
                    PracticeTag.value == value,
                )
                .exists()
            )
    if filters.type:
        stmt = stmt.where(Practice.kind == filters.type)
    pattern = search.contains_pattern(filters.q or "")
    if pattern:
        stmt = stmt.where(search.matches(Practice.search_document, pattern))
    if filters.sort == "adopted":
        return stmt.order_by(
            Practice.adopters_count.desc(), Practice.created_at.desc(), Practice.id.desc()
        )
    return stmt.order_by(Practice.created_at.desc(), Practice.id.desc())


def practice_page(
    filters: PracticeFilters, viewer, *, page: int = 1, per_page: int = PER_PAGE
) -> Pagination:
    """One page of matching practices with authors and tags loaded up front.

    The page is chosen over ids alone, then its 20 rows are read: sorting 5,000 full rows (with
    their long texts) to keep 20 was most of the list's time on SQLite.
    """
    ids_query = filtered_practices(filters, viewer).with_only_columns(Practice.id)
    pagination = db.paginate(
        ids_query, page=max(page, 1), per_page=per_page, error_out=False, count=False
    )
    ids = list(pagination.items)
    rows = db.session.scalars(select(Practice).where(Practice.id.in_(ids)).options(*CARD_LOADING))
    by_id = {practice.id: practice for practice in rows}
    pagination.items = [by_id[pid] for pid in ids if pid in by_id]
    if pagination.page == 1 and len(ids) < per_page:
        pagination.total = len(ids)
    else:
        counting = filtered_practices(filters, viewer).order_by(None)
        pagination.total = db.session.scalar(counting.with_only_columns(func.count(Practice.id)))
    return pagination


def get_practice_or_404(practice_id: int, *, viewer, editable_by: User | None = None) -> Practice:
    """The practice if `viewer` may see it, else 404; 403 unless `editable_by` may edit it."""
    practice = db.session.scalars(
        select(Practice)
        .where(Practice.id == practice_id, visible_practices_clause(viewer))
        .options(
            selectinload(Practice.author).selectinload(User.profile),
            selectinload(Practice.tags),
            selectinload(Practice.coauthor_links).selectinload(PracticeCoauthor.user),
            selectinload(Practice.links),
            selectinload(Practice.attachments),
        )
    ).first()
    if practice is None:
        abort(404)
    if editable_by is not None and not may_edit(editable_by, practice):
        abort(403)
    return practice


@dataclass(frozen=True)
class AdoptionSummary:
    """How far a practice travelled: adopters, their countries, and who taught it onwards."""

    adopters: int
    countries: int
    taught: int
    mine: frozenset[str]

    @property
    def adopted_by_me(self) -> bool:
        """The viewer said "I adopted this"."""
        return "adopted" in self.mine

    @property
    def taught_by_me(self) -> bool:
        """The viewer said "I taught this to my team"."""
        return "taught" in self.mine


def adoption_summary(practice: Practice, viewer) -> AdoptionSummary:
    """Adopter and country counts of one practice, and what the viewer already recorded."""
    row = db.session.execute(
        select(
            func.count(distinct(PracticeAdoption.user_id)).filter(
                PracticeAdoption.kind == "adopted"
            ),
            func.count(distinct(PracticeAdoption.country)).filter(
                PracticeAdoption.kind == "adopted"
            ),
            func.count(distinct(PracticeAdoption.user_id)).filter(
                PracticeAdoption.kind == "taught"
            ),
        ).where(PracticeAdoption.practice_id == practice.id)
    ).one()
    mine: frozenset[str] = frozenset()
    if viewer.is_authenticated:
        mine = frozenset(
            db.session.scalars(
                select(PracticeAdoption.kind).where(
                    PracticeAdoption.practice_id == practice.id,
                    PracticeAdoption.user_id == viewer.id,
                )
            )
        )
    return AdoptionSummary(adopters=row[0], countries=row[1], taught=row[2], mine=mine)


def adoption_stories(practice: Practice, *, limit: int = 20) -> list[PracticeAdoption]:
    """The latest adoptions that came with a story or a result, newest first."""
    return list(
        db.session.scalars(
            select(PracticeAdoption)
            .where(
                PracticeAdoption.practice_id == practice.id,
                or_(PracticeAdoption.story != "", PracticeAdoption.result != ""),
            )
            .options(selectinload(PracticeAdoption.user))
            .order_by(PracticeAdoption.created_at.desc())
            .limit(limit)
        )
    )


def flagged_by(practice: Practice, viewer) -> bool:
    """Whether the viewer already flagged the practice as outdated."""
    if not viewer.is_authenticated:
        return False
    return any(flag.user_id == viewer.id for flag in practice.flags)


def users_by_email(emails: list[str]) -> dict[str, User]:
    """Active accounts for these (normalised) emails, email → user."""
    if not emails:
        return {}
    users = db.session.scalars(
        select(User).where(User.email.in_(emails), User.is_active_account.is_(True))
    )
    return {user.email: user for user in users}


def my_challenges(user, *, limit: int = 5) -> list[Challenge]:
    """The user's latest challenges, for "Practices like my challenge" on the library page."""
    if not user.is_authenticated:
        return []
    return list(
        db.session.scalars(
            select(Challenge)
            .where(Challenge.author_id == user.id)
            .order_by(Challenge.created_at.desc())
            .limit(limit)
        )
    )
