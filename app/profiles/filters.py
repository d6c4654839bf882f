"""The peer directory's filters: read from the query string, turned into SQL conditions and labels.

Unknown values (a country that is not eligible, an ecosystem slug that does not exist, an edition id
that is not a number) are dropped rather than refused: a stale shared link still shows a directory.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import ColumnElement, select
from werkzeug.datastructures import MultiDict

from app import reference, search
from app.models import EditionMember, Profile, ProfileEcosystem, ProfileSearch, User

DIRECTORY_ROLES = {"participant": "Participant", "alumni": "Alumni", "coach": "Coach"}
SEARCH_MAX_LENGTH = 100


@dataclass(frozen=True)
class DirectoryFilters:
    """What the directory is narrowed to; empty strings and None mean "any"."""

    q: str = ""
    country: str = ""
    ecosystem: str = ""
    maturity: str = ""
    edition: int | None = None
    role: str = ""

    @classmethod
    def from_args(cls, args: MultiDict) -> DirectoryFilters:
        """Parse request.args, keeping only values the directory knows."""
        country = args.get("country", "").strip().upper()
        edition = (args.get("edition") or args.get("cohort", "")).strip()  # legacy-cohort
        return cls(
            q=" ".join(args.get("q", "").split())[:SEARCH_MAX_LENGTH],
            country=country if country in reference.eligible_countries() else "",
            ecosystem=_known(args.get("ecosystem", ""), reference.ecosystems()),
            maturity=_known(args.get("maturity", ""), reference.maturity_levels()),
            edition=int(edition) if edition.isdigit() and len(edition) < 10 else None,
            role=_known(args.get("role", ""), DIRECTORY_ROLES),
        )

    def as_args(self) -> dict[str, str | int]:
        """The filters that are set, as query-string arguments (for canonical, shareable URLs)."""
        return {key: value for key, value in asdict(self).items() if value not in ("", None)}

    def conditions(self, *, search_texts: bool, per_row: bool) -> list[ColumnElement[bool]]:
        """SQL conditions over Profile alone (no join needed, so counting stays cheap).

        `search_texts` lets `q` look into expertise and needs, not only names and organisations;
        `per_row` writes the text search for a page rather than a total (see search.mentions)."""
        conditions: list[ColumnElement[bool]] = []
        pattern = search.contains_pattern(self.q)
        if pattern:
            document = ProfileSearch.document if search_texts else ProfileSearch.names
            conditions.append(
                search.mentions(
                    Profile.id, ProfileSearch.profile_id, document, pattern, per_row=per_row
                )
            )
        if self.country:
            conditions.append(Profile.country == self.country)
        if self.ecosystem:
            tagged = select(ProfileEcosystem.profile_id).where(
                ProfileEcosystem.ecosystem == self.ecosystem
            )
            conditions.append(Profile.id.in_(tagged))
        if self.maturity:
            conditions.append(Profile.maturity == self.maturity)
        if self.edition is not None:
            members = select(EditionMember.user_id).where(EditionMember.edition_id == self.edition)
            conditions.append(Profile.user_id.in_(members))
        if self.role:
            conditions.append(Profile.user_id.in_(select(User.id).where(User.role == self.role)))
        return conditions

    def described(self, edition_names: dict[int, str]) -> list[tuple[str, str]]:
        """Each active filter as (query parameter, words for people), for "remove this filter" links."""
        labels = {
            "q": lambda: f"Search “{self.q}”",
            "country": lambda: f"Country: {reference.country_name(self.country)}",
            "ecosystem": lambda: f"Ecosystem: {reference.ecosystem_name(self.ecosystem)}",
            "maturity": lambda: f"Maturity: {reference.maturity_levels()[self.maturity]}",
            "edition": lambda: f"Edition: {edition_names.get(self.edition, f'#{self.edition}')}",
            "role": lambda: f"Role: {DIRECTORY_ROLES[self.role]}",
        }
        return [(key, labels[key]()) for key in self.as_args()]


def _known(value: str, allowed: dict[str, str]) -> str:
    value = value.strip()
    return value if value in allowed else ""
