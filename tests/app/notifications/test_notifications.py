"""Notifications: the bell, the list, marking read, preferences, email and the weekly digest."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.extensions import db
from app.models import Notification, OutboxMessage, utcnow
from app.notifications.services import notify, preferences_for, send_weekly_digests
from tests.conftest import HTMX


@pytest.fixture
def member(make_user):
    user = make_user(name="Ana Novak", email="ana@example.eu")
    db.session.commit()
    return user


def outbox_to(email: str) -> list[OutboxMessage]:
    return list(db.session.scalars(db.select(OutboxMessage).filter_by(recipient=email)))


def test_notify_stores_the_notification_and_emails_by_default(member):
    notification = notify(member, event="reply_posted", message="Bo replied", link="/challenges/1")
    assert notification.user_id == member.id and notification.link == "/challenges/1"
    assert [m.subject for m in outbox_to("ana@example.eu")] == [
        "Cluster Booster Community: Bo replied"
    ]


def test_notify_honours_a_muted_event(member):
    preferences_for(member).muted = {"reply_posted"}
    assert notify(member, event="reply_posted", message="Bo replied") is None
    assert notify(member, event="invited_to_reply", message="Please reply") is not None


def test_muting_coaching_covers_application_and_homework_events(member):
    preferences_for(member).muted = {"coaching"}
    assert notify(member, event="homework_posted", message="New homework") is None
    assert notify(member, event="application_accepted", message="Welcome") is None


def test_notify_without_email_when_the_user_turned_it_off(member):
    preferences_for(member).email_enabled = False
    assert notify(member, event="reply_posted", message="Bo replied") is not None
    assert outbox_to("ana@example.eu") == []


def test_notify_skips_deactivated_accounts(member):
    member.is_active_account = False
    assert notify(member, event="reply_posted", message="Bo replied") is None


def test_bell_shows_the_unread_count_as_a_tiny_fragment(member, login):
    notify(member, event="x", message="one")
    notify(member, event="x", message="two")
    response = login(member).get("/notifications/bell", headers=HTMX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'data-unread="2"' in html and "<html" not in html
    assert len(html) < 400


def test_bell_without_unread_shows_no_badge(member, login):
    assert "data-unread" not in login(member).get("/notifications/bell").get_data(as_text=True)


def test_list_is_a_page_or_an_htmx_fragment(member, login):
    notify(member, event="x", message="Bo replied to your challenge")
    client = login(member)
    page = client.get("/notifications/").get_data(as_text=True)
    fragment = client.get("/notifications/", headers=HTMX).get_data(as_text=True)
    assert "<html" in page and "Bo replied to your challenge" in page
    assert "<html" not in fragment and "Bo replied to your challenge" in fragment


def test_mark_read_with_htmx_returns_the_item_and_without_follows_the_link(member, login):
    first = notify(member, event="x", message="one", link="/challenges/7")
    second = notify(member, event="x", message="two")
    db.session.commit()
    client = login(member)
    response = client.post(f"/notifications/{first.id}/read", headers=HTMX)
    assert response.status_code == 200 and "Mark read" not in response.get_data(as_text=True)
    assert client.post(f"/notifications/{first.id}/read").location.endswith("/challenges/7")
    assert client.post(f"/notifications/{second.id}/read").location.endswith("/notifications/")
    assert db.session.get(Notification, second.id).read_at is not None


def test_nobody_can_read_or_mark_someone_elses_notifications(member, login, make_user):
    mine = notify(member, event="x", message="private")
    db.session.commit()
    stranger = make_user()
    client = login(stranger)
    assert client.post(f"/notifications/{mine.id}/read").status_code == 404
    assert "private" not in client.get("/notifications/").get_data(as_text=True)
    assert db.session.get(Notification, mine.id).read_at is None


def test_mark_all_read(member, login):
    for text in ("one", "two"):
        notify(member, event="x", message=text)
    client = login(member)
    assert client.post("/notifications/read-all", headers=HTMX).status_code == 200
    assert client.post("/notifications/read-all").status_code == 302
    assert "data-unread" not in client.get("/notifications/bell").get_data(as_text=True)


def test_preferences_page_saves_the_choices(member, login):
    client = login(member)
    assert client.get("/notifications/preferences").status_code == 200
    response = client.post(
        "/notifications/preferences", data={"events": ["reply_posted"], "weekly_digest": "y"}
    )
    assert response.status_code == 302
    preference = preferences_for(member)
    assert "introduction_requested" in preference.muted and "reply_posted" not in preference.muted
    assert preference.email_enabled is False and preference.weekly_digest is True


def test_preferences_post_without_csrf_is_refused(app, member, login):
    app.config["WTF_CSRF_ENABLED"] = True
    assert (
        login(member).post("/notifications/preferences", data={"weekly_digest": "y"}).status_code
        == 400
    )


def test_weekly_digest_goes_to_those_who_opted_in_once_a_week(member, make_user, runner):
    other = make_user(email="other@example.eu")
    preferences_for(member).weekly_digest = True
    notify(member, event="x", message="Bo replied")
    notify(other, event="x", message="Cy replied")
    db.session.commit()
    result = runner.invoke(args=["send-digests"])
    assert "Sent 1 weekly digest" in result.output
    digests = [m for m in outbox_to("ana@example.eu") if "digest" in m.subject]
    assert len(digests) == 1 and "Bo replied" in digests[0].body
    assert not [m for m in outbox_to("other@example.eu") if "digest" in m.subject]
    assert send_weekly_digests() == 0  # not twice in a week
    assert send_weekly_digests(now=utcnow() + timedelta(days=8)) == 0  # nothing new unread


def test_pages_need_login(client):
    assert (
        client.get("/notifications/bell").status_code == 204
    )  # polling after logout swaps nothing
    assert client.get("/notifications/").status_code == 302
