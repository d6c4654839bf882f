"""Admin writes: change a user's role, deactivate or reactivate an account. They flush, never commit."""

from __future__ import annotations

from app.extensions import db
from app.models import ROLES, User
from app.signals import user_deactivated


class AdminActionRefused(ValueError):
    """An admin action that is not allowed; the message says why, for the admin to read."""


def change_role(admin: User, user: User, *, role: str) -> None:
    """Give `user` a new role; an admin cannot demote themself (there must always be one left)."""
    if role not in ROLES:
        raise AdminActionRefused(f"Choose a role: {', '.join(ROLES)}.")
    if user.id == admin.id and role != "admin":
        raise AdminActionRefused(
            "You cannot remove your own admin role. Ask another admin to do it."
        )
    user.role = role
    db.session.flush()


def deactivate_user(admin: User, user: User) -> None:
    """Stop `user` from logging in; what they wrote stays on the site."""
    if user.id == admin.id:
        raise AdminActionRefused("You cannot deactivate your own account.")
    if not user.is_active_account:
        return
    user.is_active_account = False
    db.session.flush()
    user_deactivated.send(user)


def reactivate_user(user: User) -> None:
    """Let a deactivated user log in again."""
    user.is_active_account = True
    db.session.flush()
