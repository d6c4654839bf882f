"""The hand-written material demo profiles are composed from, read once from app/demo/data/.

archetypes.json holds, per industrial ecosystem, a few cluster archetypes (a wine cluster, a
foundry cluster, a games cluster …): organisation name patterns, member mix, products, buyers,
local context and sentences per theme. A person is composed from ONE archetype, so their
organisation, About, expertise, needs and challenges agree. profile_banks.json adds theme
sentences that fit any cluster, for variety.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Archetype:
    """One kind of cluster in one ecosystem, and what its manager would write."""

    ecosystem: str
    key: str
    names: tuple[str, ...]
    domain: str
    also: tuple[str, ...]  # ecosystems such a cluster may list after its own
    members: tuple[str, ...]
    topics: tuple[str, ...]
    products: tuple[str, ...]
    buyers: tuple[str, ...]
    about: tuple[str, ...]
    hooks: tuple[str, ...]
    expertise: dict[str, str]
    needs: dict[str, str]

    @classmethod
    def from_dict(cls, ecosystem: str, data: dict) -> Archetype:
        """An archetype from its JSON object."""
        fields = {
            name: tuple(value) if isinstance(value, list) else value for name, value in data.items()
        }
        return cls(ecosystem=ecosystem, **fields)


def _read(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as handle:
        return json.load(handle)


def _load_archetypes() -> tuple[dict[str, tuple[Archetype, ...]], dict[str, tuple[str, ...]]]:
    ecosystems = _read("archetypes.json")["ecosystems"]
    archetypes = {
        slug: tuple(Archetype.from_dict(slug, item) for item in entry["archetypes"])
        for slug, entry in ecosystems.items()
    }
    words = {slug: tuple(entry["words"]) for slug, entry in ecosystems.items()}
    return archetypes, words


#: Archetypes per ecosystem slug, in the order of app/data/ecosystems.json.
ARCHETYPES, ECOSYSTEM_WORDS = _load_archetypes()

_BANKS = _read("profile_banks.json")
JOB_TITLES: tuple[str, ...] = tuple(_BANKS["job_titles"])
ABOUT_CLOSERS: tuple[str, ...] = tuple(_BANKS["about_closers"])
EXPERTISE: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _BANKS["expertise"].items()}
NEEDS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _BANKS["needs"].items()}

_BY_KEY = {(a.ecosystem, a.key): a for items in ARCHETYPES.values() for a in items}


def archetype_named(ecosystem: str, key: str) -> Archetype:
    """The archetype a generated person was composed from."""
    return _BY_KEY[(ecosystem, key)]
