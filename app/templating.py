"""Filters and globals for templates: reference names, dates, and the current path for links."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask, request
from markupsafe import Markup

from app import reference
from app.fragments import wants_fragment


def format_date(value: date | datetime | None, fmt: str = "%-d %b %Y") -> str:
    """A short, unambiguous date for people: 2 Mar 2023."""
    return value.strftime(fmt) if value else ""


def url_with(**changes) -> str:
    """The current URL with some query parameters changed (None removes one); keeps filters in links."""
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = [str(value)]
    from urllib.parse import urlencode

    query = urlencode(args, doseq=True)
    return f"{request.path}?{query}" if query else request.path


def init_app(app: Flask) -> None:
    """Register the filters and globals."""
    app.jinja_env.filters["country"] = reference.country_name
    app.jinja_env.filters["ecosystem"] = reference.ecosystem_name
    app.jinja_env.filters["theme"] = reference.theme_name
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.globals.update(
        countries=reference.eligible_countries,
        all_ecosystems=reference.ecosystems,
        all_themes=reference.themes,
        maturity_levels=reference.maturity_levels,
        url_with=url_with,
        Markup=Markup,
        wants_fragment=wants_fragment,
    )
