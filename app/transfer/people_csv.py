"""People in CSV files: the columns, reading any spreadsheet's dialect, and checking every row.

Nothing here writes. `read_people(data, existing_emails=...)` turns an uploaded file into one
`RowOutcome` per row: "new", "update", "unchanged" or "error", each error naming the row, the
column and the fix. app/transfer/services.py applies the outcomes after the admin confirms.

Rules for an update: the email names the person; an empty cell leaves that field as it is, so a
file with only `email,needs` changes only the needs.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import clevercsv
from email_validator import EmailNotValidError, validate_email

from app import reference
from app.models.coaching import COMMITMENTS
from app.profiles.forms import MAX_MEMBERS, TEXT_MAX_LENGTH, is_web_address

# Column → (what it holds, for the sample and the page).
COLUMNS: dict[str, str] = {
    "email": "Required. Names the person: an existing email updates them, a new one invites them.",
    "name": "Required for new people. Full name, at most 120 characters.",
    "organisation": "Required for new people. The cluster organisation.",
    "country": "Required for new people. A code (SI) or an English name (Slovenia, Czech Republic, Turkey).",
    "ecosystems": "1 to 3 of the 14 industrial ecosystems, by name or slug, separated by ';'.",
    "maturity": "emerging, developing, established or advanced; empty: derived from age and label.",
    "role": "participant (the default), alumni or coach. Admins are made on the Admin page.",
    "job_title": "At most 120 characters.",
    "region": "At most 120 characters.",
    "website": "A full web address (https://…).",
    "founded_year": "A year, like 2012.",
    "members_count": f"A whole number from 0 to {MAX_MEMBERS:,}.",
    "about": f"About the cluster, at most {TEXT_MAX_LENGTH:,} characters.",
    "expertise": f"What they can help with, at most {TEXT_MAX_LENGTH:,} characters.",
    "needs": f"What they are looking for, at most {TEXT_MAX_LENGTH:,} characters.",
    "languages": "Separated by commas, at most 200 characters.",
    "visibility": "community (the default), editions or hidden.",
}
# An edition's applicants: the people columns and their application.
APPLICATION_COLUMNS: dict[str, str] = {
    "motivation": f"Why they apply, at most {TEXT_MAX_LENGTH:,} characters.",
    "challenges": f"The challenges they bring, at most {TEXT_MAX_LENGTH:,} characters.",
    "commitments": "'all' when they confirmed every commitment of the call, else the ones confirmed, "
    "separated by ';' (" + ", ".join(COMMITMENTS) + "); empty: none confirmed.",
}
REQUIRED_FOR_NEW = ("name", "organisation", "country")
HEADER_ALIASES = {
    "e-mail": "email",
    "mail": "email",
    "email address": "email",
    "full name": "name",
    "manager": "name",
    "organization": "organisation",
    "cluster": "organisation",
    "cluster organisation": "organisation",
    "cluster organization": "organisation",
    "ecosystem": "ecosystems",
    "industrial ecosystems": "ecosystems",
    "sector": "ecosystems",
    "job title": "job_title",
    "position": "job_title",
    "founded": "founded_year",
    "founding year": "founded_year",
    "members": "members_count",
    "number of members": "members_count",
    "i can help with": "expertise",
    "i am looking for": "needs",
}
COUNTRY_ALIASES = {
    "czech republic": "CZ",
    "turkey": "TR",
    "turkiye": "TR",
    "republic of turkiye": "TR",
    "macedonia": "MK",
    "republic of north macedonia": "MK",
    "fyrom": "MK",
    "the netherlands": "NL",
    "holland": "NL",
    "slovak republic": "SK",
    "bosnia": "BA",
    "bosnia-herzegovina": "BA",
    "bosnia & herzegovina": "BA",
    "el": "GR",
    "hellas": "GR",
    "republic of moldova": "MD",
    "kosova": "XK",
    "republic of kosovo": "XK",
}
ROLES_IMPORTABLE = ("participant", "alumni", "coach")
SHORT_LIMITS = {
    "name": 120,
    "organisation": 200,
    "job_title": 120,
    "region": 120,
    "languages": 200,
    "website": 300,
    "email": 254,
}


@dataclass
class RowOutcome:
    """One row of the file: where it was, what would happen, and why not when it is an error."""

    line: int
    email: str
    outcome: str  # new | update | unchanged | error
    values: dict[str, object] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, what to do)
    changes: list[str] = field(default_factory=list)


@dataclass
class ReadResult:
    """The whole file: its rows, or a problem with the file itself."""

    rows: list[RowOutcome]
    problem: str | None = None
    unknown_columns: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        """How many rows have this outcome."""
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def valid_rows(self) -> list[RowOutcome]:
        """The rows that would be written (new and updated people)."""
        return [row for row in self.rows if row.outcome in ("new", "update")]


def fold(text: str) -> str:
    """Lower case, accents and punctuation folded, for matching names people type."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.casefold().replace("&", " and ")).strip()


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (with or without a BOM), else Windows-1252 as older Excel saves it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_people(
    data: bytes, *, existing: dict[str, dict[str, object]], applicants: bool = False
) -> ReadResult:
    """Check every row of a people CSV against the reference lists and the people who exist.

    `existing` maps a stored email to that person's current values (for "update" vs "unchanged");
    `applicants` also reads each row's application (APPLICATION_COLUMNS)."""
    known = columns_for(applicants=applicants)
    text = decode(data)
    if not text.strip():
        return ReadResult([], problem="The file is empty. Download the sample CSV and fill it in.")
    try:
        dialect = clevercsv.Sniffer().sniff(text[:20_000], delimiters=",;\t|")
    except clevercsv.Error:
        dialect = None
    if dialect is None or not dialect.delimiter:
        dialect = clevercsv.SimpleDialect(",", '"', "")
    reader = clevercsv.reader(io.StringIO(text), dialect=dialect)
    try:
        header = next(reader)
    except StopIteration:
        return ReadResult(
            [],
            problem="The file has no header row. The first row must name the columns, e.g. email,name,country.",
        )
    columns = [_column_name(cell, known) for cell in header]
    if "email" not in columns:
        return ReadResult(
            [],
            problem="No “email” column: the first row must name the columns, and one must be email.",
        )
    unknown = [
        cell.strip()
        for cell, name in zip(header, columns, strict=True)
        if name is None and cell.strip()
    ]
    rows, seen = [], {}
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        record = {name: cell.strip() for name, cell in zip(columns, cells, strict=False) if name}
        rows.append(_check_row(number, record, existing=existing, seen=seen, known=known))
    if not rows:
        return ReadResult(
            [], problem="The file has a header but no people in it.", unknown_columns=unknown
        )
    return ReadResult(rows, unknown_columns=unknown)


