"""Reference lists bundled with the library: countries, ecosystems and maturity levels.

The JSON files in `matching/data/` are the project's one copy of these lists: the package works
on its own (a wheel, a clean clone, a notebook), and the web app's `app/reference.py` reads them
from here.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def load(name: str) -> dict:
    """One bundled reference file as parsed JSON: "countries", "ecosystems" or "maturity".

    The web app reads these lists through here too, so there is one copy of each.
    """
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


@cache
def countries() -> dict[str, str]:
    """Eligible country codes (EU-27 and COSME participants) mapped to their English names."""
    data = load("countries")
    entries = data["eu_member_states"] + data["cosme_associated"]
    return {entry["code"]: entry["name"] for entry in entries}


@cache
def ecosystems() -> dict[str, str]:
    """The 14 industrial ecosystem slugs mapped to their display names."""
    return {entry["slug"]: entry["name"] for entry in load("ecosystems")["ecosystems"]}


@cache
def maturity_levels() -> dict[int, str]:
    """Maturity levels 1-4 mapped to their names (Emerging … Advanced)."""
    levels = load("maturity")["levels"]
    return {number: level["name"] for number, level in enumerate(levels, start=1)}


def country_name(code: str) -> str:
    """The English name of a country code, or the code itself when it is not in the list."""
    return countries().get(code, code)


def ecosystem_name(slug: str) -> str:
    """The display name of an ecosystem slug, or the slug itself when it is not in the list."""
    return ecosystems().get(slug, slug)
