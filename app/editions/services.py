"""Writes for editions themselves: create and edit one, open or close its call, and tell its people.

Applications, breakouts and homework have their own services in their packages. They flush, never commit.
"""

from __future__ import annotations

from app.extensions import db
from app.mail import send_email
from app.models import Edition, User
from app.notifications.services import notify

EDITION_FIELDS = (
    "name",
    "place",
    "host",
    "description",
    "online_start",
    "online_end",
    "in_person_start",
    "in_person_end",
    "min_size",
    "max_size",
    "applications_open",
    "application_deadline",
)


def save_edition(edition: Edition | None, **fields) -> Edition:
    """Create an edition (edition is None) or update one from the edition form's fields."""
    edition = edition or Edition()
    for name in EDITION_FIELDS:
        if name in fields:
            setattr(edition, name, fields[name])
    db.session.add(edition)
    db.session.flush()
    return edition


class CallRefused(Exception):
    """The call cannot change as asked (it needs a deadline to open)."""


def toggle_call(edition: Edition) -> bool:
    """Open a closed call for applications, or close an open one; returns whether it is now open."""
    if not edition.applications_open and not edition.application_deadline:
        raise CallRefused("Set an application deadline (Edit edition) before opening the call.")
    edition.applications_open = not edition.applications_open
    db.session.flush()
    return edition.applications_open


def tell(
    user: User,
    *,
    event: str,
    subject: str,
    message: str,
    link: str | None = None,
    formal: bool = False,
) -> None:
    """Notify a person on the site (the notifications area emails by their preference); `formal` letters
    about applications are always emailed too."""
    if formal:
        send_email(user.email, subject, f"{message}\n\n{link or ''}".strip(), user_id=user.id)
    notify(user, event=event, message=message, link=link, email=not formal)
