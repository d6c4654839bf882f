"""Reference lists: eligible countries, the 14 industrial ecosystems, themes, maturity levels, past editions.

Countries, ecosystems and maturity levels come from matching/data (the one copy, which the matching
library needs on its own); themes and past editions from app/data. Everything that shows a country or
ecosystem name, or validates a code, goes through here.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

from flask import current_app, has_app_context

from matching import reference as matching_reference

DATA = Path(__file__).resolve().parent / "data"
MATURITY_SLUGS = ("emerging", "developing", "established", "advanced")
LABELS = ("none", "bronze", "silver", "gold")


SHARED_WITH_MATCHING = ("countries", "ecosystems", "maturity")


@cache
def _load(name: str) -> dict:
    """One reference file: matching's bundled copy for the lists it shares, else app/data."""
    if name in SHARED_WITH_MATCHING:
        return matching_reference.load(name)
    with open(DATA / f"{name}.json", encoding="utf-8") as handle:
        return json.load(handle)


@cache
def country_names() -> dict[str, str]:
    """Every known country code → name (EU-27 and COSME-associated), alphabetical by name."""
    data = _load("countries")
    pairs = [(c["code"], c["name"]) for c in data["eu_member_states"] + data["cosme_associated"]]
    return dict(sorted(pairs, key=lambda pair: pair[1]))


def eligible_countries() -> dict[str, str]:
    """Countries whose managers may register: the configured list, else all known countries."""
    configured = current_app.config.get("ELIGIBLE_COUNTRIES") if has_app_context() else None
    names = country_names()
    if not configured:
        return names
    return {code: names.get(code, code) for code in names if code in configured} | {
        code: code for code in configured if code not in names
    }


def country_name(code: str | None) -> str:
    """The country's name for a code, or the code itself when unknown."""
    return country_names().get((code or "").upper(), code or "")


@cache
def ecosystems() -> dict[str, str]:
    """The 14 industrial ecosystems, slug → name, in reference order."""
    return {e["slug"]: e["name"] for e in _load("ecosystems")["ecosystems"]}


def ecosystem_name(slug: str) -> str:
    """The ecosystem's display name for a slug."""
    return ecosystems().get(slug, slug)


@cache
def themes() -> dict[str, str]:
    """Challenge themes, slug → name."""
    return {t["slug"]: t["name"] for t in _load("themes")["themes"]}


def theme_name(slug: str) -> str:
    """The theme's display name for a slug."""
    return themes().get(slug, slug)


@cache
def maturity_levels() -> dict[str, str]:
    """Maturity levels, slug → name, from least to most mature."""
    return {m["slug"]: m["name"] for m in _load("maturity")["levels"]}


def maturity_rank(slug: str | None) -> int:
    """1 (emerging) to 4 (advanced); 0 when unknown."""
    return MATURITY_SLUGS.index(slug) + 1 if slug in MATURITY_SLUGS else 0


def derive_maturity(
    founded_year: int | None, label: str | None, *, today: date | None = None
) -> str:
    """Maturity from age and ESCA/EUCLES label, per matching/data/maturity.json; the higher of the two wins."""
    label_rank = {"bronze": 2, "silver": 3, "gold": 4}.get(label or "none", 1)
    age_rank = 1
    if founded_year:
        age = (today or date.today()).year - founded_year
        age_rank = 1 if age < 3 else 2 if age <= 7 else 3 if age <= 15 else 4
    return MATURITY_SLUGS[max(age_rank, label_rank) - 1]


@cache
def past_editions() -> list[dict]:
    """The real past editions of the Cluster Booster Academy."""
    return _load("cohorts")["cohorts"]
