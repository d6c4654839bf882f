"""Reads for exports: the rows of each download, with only what the viewer may see.

Each function returns (header, rows) for app/transfer/spreadsheet.py. The directory and the
challenge list are exported as filtered on their pages, through the same filters and visibility
rules as the pages themselves; the edition files are for coaches (the routes check).
"""

from __future__ import annotations

from collections.abc import Iterator

from flask_login import AnonymousUserMixin
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload
from werkzeug.datastructures import MultiDict

from app import reference
from app.challenges.queries import ChallengeFilters, filtered_challenges, reply_counts
from app.editions.applications.queries import applications
from app.editions.breakouts.queries import edition_rounds
from app.editions.queries import participants
from app.extensions import db
from app.models import Challenge, Edition, Profile, User
from app.profile_visibility import visible_profiles_clause
from app.profiles.filters import DirectoryFilters
from app.profiles.queries import shows_details
from app.security import external_url
from app.transfer.people_csv import COLUMNS

Viewer = User | AnonymousUserMixin
BATCH = 1000


def directory_rows(viewer: Viewer, args: MultiDict) -> tuple[list[str], Iterator[list]]:
    """Everyone the directory shows `viewer` with these filters, by name.

    Visitors get the basics the directory shows them; members also get the texts; admins also get
    the email, so an admin's export can be imported again (the import's columns, in its order)."""
    filters = DirectoryFilters.from_args(args)
    details, admin = shows_details(viewer), viewer.is_authenticated and viewer.is_admin
    header = [c for c in COLUMNS if admin or c not in ("email", "role")]
    if not details:
        header = ["name", "organisation", "country", "ecosystems"]
    query = (
        select(Profile)
        .join(Profile.user)
        .where(
            visible_profiles_clause(viewer),
            *filters.conditions(search_texts=details, per_row=False),
        )
        .options(contains_eager(Profile.user), selectinload(Profile.ecosystem_links))
        .order_by(User.name, Profile.id)
        .execution_options(yield_per=BATCH)
    )

    def rows() -> Iterator[list]:
        for profile in db.session.scalars(query):
            values = _profile_values(profile)
            yield [values[column] for column in header]

    return header, rows()


def _profile_values(profile: Profile) -> dict[str, object]:
    user = profile.user
    return {
        "email": user.email,
        "name": user.name,
        "organisation": profile.organisation,
        "country": profile.country,
        "ecosystems": [reference.ecosystem_name(slug) for slug in profile.ecosystems],
        "maturity": profile.maturity,
        "role": user.role,
        "job_title": profile.job_title,
        "region": profile.region,
        "website": profile.website,
        "founded_year": profile.founded_year,
        "members_count": profile.members_count,
        "about": profile.about,
        "expertise": profile.expertise,
        "needs": profile.needs,
        "languages": profile.languages,
        "visibility": profile.visibility,
    }


CHALLENGE_HEADER = [
    "id",
    "title",
    "themes",
    "ecosystem",
    "country",
    "status",
    "author",
    "replies",
    "created_at",
    "url",
    "body",
]


def challenge_rows(viewer: Viewer, args: MultiDict) -> tuple[list[str], Iterator[list]]:
    """The challenges the list shows `viewer` with these filters, newest first."""
    filters = ChallengeFilters.from_args(args)
    query = filtered_challenges(filters, viewer=viewer)
    query = query.options(selectinload(Challenge.author), selectinload(Challenge.theme_links))
    challenges = db.session.scalars(query).all()
    counts = reply_counts([c.id for c in challenges])

    def rows() -> Iterator[list]:
        for c in challenges:
            yield [
                c.id,
                c.title,
                [reference.theme_name(t) for t in c.themes],
                reference.ecosystem_name(c.ecosystem) if c.ecosystem else "",
                c.country or "",
                c.status,
                c.author.name if c.author else "Former member",
                counts.get(c.id, 0),
                c.created_at,
                external_url("challenges.detail", challenge_id=c.id),
                c.body,
            ]

    return CHALLENGE_HEADER, rows()


def participant_rows(edition: Edition) -> tuple[list[str], Iterator[list]]:
    """An edition's participants with what a coach forms groups by."""
    header = ["name", "email", "organisation", "country", "ecosystems", "maturity"]

    def rows() -> Iterator[list]:
        for user in participants(edition):
            profile = user.profile
            yield [
                user.name,
                user.email,
                profile.organisation if profile else "",
                profile.country if profile else "",
                [reference.ecosystem_name(s) for s in profile.ecosystems] if profile else [],
                profile.maturity if profile else "",
            ]

    return header, rows()


def application_rows(edition: Edition) -> tuple[list[str], Iterator[list]]:
    """An edition's applications with the coach's decision."""
    header = [
        "name",
        "email",
        "country",
        "status",
        "score",
        "eligible",
        "eligibility_notes",
        "motivation",
        "challenges",
        "applied_at",
    ]

    def rows() -> Iterator[list]:
        for application in applications(edition):
            user = application.user
            yield [
                user.name,
                user.email,
                user.profile.country if user.profile else "",
                application.status,
                application.score,
                "yes" if application.eligible else "no",
                application.eligibility_notes,
                application.motivation,
                application.challenges,
                application.created_at,
            ]

    return header, rows()


def group_rows(edition: Edition) -> tuple[list[str], Iterator[list]]:
    """Every breakout round of the edition: one row per member of each group."""
    header = [
        "session",
        "round",
        "published",
        "group",
        "coach",
        "member",
        "organisation",
        "country",
    ]

    def rows() -> Iterator[list]:
        for breakout_round in edition_rounds(edition):
            for group in breakout_round.groups:
                for user in group.users:
                    profile = user.profile
                    yield [
                        breakout_round.session.title,
                        breakout_round.number,
                        "yes" if breakout_round.is_published else "draft",
                        group.label,
                        group.coach.name if group.coach else "",
                        user.name,
                        profile.organisation if profile else "",
                        profile.country if profile else "",
                    ]

    return header, rows()
