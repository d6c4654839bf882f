"""Times in the viewer's time zone, rendered by the server: "My agenda" and the calendar texts."""

from __future__ import annotations

import icalendar

from app.extensions import db


def publish(login, coach, event):
    login(coach).post(f"/meetings/{event.id}/publish")


def test_my_agenda_shows_both_times_when_the_viewer_lives_elsewhere(login, coach, scheduled):
    event, ana, _, meeting = scheduled
    publish(login, coach, event)
    ana.timezone = "Europe/Helsinki"  # Lisbon 09:00 is 11:00 in Helsinki in March
    db.session.commit()
    page = login(ana).get(f"/meetings/{event.id}/agenda").get_data(as_text=True)
    assert "(Europe/Lisbon)" in page
    assert "Your time: Wed 10 Mar 11:00–11:30 (Europe/Helsinki)" in page


def test_one_time_only_when_the_viewer_shares_the_events_zone(login, coach, scheduled):
    event, ana, _, _ = scheduled
    publish(login, coach, event)
    ana.timezone = "Europe/Lisbon"
    db.session.commit()
    assert "Your time:" not in login(ana).get(f"/meetings/{event.id}/agenda").get_data(as_text=True)


def test_an_alias_with_the_same_clock_is_not_shown_twice(login, coach, scheduled):
    event, ana, _, _ = scheduled
    publish(login, coach, event)
    ana.timezone = "Europe/London"  # same clock as Lisbon in March
    db.session.commit()
    assert "Your time:" not in login(ana).get(f"/meetings/{event.id}/agenda").get_data(as_text=True)


def test_the_ics_description_carries_the_viewers_time(login, coach, scheduled):
    event, ana, _, _ = scheduled
    publish(login, coach, event)
    ana.timezone = "America/New_York"
    db.session.commit()
    (entry,) = icalendar.Calendar.from_ical(
        login(ana).get(f"/meetings/{event.id}/agenda.ics").data
    ).walk("VEVENT")
    description = str(entry["DESCRIPTION"])
    assert "Matchmaking day Lisbon: Wed 10 Mar 09:00–09:30 (Europe/Lisbon)" in description
    assert "Your time: Wed 10 Mar 04:00–04:30 (America/New_York)" in description


def test_without_a_saved_zone_the_agenda_asks_the_browser(login, coach, scheduled):
    event, ana, _, _ = scheduled
    publish(login, coach, event)
    page = login(ana).get(f"/meetings/{event.id}/agenda").data
    assert b"data-browser-default" in page and b"js/timezone.js" in page
