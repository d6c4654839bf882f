"""The private calendar feed: "Subscribe to my meetings", the secret link, revoking it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import icalendar
import pytest
from sqlalchemy import select

from app.extensions import db
from app.meetings import services
from app.models import MeetingFeed, OutboxMessage


def subscribe(client) -> str:
    """Press "Subscribe to my meetings" and return the https feed link shown."""
    page = client.post("/meetings/calendar-feed")
    assert page.status_code == 200
    found = re.search(rb'value="(https?://[^"]+/meetings/feed/[^"]+\.ics)"', page.data)
    assert found, "the page shows the https link"
    assert b"webcal://" in page.data
    return found.group(1).decode()


def fetch(app, url: str):
    """Fetch the feed the way a calendar app does: no login, just the link."""
    return app.test_client().get(urlsplit(url).path)


def events_in(response) -> list:
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    return icalendar.Calendar.from_ical(response.data).walk("VEVENT")


@pytest.fixture
def published(login, coach, scheduled):
    event, ana, joao, meeting = scheduled
    login(coach).post(f"/meetings/{event.id}/publish")
    return event, ana, joao, meeting


def test_the_feed_parses_and_names_itself_with_a_refresh_hint(app, login, published):
    _, ana, joao, meeting = published
    response = fetch(app, subscribe(login(ana)))
    calendar = icalendar.Calendar.from_ical(response.data)
    assert str(calendar["X-WR-CALNAME"]) == "Cluster Booster Community: my meetings"
    assert "REFRESH-INTERVAL" in calendar and str(calendar["X-PUBLISHED-TTL"].to_ical(), "ascii")
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["UID"]) == meeting.uid and joao.name in str(entry["SUMMARY"])


def test_the_feed_and_the_ics_download_agree_and_a_move_keeps_the_uid(app, login, coach, published):
    event, ana, _, meeting = published
    url = subscribe(login(ana))
    (before,) = events_in(fetch(app, url))
    (download,) = icalendar.Calendar.from_ical(
        login(ana).get(f"/meetings/{event.id}/agenda.ics").data
    ).walk("VEVENT")
    assert (str(download["UID"]), int(download["SEQUENCE"])) == (
        str(before["UID"]),
        int(before["SEQUENCE"]),
    )
    target = next(s for s in event.slots if s.id != meeting.slot_id)
    login(coach).post(
        f"/meetings/{event.id}/meetings/{meeting.id}/move", data={"slot": target.id, "table": 1}
    )
    (after,) = events_in(fetch(app, url))
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART") != before.decoded("DTSTART")


def test_a_cancelled_meeting_stays_in_the_feed_as_cancelled(app, login, coach, published):
    event, ana, _, meeting = published
    url = subscribe(login(ana))
    login(coach).post(f"/meetings/{event.id}/meetings/{meeting.id}/cancel")
    (entry,) = events_in(fetch(app, url))
    assert str(entry["STATUS"]) == "CANCELLED" and int(entry["SEQUENCE"]) == 1


def test_the_feed_gathers_every_event_and_leaves_out_unpublished_ones(
    app, login, make_event, published
):
    _, ana, joao, _ = published
    second = make_event(name="Second day")
    services.register(second, ana)
    services.register(second, joao)
    with app.test_request_context():
        services.set_wish(second, ana, target_id=joao.id, choice="must")
        services.build_schedule(second)
    db.session.commit()
    url = subscribe(login(ana))
    assert len(events_in(fetch(app, url))) == 1  # the second schedule is only a draft
    with app.test_request_context():
        services.publish(second)
    db.session.commit()
    assert len(events_in(fetch(app, url))) == 2


def test_another_persons_token_shows_only_their_meetings(app, login, make_user, published):
    _, ana, joao, meeting = published
    outsider = make_user(name="Outsider Olga")
    assert events_in(fetch(app, subscribe(login(outsider)))) == []
    (entry,) = events_in(fetch(app, subscribe(login(joao))))
    assert ana.name in str(entry["SUMMARY"])  # João's side of the meeting, not Ana's


def test_a_wrong_token_is_not_found(app):
    assert app.test_client().get("/meetings/feed/not-a-real-token.ics").status_code == 404


def test_stopping_the_feed_makes_the_link_a_404(app, login, published):
    _, ana, _, _ = published
    client = login(ana)
    url = subscribe(client)
    assert fetch(app, url).status_code == 200
    response = client.post("/meetings/calendar-feed/stop")
    assert response.status_code == 302
    assert fetch(app, url).status_code == 404
    assert db.session.scalar(select(MeetingFeed)) is None


def test_a_new_link_replaces_the_old_one(app, login, published):
    _, ana, _, _ = published
    client = login(ana)
    old = subscribe(client)
    new = subscribe(client)
    assert old != new
    assert fetch(app, old).status_code == 404 and fetch(app, new).status_code == 200


def test_only_the_tokens_hash_is_stored_and_no_mail_carries_it(app, login, published):
    _, ana, _, _ = published
    url = subscribe(login(ana))
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    feed = db.session.scalar(select(MeetingFeed))
    assert token not in feed.token_hash
    assert not any(token in m.body for m in db.session.scalars(select(OutboxMessage)))
    assert token not in login(ana).get("/meetings/calendar-feed").get_data(as_text=True)


def test_my_agenda_offers_subscribe_to_my_meetings(login, published):
    event, ana, _, _ = published
    page = login(ana).get(f"/meetings/{event.id}/agenda").data
    assert b"Subscribe to my meetings" in page


@pytest.mark.parametrize("role", ("anonymous", "participant", "coach", "admin"))
def test_feed_settings_need_a_login(client, login, make_user, role):
    browser = client if role == "anonymous" else login(make_user(role=role))
    for method, path in (
        ("get", "/meetings/calendar-feed"),
        ("post", "/meetings/calendar-feed"),
        ("post", "/meetings/calendar-feed/stop"),
    ):
        response = getattr(browser, method)(path)
        if role == "anonymous":
            assert response.status_code == 302 and "/login" in response.location
        else:
            assert response.status_code in (200, 302)
