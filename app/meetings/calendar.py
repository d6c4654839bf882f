"""Agendas as iCalendar: one VEVENT per meeting with a UID for life and a rising SEQUENCE.

Calendars match entries by UID and take the one with the higher SEQUENCE, so a moved meeting
updates in place and a cancelled one is marked CANCELLED instead of lingering or doubling. The
one-event download ("Add to calendar (.ics)") and the private feed of every event ("Subscribe to
my meetings") build their entries with the same `_vevent`, so both agree on UID and SEQUENCE.
"""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar, Event, vDuration

from app.meetings.slots import both_times, local
from app.models import Meeting, MeetingEvent, User

PRODID = "-//Cluster Booster Community//Meeting days//EN"
FEED_NAME = "Cluster Booster Community: my meetings"
# How often a subscribed calendar should fetch the feed again (clients may poll less often).
FEED_REFRESH = timedelta(hours=1)


def agenda_ics(
    event: MeetingEvent, user: User, meetings: list[Meeting], *, link, viewer_zone=None
) -> bytes:
    """The user's meetings at one event as an .ics file (times in the event's time zone)."""
    calendar = _calendar(f"{event.name}: my meetings")
    for meeting in meetings:
        calendar.add_component(_vevent(event, user, meeting, link(meeting), viewer_zone))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_ics(user: User, meetings: list[Meeting], *, link, viewer_zone=None) -> bytes:
    """Every published meeting of the user, across events, as one subscribable calendar."""
    calendar = _calendar(FEED_NAME)
    calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(FEED_REFRESH))
    for meeting in meetings:
        item = _vevent(meeting.event, user, meeting, link(meeting), viewer_zone)
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _vevent(
    event: MeetingEvent, user: User, meeting: Meeting, url: str, viewer_zone: str | None
) -> Event:
    other = meeting.other(user.id)
    table = table_name(event, meeting.table)
    item = Event()
    item.add("uid", meeting.uid)
    item.add("sequence", meeting.sequence)
    item.add("dtstamp", meeting.updated_at)
    item.add("dtstart", local(meeting.slot.starts_at, event.timezone))
    item.add("dtend", local(meeting.slot.ends_at, event.timezone))
    item.add("summary", f"Meeting with {other.name} ({table})")
    item.add("location", ", ".join(part for part in (table, event.place) if part))
    item.add("description", _description(event, meeting, url, viewer_zone))
    item.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    return item


def _description(event: MeetingEvent, meeting: Meeting, url: str, viewer_zone: str | None) -> str:
    """Why they meet, the time in the event's zone and the viewer's (when it differs), the link."""
    times = both_times(meeting.slot, event.timezone, viewer_zone)
    lines = [f"{event.name}: {times.event_text}"]
    if times.viewer_text:
        lines.append(f"Your time: {times.viewer_text}")
    return "\n".join([*lines, "", *meeting.reasons, "", url])


def table_name(event: MeetingEvent, number: int) -> str:
    """A table's name from its number (1-based), or "Table n" when the event has fewer names."""
    tables = event.tables
    return tables[number - 1] if 0 < number <= len(tables) else f"Table {number}"
