"""Filters and globals for templates: reference names, dates, and the current path for links."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask, request, url_for
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
    app.jinja_env.filters["initials"] = initials
    app.jinja_env.globals.update(
        countries=reference.eligible_countries,
        all_ecosystems=reference.ecosystems,
        all_themes=reference.themes,
        maturity_levels=reference.maturity_levels,
        url_with=url_with,
        profile_url=profile_url,
        Markup=Markup,
        wants_fragment=wants_fragment,
    )


def initials(name: str | None) -> str:
    """Up to two capital letters for an avatar: "Urška Potočnik" → "UP", "Ana" → "A"."""
    words = [w for w in (name or "").replace("-", " ").split() if w[:1].isalpha()]
    if not words:
        return "?"
    picked = words[:1] + words[-1:] if len(words) > 1 else words
    return "".join(w[0] for w in picked).upper()


def profile_url(user) -> str | None:
    """The profile page of `user` if the current user may open it (remembered for the request), else None."""
    from flask import g
    from flask_login import current_user

    if user is None or user.profile is None:
        return None
    known = g.setdefault("profile_urls", {})
    if user.id not in known:
        from app.profile_visibility import can_view_profile

        visible = can_view_profile(current_user, user.profile)
        known[user.id] = url_for("profiles.detail", profile_id=user.profile.id) if visible else None
    return known[user.id]
