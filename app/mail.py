"""Sending email: through Flask-Mail when MAIL_SERVER is set, always recorded in the outbox.

The outbox (an admin-only page) is how a site without a mail server still delivers password-reset
links and notifications during development and demos.
"""

from __future__ import annotations

import logging

from flask import current_app
from flask_mail import Message

from app.extensions import db, mail
from app.models import OutboxMessage

log = logging.getLogger(__name__)


def send_email(
    recipient: str, subject: str, body: str, *, user_id: int | None = None, flush: bool = True
) -> OutboxMessage:
    """Record the message in the outbox and send it if a mail server is configured; never raises on SMTP errors.

    `flush=False` leaves the outbox row to the caller's next flush (many mails at once)."""
    message = OutboxMessage(recipient=recipient, subject=subject, body=body, user_id=user_id)
    db.session.add(message)
    if current_app.config.get("MAIL_SERVER"):
        try:
            mail.send(Message(subject=subject, recipients=[recipient], body=body))
            message.sent = True
        except Exception:  # a mail outage must not lose the user's action
            log.exception("could not send mail to %s; kept in the outbox", recipient)
    else:
        log.info("mail to %s (no MAIL_SERVER, kept in the outbox): %s\n%s", recipient, subject, body)
    if flush:
        db.session.flush()
    return message
