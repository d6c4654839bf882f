"""Reads for the challenges area: the filtered list, load-or-404 helpers that own the ownership rules."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from flask_login import current_user
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from app import reference, search
from app.challenges.permissions import is_author, may_edit
from app.challenges.visibility import listed_for, may_read
from app.extensions import db
from app.models import STATUSES, Challenge, ChallengeSearch, ChallengeTheme, Reply, User

PER_PAGE = 20
SEARCH_MAX_LENGTH = 100


@dataclass(frozen=True)
class ChallengeFilters:
    """What the list is narrowed to; unknown values are dropped so a stale link still works."""

    theme: str | None = None
    ecosystem: str | None = None
    country: str | None = None
    status: str | None = None
    q: str | None = None

    @classmethod
    def from_args(cls, args) -> ChallengeFilters:
        """Read the filters from a query string, keeping only values the reference lists know."""
        theme = args.get("theme") or None
        ecosystem = args.get("ecosystem") or None
        country = (args.get("country") or "").upper() or None
        status = args.get("status") or None
        q = (args.get("q") or "").strip()[:SEARCH_MAX_LENGTH] or None
        return cls(
            theme=theme if theme in reference.themes() else None,
            ecosystem=ecosystem if ecosystem in reference.ecosystems() else None,
            country=country if country in reference.country_names() else None,
            status=status if status in STATUSES else None,
            q=q,
        )

    @property
    def active(self) -> dict[str, str]:
        """The filters in use, name → value, for the "remove this filter" links."""
        return {name: value for name, value in vars(self).items() if value}


@dataclass(frozen=True)
class ChallengePage:
    """One page of the list with the reply count of each challenge on it."""

    pagination: Pagination
    reply_counts: dict[int, int]

    @property
    def items(self) -> list[Challenge]:
        """The challenges on this page."""
        return self.pagination.items

    def replies_of(self, challenge: Challenge) -> int:
        """How many replies a challenge on this page has."""
        return self.reply_counts.get(challenge.id, 0)


def filtered_challenges(
    filters: ChallengeFilters, *, viewer: User | None = None, per_row: bool = True
) -> Select:
    """SELECT of challenges `viewer` may read matching the filters, newest first; `per_row` writes
    the text search for a page (True) or for counting every match (False), see search.mentions."""
    stmt = select(Challenge).where(listed_for(viewer))
    if filters.status:
        stmt = stmt.where(Challenge.status == filters.status)
    if filters.ecosystem:
        stmt = stmt.where(Challenge.ecosystem == filters.ecosystem)
    if filters.country:
        stmt = stmt.where(Challenge.country == filters.country)
    if filters.theme:
        # EXISTS probes the (challenge_id, theme) key row by row while walking the newest-first index.
        stmt = stmt.where(
            select(ChallengeTheme.challenge_id)
            .where(
                ChallengeTheme.challenge_id == Challenge.id, ChallengeTheme.theme == filters.theme
            )
            .exists()
        )
    pattern = search.contains_pattern(filters.q or "")
    if pattern:
        # Folded title and body (app/search.py): a plain LIKE over one narrow column.
        stmt = stmt.where(
            search.mentions(
                Challenge.id,
                ChallengeSearch.challenge_id,
                ChallengeSearch.document,
                pattern,
                per_row=per_row,
            )
        )
    return stmt.order_by(Challenge.created_at.desc(), Challenge.id.desc())


def challenge_page(
    filters: ChallengeFilters,
    *,
    viewer: User | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> ChallengePage:
    """One page of matching challenges `viewer` may read, with authors, themes and reply counts."""
    matching = filtered_challenges(filters, viewer=viewer)
    stmt = matching.options(
        selectinload(Challenge.author).selectinload(User.profile),
        selectinload(Challenge.theme_links),
    )
    pagination = db.paginate(
        stmt, page=max(page, 1), per_page=per_page, error_out=False, count=False
    )
    pagination.total = _count(filters, pagination, viewer)
    return ChallengePage(pagination, reply_counts([c.id for c in pagination.items]))


def _count(filters: ChallengeFilters, pagination: Pagination, viewer: User | None) -> int:
    """How many challenges match; a short first page already says, sparing a second scan."""
    if pagination.page == 1 and len(pagination.items) < pagination.per_page:
        return len(pagination.items)
    text_only = filters.active.keys() == {"q"}
    matching = filtered_challenges(filters, viewer=viewer, per_row=not text_only).order_by(None)
    return db.session.scalar(matching.with_only_columns(func.count(Challenge.id)))


def reply_counts(challenge_ids: list[int]) -> dict[int, int]:
    """challenge id → number of replies, in one grouped query."""
    if not challenge_ids:
        return {}
    rows = db.session.execute(
        select(Reply.challenge_id, func.count(Reply.id))
        .where(Reply.challenge_id.in_(challenge_ids))
        .group_by(Reply.challenge_id)
    )
    return {challenge_id: count for challenge_id, count in rows}


def get_challenge_or_404(
    challenge_id: int, *, editable_by: User | None = None, owned_by: User | None = None
) -> Challenge:
    """The challenge, or 404 (also when the current user may not read it, see visibility.py);
    403 unless `editable_by` is its author or an admin, or `owned_by` its author."""
    challenge = db.session.scalars(
        select(Challenge)
        .where(Challenge.id == challenge_id)
        .options(
            selectinload(Challenge.author).selectinload(User.profile),
            selectinload(Challenge.theme_links),
            selectinload(Challenge.replies).selectinload(Reply.author).selectinload(User.profile),
        )
    ).first()
    if challenge is None or not may_read(current_user, challenge):
        abort(404)
    if editable_by is not None and not may_edit(editable_by, challenge.author_id):
        abort(403)
    if editable_by is not None and challenge.is_removed:
        abort(404, "This challenge was removed by its author; only the replies others left remain.")
    if owned_by is not None and not is_author(owned_by, challenge.author_id):
        abort(403)
    return challenge


def get_reply_or_404(
    challenge: Challenge, reply_id: int, *, editable_by: User | None = None
) -> Reply:
    """A reply on this challenge, or 404; 403 unless `editable_by` wrote it or is an admin."""
    reply = db.session.get(Reply, reply_id)
    if reply is None or reply.challenge_id != challenge.id:
        abort(404)
    if editable_by is not None and not may_edit(editable_by, reply.author_id):
        abort(403)
    return reply
