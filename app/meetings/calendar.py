"""Agendas as iCalendar (.ics): one VEVENT per meeting with a UID for life and a rising SEQUENCE.

Calendars match entries by UID and take the one with the higher SEQUENCE, so a moved meeting
updates in place and a cancelled one is marked CANCELLED instead of lingering or doubling.
"""

from __future__ import annotations

from icalendar import Calendar, Event

from app.meetings.slots import local
from app.models import Meeting, MeetingEvent, User


def agenda_ics(event: MeetingEvent, user: User, meetings: list[Meeting], *, link) -> bytes:
    """The user's meetings at the event as an .ics file (times in the event's time zone)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Cluster Booster Community//Meeting days//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{event.name}: my meetings")
    for meeting in meetings:
        calendar.add_component(_vevent(event, user, meeting, link(meeting)))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _vevent(event: MeetingEvent, user: User, meeting: Meeting, url: str) -> Event:
    other = meeting.other(user.id)
    table = _table_name(event, meeting.table)
    item = Event()
    item.add("uid", meeting.uid)
    item.add("sequence", meeting.sequence)
    item.add("dtstamp", meeting.updated_at)
    item.add("dtstart", local(meeting.slot.starts_at, event.timezone))
    item.add("dtend", local(meeting.slot.ends_at, event.timezone))
    item.add("summary", f"Meeting with {other.name} ({table})")
    item.add("location", ", ".join(part for part in (table, event.place) if part))
    item.add("description", "\n".join(meeting.reasons) + f"\n\n{url}")
    item.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    return item


def _table_name(event: MeetingEvent, number: int) -> str:
    tables = event.tables
    return tables[number - 1] if 0 < number <= len(tables) else f"Table {number}"
