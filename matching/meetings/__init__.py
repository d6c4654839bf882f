"""One-to-one meetings for a meeting day: wishes and availability in, a schedule with reasons out.

`MeetingEvent` (built with `make_event`, or `event_from_dict` for the CLI's event.json) says what
the day looks like; `schedule_meetings` books the meetings. No Flask, no database.
"""

from matching.meetings.event import (
    PRIORITY_VALUES,
    FixedMeeting,
    MeetingEvent,
    MeetingRequest,
    event_from_dict,
    make_event,
)
from matching.meetings.result import (
    ScheduledMeeting,
    ScheduleResult,
    Suggestion,
    UnscheduledRequest,
)
from matching.meetings.schedule import schedule_meetings, suggest_pairs

__all__ = [
    "PRIORITY_VALUES",
    "FixedMeeting",
    "MeetingEvent",
    "MeetingRequest",
    "ScheduleResult",
    "ScheduledMeeting",
    "Suggestion",
    "UnscheduledRequest",
    "event_from_dict",
    "make_event",
    "schedule_meetings",
    "suggest_pairs",
]
