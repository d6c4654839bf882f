"""Who lives where in the demo community: names, regions and languages per country.

The tables are data, in app/demo/data/places.json, read once at import. Each first name has a
gender and each surname is either one form for everyone or a (masculine, feminine) pair, so a
generated Icelandic woman is a -dóttir and a Bulgarian man an -ov, never the other way round.
"""

from __future__ import annotations

import json
import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

PLACES_FILE = Path(__file__).resolve().parent / "data" / "places.json"
GENDERS = ("female", "male")


@dataclass(frozen=True)
class Country:
    """What the demo generator needs to invent a manager from one country."""

    code: str
    adjective: str
    language: str
    tld: str
    female_names: tuple[str, ...]
    male_names: tuple[str, ...]
    surnames: tuple[tuple[str, str], ...]  # (masculine, feminine); equal when not inflected
    regions: tuple[str, ...]

    def first_names(self, gender: str) -> tuple[str, ...]:
        """The first names of one gender."""
        return self.female_names if gender == "female" else self.male_names

    def full_name(self, rng: random.Random) -> str:
        """A first name and the surname form that fits its gender."""
        gender = rng.choice(GENDERS)
        first = rng.choice(self.first_names(gender))
        masculine, feminine = rng.choice(self.surnames)
        return f"{first} {feminine if gender == 'female' else masculine}"


def _country(entry: dict) -> Country:
    surnames = tuple(
        (name, name) if isinstance(name, str) else (name[0], name[1]) for name in entry["surnames"]
    )
    return Country(
        code=entry["code"],
        adjective=entry["adjective"],
        language=entry["language"],
        tld=entry.get("tld", entry["code"].lower()),
        female_names=tuple(entry["first_names"]["female"]),
        male_names=tuple(entry["first_names"]["male"]),
        surnames=surnames,
        regions=tuple(entry["regions"]),
    )


def _load_countries() -> tuple[Country, ...]:
    with open(PLACES_FILE, encoding="utf-8") as handle:
        return tuple(_country(entry) for entry in json.load(handle)["countries"])


COUNTRIES: tuple[Country, ...] = _load_countries()

#: Languages cluster managers add after their own; English is (almost) always there.
SECOND_LANGUAGES = ("German", "French", "Spanish", "Italian", "Russian", "Portuguese", "Dutch")

#: Letters that Unicode decomposition does not turn into ASCII, for e-mail addresses and domains.
_TRANSLITERATION = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ß": "ss",
        "æ": "ae",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "'": "",
        " ": "-",
    }
)


def ascii_slug(text: str) -> str:
    """`Bērziņš` → `berzins`, `de Vries` → `de-vries`: safe for an e-mail or a domain."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_TRANSLITERATION))
    return "".join(ch for ch in decomposed if ch.isascii() and (ch.isalnum() or ch == "-"))


def countries_for(eligible_codes: set[str]) -> list[Country]:
    """The demo countries whose managers may register under the configured eligibility."""
    return [country for country in COUNTRIES if country.code in eligible_codes]
