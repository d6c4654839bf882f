"""Background entry points for schedulers (RQ-scheduler, cron through `flask send-digests`)."""

from __future__ import annotations

from flask import has_app_context

from app.extensions import db
from app.notifications.services import send_weekly_digests


def weekly_digest_job() -> int:
    """Send the weekly digests and commit; builds the app when a scheduler runs it outside one."""
    if has_app_context():
        return _send()
    from app import create_app

    with create_app().app_context():
        return _send()


def _send() -> int:
    try:
        sent = send_weekly_digests()
        db.session.commit()
        return sent
    finally:
        db.session.remove()
