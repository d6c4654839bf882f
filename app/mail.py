"""Sending email: through Flask-Mail when MAIL_SERVER is set, otherwise kept in the admin outbox.

The outbox (an admin-only page) is how a site without a mail server still shows what it would
have mailed, during development and demos. It never holds secrets: a caller names the parts of
a body that must not be kept (a reset link's token), and the outbox copy shows them masked. With
a mail server configured nothing is kept at all. `mail_sent` carries every message as sent, for
tests and for a developer's console (debug runs log the full body).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from blinker import Namespace
from flask import current_app
from flask_mail import Message

from app.extensions import db, mail
from app.models import OutboxMessage

log = logging.getLogger(__name__)
mail_sent = Namespace().signal("mail-sent")

MASK = "[hidden: only the recipient's copy has it]"


def send_email(
    recipient: str,
    subject: str,
    body: str,
    *,
    user_id: int | None = None,
    secrets: Iterable[str] = (),
    flush: bool = True,
) -> OutboxMessage | None:
    """Send the message through the mail server, or keep it (secrets masked) in the outbox when
    there is none; never raises on SMTP errors. Returns the outbox copy, if one was kept.

    `flush=False` leaves the outbox row to the caller's next flush (many mails at once)."""
    mail_sent.send(
        current_app._get_current_object(), recipient=recipient, subject=subject, body=body
    )
    masked = mask(body, secrets)
    if current_app.config.get("MAIL_SERVER"):
        try:
            mail.send(Message(subject=subject, recipients=[recipient], body=body))
        except Exception:  # a mail outage must not lose the user's action
            log.exception("could not send mail to %s: %s", recipient, subject)
        return None
    if current_app.debug:
        log.info("mail to %s (no MAIL_SERVER): %s\n%s", recipient, subject, body)
    else:
        log.info("mail to %s (no MAIL_SERVER, kept in the outbox): %s", recipient, subject)
    message = OutboxMessage(recipient=recipient, subject=subject, body=masked, user_id=user_id)
    db.session.add(message)
    if flush:
        db.session.flush()
    return message


def mask(body: str, secrets: Iterable[str]) -> str:
    """The body with every secret replaced by MASK."""
    for secret in secrets:
        if secret:
            body = body.replace(secret, MASK)
    return body