def columns_for(*, applicants: bool) -> dict[str, str]:
    """The columns a file may have: people, or people with their application."""
    return COLUMNS | APPLICATION_COLUMNS if applicants else COLUMNS


def _column_name(cell: str, known: dict[str, str]) -> str | None:
    name = cell.strip().lstrip("\ufeff").casefold()
    name = HEADER_ALIASES.get(name, name).replace(" ", "_")
    return name if name in known else None


def _check_row(
    line: int, record: dict[str, str], *, existing, seen: dict[str, int], known: dict[str, str]
) -> RowOutcome:
    raw_email = record.get("email", "")
    row = RowOutcome(line=line, email=raw_email, outcome="error")
    email = _check_email(raw_email, row)
    if email:
        row.email = email
        if email in seen:
            row.errors.append(
                ("email", f"The same email is on row {seen[email]}; keep one row per person.")
            )
        seen.setdefault(email, line)
    is_new = email not in existing if email else True
    for column in known:
        check = CHECKS.get(column)
        if check is None:
            continue
        value = record.get(column, "")
        if (
            column == "role"
            and not is_new
            and fold(value) == "admin" == existing[email].get("role")
        ):
            continue  # an admin's own row, exported and imported again: nothing to change
        if not value:
            if is_new and column in REQUIRED_FOR_NEW:
                row.errors.append((column, f"Required for someone new: {COLUMNS[column]}"))
            continue
        limit = SHORT_LIMITS.get(column, TEXT_MAX_LENGTH)
        if len(value) > limit:
            row.errors.append((column, f"At most {limit:,} characters; this has {len(value):,}."))
            continue
        try:
            row.values[column] = check(value)
        except ValueError as wrong:
            row.errors.append((column, str(wrong)))
    if "motivation" in known:
        row.values["application"] = _application(record, row)
    if row.errors:
        return row
    if is_new:
        row.outcome = "new"
    else:
        current = existing[email]
        row.changes = [
            name
            for name, value in row.values.items()
            if name != "application" and current.get(name) != value
        ]
        row.outcome = "update" if row.changes else "unchanged"
    return row


