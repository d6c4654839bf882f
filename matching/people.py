"""People as the matcher sees them, and reading them from JSON Lines.

A `Person` is a plain, immutable record: the web app builds them from database rows, the CLI
reads them from a `.jsonl` file. Nothing here knows about Flask or a database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MATURITY_LEVELS = {1: "emerging", 2: "developing", 3: "established", 4: "advanced"}


class InputError(ValueError):
    """Bad input, with the record and field it is about, ready to show as one line."""

    def __init__(self, message: str, *, record: str | None = None, field: str | None = None):
        self.message = message
        self.record = record
        self.field = field
        where = []
        if record is not None:
            where.append(f"record {record}")
        if field is not None:
            where.append(f"field '{field}'")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


@dataclass(frozen=True)
class Person:
    """One cluster manager: who they are, where they work, and the texts we match on."""

    id: str
    name: str
    organisation: str
    country: str
    ecosystems: tuple[str, ...]
    maturity: int
    challenge: str = ""
    expertise: str = ""
    needs: str = ""
    cohort: str | None = None
    met: frozenset[str] = field(default_factory=frozenset)
    score: float | None = None
    # Optional "about my cluster" text. Similar mode compares `challenge_text` (about, then the
    # challenge); reasons say "Similar challenge" only when both people have a `challenge`.
    about: str = ""

    @property
    def challenge_text(self) -> str:
        """What similar mode compares: the about text and the challenge, joined."""
        return "\n\n".join(t for t in (self.about, self.challenge) if t.strip())

    @property
    def maturity_name(self) -> str:
        """The maturity level as a word: emerging, developing, established or advanced."""
        return MATURITY_LEVELS.get(self.maturity, str(self.maturity))


REQUIRED_FIELDS = ("id", "name", "organisation", "country", "ecosystems", "maturity")


def person_from_dict(
    data: dict,
    *,
    record: str,
    countries: set[str] | None = None,
    ecosystems: set[str] | None = None,
) -> Person:
    """Build a Person from one decoded JSON object, raising InputError naming the bad field."""
    if not isinstance(data, dict):
        raise InputError("expected a JSON object", record=record)
    if data.get("id") not in (None, ""):
        record = f"{record} (id {data['id']})"
    for name in REQUIRED_FIELDS:
        if name not in data or data[name] in (None, ""):
            raise InputError("is missing; every line needs it", record=record, field=name)
    pid = str(data["id"])
    country = str(data["country"]).upper()
    if countries is not None and country not in countries:
        raise InputError(
            f"unknown country code {data['country']!r}; use a code from countries.json",
            record=record,
            field="country",
        )
    ecos = data["ecosystems"]
    if isinstance(ecos, str):
        ecos = [ecos]
    if not isinstance(ecos, list) or not ecos:
        raise InputError(
            "must be a non-empty list of ecosystem slugs", record=record, field="ecosystems"
        )
    for slug in ecos:
        if ecosystems is not None and slug not in ecosystems:
            raise InputError(
                f"unknown ecosystem {slug!r}; use a slug from ecosystems.json",
                record=record,
                field="ecosystems",
            )
    try:
        maturity = int(data["maturity"])
    except (TypeError, ValueError):
        maturity = 0
    if maturity not in MATURITY_LEVELS:
        raise InputError("must be a whole number from 1 to 4", record=record, field="maturity")
    met = data.get("met") or []
    if not isinstance(met, list):
        raise InputError("must be a list of ids", record=record, field="met")
    score = data.get("score")
    if score is not None:
        try:
            score = float(score)
        except (TypeError, ValueError):
            raise InputError("must be a number", record=record, field="score") from None
    return Person(
        id=pid,
        name=str(data["name"]),
        organisation=str(data["organisation"]),
        country=country,
        ecosystems=tuple(str(e) for e in ecos),
        maturity=maturity,
        challenge=str(data.get("challenge") or ""),
        expertise=str(data.get("expertise") or ""),
        needs=str(data.get("needs") or ""),
        about=str(data.get("about") or ""),
        cohort=(str(data["cohort"]) if data.get("cohort") not in (None, "") else None),
        met=frozenset(str(m) for m in met),
        score=score,
    )


def parse_people(
    lines: Iterable[str],
    *,
    countries: set[str] | None = None,
    ecosystems: set[str] | None = None,
) -> list[Person]:
    """Parse JSON Lines into people; blank lines are skipped, duplicate ids refused."""
    people: list[Person] = []
    seen: set[str] = set()
    for number, line in _numbered(lines):
        record = f"line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"is not valid JSON ({exc.msg})", record=record) from None
        person = person_from_dict(data, record=record, countries=countries, ecosystems=ecosystems)
        if person.id in seen:
            raise InputError(
                f"duplicate id {person.id!r}; ids must be unique", record=record, field="id"
            )
        seen.add(person.id)
        people.append(person)
    return people


def load_people(path: str | Path, **kwargs: Any) -> list[Person]:
    """Read people from a JSON Lines file (see examples/people.jsonl)."""
    with open(path, encoding="utf-8") as handle:
        return parse_people(handle, **kwargs)


def _numbered(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield number, line
