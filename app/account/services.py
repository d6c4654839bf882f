"""A member's own data: deleting the account (the JSON download is app/account/export.py).

What is kept for others and what goes is app/privacy.py's policy.
"""

from __future__ import annotations

from app.extensions import db
from app.models import User
from app.privacy import erase_person


class WrongPassword(ValueError):
    """The password typed to confirm the deletion does not match."""


def set_timezone(user: User, *, name: str) -> User:
    """Store the member's time zone (a zoneinfo name the form has checked)."""
    user.timezone = name
    db.session.flush()
    return user


def delete_account(user: User, *, password: str) -> None:
    """Check the password, then remove or anonymise everything about the user (app/privacy.py)."""
    if not user.check_password(password):
        raise WrongPassword(
            "That password is not right. Enter your current password to delete your account."
        )
    erase_person(user)
