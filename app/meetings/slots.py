"""A meeting day's time slots: cut from the daily window, skipping breaks, in the event's time zone.

Pure functions: the form checks its fields with them, the services store what they return. Each
problem is a `SlotError` naming the form field to show it at.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class SlotError(ValueError):
    """A problem with the day's timing, for one form field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def zone(name: str) -> ZoneInfo:
    """The time zone called `name` (e.g. Europe/Brussels), or SlotError at 'timezone'."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        message = f"“{name}” is not a time zone; use a name like Europe/Brussels"
        raise SlotError("timezone", message) from None


def parse_breaks(text: str) -> list[tuple[time, time]]:
    """Breaks typed one per line as HH:MM-HH:MM, sorted; SlotError at 'breaks' when unreadable."""
    breaks = []
    for line in (part.strip() for part in text.replace(",", "\n").splitlines()):
        if not line:
            continue
        try:
            start, end = (time.fromisoformat(p.strip()) for p in line.split("-"))
        except ValueError:
            raise SlotError("breaks", f"“{line}” is not a break like 12:30-13:30") from None
        if end <= start:
            raise SlotError("breaks", f"“{line}” ends before it starts")
        breaks.append((start, end))
    breaks.sort()
    for (_, end), (start, _) in zip(breaks, breaks[1:], strict=False):
        if start < end:
            raise SlotError("breaks", "two breaks overlap; merge them into one")
    return breaks


def plan_slots(
    days: list[date],
    *,
    window_start: time,
    window_end: time,
    minutes: int,
    breaks: list[tuple[time, time]],
    timezone: str,
) -> list[tuple[datetime, datetime]]:
    """(start, end) in UTC for every slot of every day; slots never overlap or cross a break."""
    tz = zone(timezone)
    if not 5 <= minutes <= 60:
        raise SlotError("slot_minutes", "slots last from 5 to 60 minutes")
    if window_end <= window_start:
        raise SlotError("window_end", "the day must end after it starts")
    for start, end in breaks:
        if start < window_start or end > window_end:
            raise SlotError("breaks", f"the break {start:%H:%M}-{end:%H:%M} is outside the day")
    slots = []
    for day in sorted(set(days)):
        cursor = datetime.combine(day, window_start)
        last = datetime.combine(day, window_end)
        step = timedelta(minutes=minutes)
        while cursor + step <= last:
            clash = next(
                (e for s, e in breaks if cursor.time() < e and (cursor + step).time() > s), None
            )
            if clash is not None:
                cursor = datetime.combine(day, clash)
                continue
            slots.append((_utc(cursor, tz), _utc(cursor + step, tz)))
            cursor += step
    if not slots:
        raise SlotError("slot_minutes", "no slot fits in the day; shorten the slots or the breaks")
    return slots


def _utc(moment: datetime, tz: ZoneInfo) -> datetime:
    return moment.replace(tzinfo=tz).astimezone(UTC)


def local(moment: datetime, timezone: str) -> datetime:
    """A stored moment in the given time zone (SQLite gives it back naive: it is UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(timezone))


def span_label(starts_at: datetime, ends_at: datetime, timezone: str) -> str:
    """A slot's day and times in one time zone, e.g. "Tue 6 Apr 09:00–09:20"."""
    start, end = local(starts_at, timezone), local(ends_at, timezone)
    return f"{start:%a} {start.day} {start:%b %H:%M}–{end:%H:%M}"


@dataclass(frozen=True)
class BothTimes:
    """A slot as the event's local time, and as the viewer's when their zone differs (else None)."""

    event_text: str
    viewer_text: str | None


def both_times(slot, event_zone: str, viewer_zone: str | None) -> BothTimes:
    """The slot in the event's time zone and, when the viewer lives in another one, in theirs."""
    event_text = f"{span_label(slot.starts_at, slot.ends_at, event_zone)} ({event_zone})"
    if not viewer_zone or viewer_zone == event_zone:
        return BothTimes(event_text, None)
    viewer = span_label(slot.starts_at, slot.ends_at, viewer_zone)
    if viewer == span_label(slot.starts_at, slot.ends_at, event_zone):
        return BothTimes(event_text, None)  # another name for the same clock that day
    return BothTimes(event_text, f"{viewer} ({viewer_zone})")
