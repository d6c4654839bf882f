"""Public pages of editions: every Academy edition, and who took part in each.

Anyone may read them (profiles follow their owners' visibility). The coaches' own list and
overview of an edition are in app/editions/routes.py."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user

from app.editions.blueprint import bp, old_urls
from app.editions.members import queries

ROLE_HEADINGS = {"participant": "Participants", "coach": "Coaches", "organiser": "Organisers"}


@bp.get("/academy")
def academy():
    """Every Academy edition with its dates, place and number of members."""
    return render_template(
        "editions/members/academy.html", editions=queries.editions_with_role_counts()
    )


@bp.get("/<int:edition_id>/members")
def members(edition_id: int):
    """One edition and its members by role, as far as the viewer may see their profiles."""
    edition = queries.get_edition_or_404(edition_id)
    return render_template(
        "editions/members/members.html",
        edition=edition,
        members=queries.members_by_role(edition, current_user),
        counts=queries.role_counts([edition.id]).get(edition.id, {}),
        role_headings=ROLE_HEADINGS,
    )


@old_urls.get("/")
def old_list():
    """The list's address before editions had one name: moved permanently."""
    return redirect(url_for("editions.academy"), 301)


@old_urls.get("/<int:edition_id>")
def old_members(edition_id: int):
    """An edition's public page at its address before the rename: moved permanently."""
    return redirect(url_for("editions.members", edition_id=edition_id), 301)
