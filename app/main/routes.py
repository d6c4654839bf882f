"""Routes of the main area: the home page, for visitors and for members."""

from __future__ import annotations

from datetime import date

from flask import current_app, render_template, send_from_directory
from flask_login import current_user

from app import maps, reference
from app.auth.visits import previous_login_at
from app.main import queries
from app.main.blueprint import bp


@bp.get("/")
def index():
    """Visitors learn what the community is and how to join; members see their own activity."""
    counts = queries.community_counts(current_user)
    europe = maps.europe_map(maps.managers_per_country(current_user))
    if not current_user.is_authenticated:
        return render_template(
            "main/index.html", counts=counts, past_editions=past_editions(), europe=europe
        )
    since = previous_login_at(current_user)
    return render_template(
        "main/dashboard.html",
        counts=counts,
        europe=europe,
        since=since,
        open_challenges=queries.my_open_challenges(current_user, since=since),
        latest_replies=queries.latest_replies_to_me(current_user),
        ecosystem_challenges=queries.challenges_in_my_ecosystems(current_user),
        memberships=queries.my_editions(current_user),
    )


@bp.get("/favicon.ico")
def favicon():
    """The site icon where browsers look for it without a <link> (pages also link the SVG)."""
    return send_from_directory(
        current_app.static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon", max_age=86400
    )


def past_editions() -> list[dict]:
    """The real past Academy editions with their days as dates, for the visitor's page."""

    def days(pair: list[str] | None) -> tuple[date, date] | None:
        return (date.fromisoformat(pair[0]), date.fromisoformat(pair[-1])) if pair else None

    return [
        {
            "name": c["name"],
            "place": c["place"],
            "online": days(c.get("online")),
            "in_person": days(c.get("in_person")),
        }
        for c in reference.past_editions()
    ]
