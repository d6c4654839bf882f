"""Who may change what in the challenges area: one place for the rules the helpers and templates share."""

from __future__ import annotations

from flask import url_for
from flask_login import current_user

from app.models import Challenge, User


def is_author(user: User, author_id: int | None) -> bool:
    """True when the (logged-in) user wrote the thing whose author is `author_id`."""
    return bool(user.is_authenticated and author_id is not None and user.id == author_id)


def may_edit(user: User, author_id: int | None) -> bool:
    """Authors edit and delete their own challenges and replies; admins any."""
    return is_author(user, author_id) or bool(user.is_authenticated and user.is_admin)


def profile_url(user: User | None) -> str | None:
    """Link to the author's profile page, when they have one that is not hidden."""
    if user is None or user.profile is None or user.profile.visibility == "hidden":
        return None
    # The profiles area decides who may see which profile; a members-only one answers 404 there.
    return url_for("profiles.detail", profile_id=user.profile.id)


def template_helpers() -> dict:
    """Show or hide buttons in challenge templates (the routes enforce the same rules)."""

    def can_edit(item) -> bool:
        return may_edit(current_user, item.author_id)

    def can_decide(challenge: Challenge) -> bool:
        return is_author(current_user, challenge.author_id)

    return {"can_edit": can_edit, "can_decide": can_decide, "profile_url": profile_url}
