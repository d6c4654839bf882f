"""Background entry point for schedulers (RQ-scheduler; cron runs `flask send-meeting-reminders`)."""

from __future__ import annotations

from flask import has_app_context

from app.extensions import db
from app.meetings.follow_up import queries, services


def meeting_reminders_job() -> int:
    """Send the due six-month follow-up reminders and commit; builds the app outside one."""
    if has_app_context():
        return _send()
    from app import create_app

    with create_app().app_context():
        return _send()


def _send() -> int:
    try:
        sent = services.send_meeting_reminders(today=queries.today())
        db.session.commit()
        return sent
    finally:
        db.session.remove()
