"""Restoring an earlier version of a practice. History is never rewritten: restoring saves the
practice again with the earlier content, which adds a new version saying so."""

from __future__ import annotations

from app.models import Practice, PracticeVersion, User
from app.practices.history.queries import content_of
from app.practices.services import PracticeContent, edit_practice, snapshot_of


def restore_version(practice: Practice, version: PracticeVersion, editor: User) -> list[str]:
    """Bring back a version's texts, tags and links as a new version; returns the changed field
    labels (empty: it equals the practice as it is now).

    Visibility, co-authors and files stay as they are now: they decide who sees and edits the
    practice, which restoring wording should never widen or narrow.
    """
    saved = content_of(version, practice)
    merged = snapshot_of(practice) | {k: v for k, v in saved.items() if k != "visibility"}
    content = PracticeContent(
        title=merged["title"],
        summary=merged["summary"],
        kind=merged["kind"],
        how_to=merged["how_to"],
        problem=merged["problem"],
        needs_time=merged["needs_time"],
        needs_budget=merged["needs_budget"],
        needs_team=merged["needs_team"],
        results=merged["results"],
        languages=merged["languages"],
        visibility=practice.visibility,
        themes=list(merged["themes"]),
        ecosystems=list(merged["ecosystems"]),
        maturities=list(merged["maturities"]),
        links=[(url, label) for url, label in merged["links"]],
        coauthors=practice.coauthors,
    )
    who = version.editor.name if version.editor else "a former member"
    note = f"Restored the version of {version.created_at:%-d %b %Y, %H:%M} by {who}."
    return edit_practice(practice, editor, content, note=note)
