"""The weekly digest as a scheduled job: the same digests as `flask send-digests`, committed."""

from __future__ import annotations

from app.extensions import db
from app.models import Notification, NotificationPreference, OutboxMessage
from app.notifications.jobs import weekly_digest_job


def test_the_digest_job_emails_opted_in_members_their_unread_notifications(app, make_user):
    member = make_user(email="digest@example.eu")
    db.session.add(
        NotificationPreference(
            user_id=member.id, muted_events="", email_enabled=True, weekly_digest=True
        )
    )
    db.session.add(
        Notification(
            user_id=member.id, event="reply_posted", message="Ana replied to your challenge"
        )
    )
    db.session.commit()
    assert weekly_digest_job() == 1
    mail = db.session.scalar(db.select(OutboxMessage).filter_by(recipient="digest@example.eu"))
    assert mail is not None and "Ana replied to your challenge" in mail.body
    assert weekly_digest_job() == 0  # a second run in the same week sends nothing twice