def _application(record: dict[str, str], row: RowOutcome) -> dict[str, object]:
    application: dict[str, object] = {}
    for column in ("motivation", "challenges"):
        text = record.get(column, "")
        if len(text) > TEXT_MAX_LENGTH:
            row.errors.append(
                (column, f"At most {TEXT_MAX_LENGTH:,} characters; this has {len(text):,}.")
            )
        application[column] = text
    try:
        application["commitments"] = parse_commitments(record.get("commitments", ""))
    except ValueError as wrong:
        row.errors.append(("commitments", str(wrong)))
    return application


def parse_commitments(value: str) -> list[str]:
    """Commitment keys from 'all', or from keys separated by ';'."""
    if fold(value) in ("all", "yes", "y"):
        return sorted(COMMITMENTS)
    keys = [part.strip() for part in re.split(r"[;|,]", value) if part.strip()]
    unknown = [key for key in keys if key not in COMMITMENTS]
    if unknown:
        raise ValueError(
            f"'{unknown[0]}' is not a commitment of the call; write 'all' or some of: {', '.join(COMMITMENTS)}."
        )
    return sorted(set(keys))


def _check_email(raw: str, row: RowOutcome) -> str | None:
    if not raw:
        row.errors.append(("email", "Required: the person's email address."))
        return None
    try:
        return validate_email(raw, check_deliverability=False).normalized.lower()
    except EmailNotValidError as wrong:
        row.errors.append(("email", f"'{raw}' is not an email address: {wrong}"))
        return None


def parse_country(value: str) -> str:
    """A country code from a code or an English name, checked against the eligible countries."""
    eligible = reference.eligible_countries()
    by_name = {fold(name): code for code, name in reference.country_names().items()}
    folded = fold(value)
    code = value.upper() if value.upper() in reference.country_names() else None
    code = (
        code
        or by_name.get(folded)
        or COUNTRY_ALIASES.get(folded)
        or COUNTRY_ALIASES.get(value.casefold())
    )
    if code is None:
        raise ValueError(
            f"'{value}' is not a country we know; use a code such as DE or an English name such as Germany."
        )
    if code not in eligible:
        raise ValueError(
            f"{reference.country_name(code)} is not an eligible country (EU or COSME-associated)."
        )
    return code


