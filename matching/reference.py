"""Reference lists bundled with the library: countries, ecosystems and maturity levels.

The JSON files in `matching/data/` are copies of the project's shared reference lists, so the
package works on its own (a wheel, a clean clone, a notebook) without reaching outside itself.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def _load(name: str) -> dict:
    """Read one bundled reference file."""
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@cache
def countries() -> dict[str, str]:
    """Eligible country codes (EU-27 and COSME participants) mapped to their English names."""
    data = _load("countries.json")
    entries = data["eu_member_states"] + data["cosme_associated"]
    return {entry["code"]: entry["name"] for entry in entries}


@cache
def ecosystems() -> dict[str, str]:
    """The 14 industrial ecosystem slugs mapped to their display names."""
    return {entry["slug"]: entry["name"] for entry in _load("ecosystems.json")["ecosystems"]}


@cache
def maturity_levels() -> dict[int, str]:
    """Maturity levels 1-4 mapped to their names (Emerging … Advanced)."""
    levels = _load("maturity.json")["levels"]
    return {number: level["name"] for number, level in enumerate(levels, start=1)}


def country_name(code: str) -> str:
    """The English name of a country code, or the code itself when it is not in the list."""
    return countries().get(code, code)


def ecosystem_name(slug: str) -> str:
    """The display name of an ecosystem slug, or the slug itself when it is not in the list."""
    return ecosystems().get(slug, slug)
