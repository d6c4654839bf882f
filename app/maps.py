"""The map of Europe: managers per country drawn as server-side SVG, each country a link.

Country outlines come from static/vendor/europe/countries.json (built once from the npm package
world-atlas by scripts/build_europe_shapes.py; version and licence in static/vendor/VERSIONS.md).
Counts follow the directory's visibility rule for the viewer, so a country's number is what the
directory filtered to that country shows.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from flask import url_for
from sqlalchemy import func, select

from app import reference
from app.extensions import db
from app.models import Profile

SHAPES = Path(__file__).resolve().parent.parent / "static" / "vendor" / "europe" / "countries.json"
# Light to dark blue: more managers, darker; index 0 is an eligible country with nobody yet.
SHADES = ("#e8eef5", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")


@cache
def shapes() -> dict:
    """The projected outlines: {"width", "height", "shapes": {code: SVG path}}."""
    return json.loads(SHAPES.read_text())


def managers_per_country(viewer) -> dict[str, int]:
    """Country code → profiles `viewer` may see there (the directory's rule)."""
    from app.profile_visibility import visible_profiles_clause

    rows = db.session.execute(
        select(Profile.country, func.count(Profile.id))
        .where(visible_profiles_clause(viewer))
        .group_by(Profile.country)
    )
    return {code: count for code, count in rows if code}


def shade(count: int, most: int) -> str:
    """The fill for a count, on a scale up to the busiest country."""
    if count <= 0 or most <= 0:
        return SHADES[0]
    return SHADES[min(len(SHADES) - 1, 1 + (len(SHADES) - 2) * count // most)]


def europe_map(counts: dict[str, int]) -> dict:
    """What the map partial draws: a shape per country, linked and shaded when people can come from it."""
    data = shapes()
    eligible = reference.eligible_countries()
    most = max(counts.values(), default=0)
    countries = []
    for code, path in sorted(data["shapes"].items()):
        count = counts.get(code, 0)
        countries.append(
            {
                "code": code,
                "path": path,
                "count": count,
                "name": eligible.get(code, code),
                "eligible": code in eligible,
                "fill": shade(count, most) if code in eligible else None,
                "href": url_for("profiles.directory", country=code)
                if code in eligible and count
                else None,
            }
        )
    table = sorted(
        (
            {
                "code": c,
                "name": reference.country_name(c),
                "count": n,
                "href": url_for("profiles.directory", country=c) if c in eligible else None,
            }
            for c, n in counts.items()
        ),
        key=lambda row: (-row["count"], row["name"]),
    )
    return {
        "width": data["width"],
        "height": data["height"],
        "countries": countries,
        "table": table,
        "total": sum(counts.values()),
        "legend": [(SHADES[0], "none yet")] + _legend(most),
    }


def _legend(most: int) -> list[tuple[str, str]]:
    """Colour → range of managers, for the key under the map."""
    if most <= 0:
        return []
    steps, rows, low = len(SHADES) - 2, [], 1
    for i in range(steps + 1):
        high = max(low, ((i + 1) * most - 1) // steps) if i < steps else most
        if low > most:
            break
        colour = shade(low, most)
        if rows and rows[-1][0] == colour:
            continue
        rows.append((colour, f"{low}" if low == high else f"{low}–{high}"))
        low = high + 1
    return rows


def ecosystem_country_grid(viewer) -> dict:
    """Ecosystems × countries: how many managers the viewer may see in each pair, each cell a link
    to the directory filtered to both. Only countries with someone in them get a column."""
    from app.models import ProfileEcosystem
    from app.profile_visibility import visible_profiles_clause

    rows = db.session.execute(
        select(ProfileEcosystem.ecosystem, Profile.country, func.count(Profile.id))
        .join(Profile, ProfileEcosystem.profile_id == Profile.id)
        .where(visible_profiles_clause(viewer))
        .group_by(ProfileEcosystem.ecosystem, Profile.country)
    )
    counts = {(ecosystem, country): n for ecosystem, country, n in rows if country}
    countries = sorted({c for _, c in counts}, key=reference.country_name)
    most = max(counts.values(), default=0)
    grid = []
    for slug, name in reference.ecosystems().items():
        cells = []
        for code in countries:
            n = counts.get((slug, code), 0)
            level = 0 if not n else SHADES.index(shade(n, most))
            href = url_for("profiles.directory", country=code, ecosystem=slug) if n else None
            cells.append({"count": n, "level": level, "href": href})
        grid.append(
            {"slug": slug, "name": name, "cells": cells, "total": sum(c["count"] for c in cells)}
        )
    return {"countries": [(c, reference.country_name(c)) for c in countries], "rows": grid}