def parse_ecosystems(value: str) -> list[str]:
    """1-3 ecosystem slugs from names or slugs separated by ';' (or '|')."""
    known = reference.ecosystems()
    by_name = {fold(name): slug for slug, name in known.items()} | {
        fold(slug): slug for slug in known
    }
    by_squeezed = {key.replace(" ", ""): slug for key, slug in by_name.items()}
    slugs = []
    for part in (p.strip() for p in re.split(r"[;|]", value) if p.strip()):
        slug = by_name.get(fold(part)) or by_squeezed.get(fold(part).replace(" ", ""))
        if slug is None:
            raise ValueError(
                f"'{part}' is not one of the 14 industrial ecosystems; separate several with ';' "
                "and use names such as 'Agri-food' or 'Energy-Renewables'."
            )
        if slug not in slugs:
            slugs.append(slug)
    if not 1 <= len(slugs) <= 3:
        raise ValueError(f"Give 1 to 3 ecosystems; this row has {len(slugs)}.")
    return slugs


def _choice(options: dict[str, str] | tuple[str, ...], label: str) -> Callable[[str], str]:
    names = options if isinstance(options, dict) else {o: o for o in options}
    lookup = {fold(slug): slug for slug in names} | {
        fold(name): slug for slug, name in names.items()
    }

    def parse(value: str) -> str:
        slug = lookup.get(fold(value))
        if slug is None:
            raise ValueError(f"'{value}' is not a {label}; use one of: {', '.join(names)}.")
        return slug

    return parse


def _role(value: str) -> str:
    if fold(value) == "admin":
        raise ValueError("Admins cannot be imported; make someone an admin on the Admin page.")
    return _choice(ROLES_IMPORTABLE, "role")(value)


def _whole_number(low: int, high: int, what: str) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            number = int(value.replace(" ", "").replace(",", "").replace(".", ""))
        except ValueError:
            raise ValueError(f"'{value}' is not a whole number; write {what}.") from None
        if not low <= number <= high:
            raise ValueError(f"{number} is out of range; write {what}.")
        return number

    return parse


def _website(value: str) -> str:
    address = value if "://" in value else f"https://{value}"
    if not is_web_address(address):
        raise ValueError(
            f"'{value}' is not a web address; write it in full, like https://cluster.eu."
        )
    return address


def _text(value: str) -> str:
    return value


CHECKS: dict[str, Callable[[str], object]] = {
    "name": _text,
    "organisation": _text,
    "country": parse_country,
    "ecosystems": parse_ecosystems,
    "maturity": _choice(reference.maturity_levels(), "maturity level"),
    "role": _role,
    "job_title": _text,
    "region": _text,
    "website": _website,
    "founded_year": _whole_number(1900, date.today().year, "a year from 1900 to this year"),
    "members_count": _whole_number(0, MAX_MEMBERS, f"a number from 0 to {MAX_MEMBERS:,}"),
    "about": _text,
    "expertise": _text,
    "needs": _text,
    "languages": _text,
    "visibility": _choice(("community", "cohorts", "hidden"), "visibility"),
}


def sample_csv(*, applicants: bool = False) -> str:
    """A small example file with every column, to download and fill in."""
    from app.transfer.spreadsheet import csv_text

    header = list(columns_for(applicants=applicants))
    rows = [
        [
            "ana.kovac@cluster.si",
            "Ana Kovač",
            "Slovenian Wood Cluster",
            "Slovenia",
            "Construction; Energy-Renewables",
            "established",
            "participant",
            "Cluster manager",
            "Savinjska",
            "https://woodcluster.si",
            "2009",
            "64",
            "A cluster of 64 sawmills, joiners and timber-frame builders.",
            "Joint procurement of dry kilns.",
            "Partners for circular timber construction.",
            "Slovenian, English",
            "community",
        ],
        [
            "jan.novak@agrifood.cz",
            "Jan Novák",
            "Moravian Agrifood Cluster",
            "Czech Republic",
            "agri-food",
            "",
            "alumni",
            "",
            "",
            "",
            "2016",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ]
    if applicants:
        rows[0] += [
            "We want to grow from 64 to 100 members and start exporting.",
            "Keeping members engaged between projects.",
            "all",
        ]
        rows[1] += ["To learn how other agrifood clusters finance their services.", "", ""]
    return csv_text(header, rows)
