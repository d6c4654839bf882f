"""Routes of a practice's version history: the list, one version, a comparison, and restoring.

Reading follows the practice's own visibility (get_practice_or_404); restoring is for its
authors, coaches and admins. Each GET answers htmx with the partial its page includes.
"""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.fragments import wants_fragment
from app.practices import queries as practice_queries
from app.practices.blueprint import bp
from app.practices.history import queries, services
from app.practices.pages import render_page_or_fragment

CURRENT = "current"


@bp.get("/<int:practice_id>/history")
def history(practice_id: int):
    """Every version of a practice: who changed what, when, and why; read, compare, restore."""
    practice = practice_queries.get_practice_or_404(practice_id, viewer=current_user)
    return render_page_or_fragment(
        "history", practice=practice, versions=queries.versions_of(practice)
    )


@bp.get("/<int:practice_id>/history/<int:version_id>")
def version(practice_id: int, version_id: int):
    """One earlier version, readable as it was (Markdown sanitised as on the practice page)."""
    practice = practice_queries.get_practice_or_404(practice_id, viewer=current_user)
    found = queries.get_version_or_404(practice, version_id)
    content = queries.readable(queries.content_of(found, practice))
    return render_page_or_fragment("version", practice=practice, version=found, content=content)


@bp.get("/<int:practice_id>/compare")
def compare(practice_id: int):
    """What changed between two versions (?from=<id>&to=<id or "current">), field by field."""
    practice = practice_queries.get_practice_or_404(practice_id, viewer=current_user)
    older = queries.get_version_or_404(practice, request.args.get("from", 0, type=int))
    to = request.args.get("to", CURRENT)
    newer = None if to == CURRENT else queries.get_version_or_404(practice, _int(to))
    changes = queries.compare(
        queries.content_of(older, practice), queries.content_of(newer, practice)
    )
    context = {"practice": practice, "older": older, "newer": newer, "changes": changes}
    return render_page_or_fragment("compare", versions=queries.versions_of(practice), **context)


@bp.post("/<int:practice_id>/history/<int:version_id>/restore")
@login_required
def restore(practice_id: int, version_id: int):
    """ "Restore this version": its authors, coaches and admins save it again as a new version."""
    practice = practice_queries.get_practice_or_404(
        practice_id, viewer=current_user, editable_by=current_user
    )
    found = queries.get_version_or_404(practice, version_id)
    changed = services.restore_version(practice, found, current_user)
    db.session.commit()
    message = (
        f"Restored: {', '.join(changed)} read as in that version again, saved as a new version."
        if changed
        else "That version reads like the practice now: nothing to restore."
    )
    if wants_fragment():
        versions = queries.versions_of(practice)
        return render_page_or_fragment(
            "history", practice=practice, versions=versions, message=message
        )
    flash(message, "success")
    return redirect(url_for(".detail", practice_id=practice.id))


def _int(value: str) -> int:
    return int(value) if value.isdigit() else 0
