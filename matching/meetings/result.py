"""What the scheduler returns: meetings with their reasons, and the wishes it could not place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Why a wish stayed unscheduled, in the words the organiser reads.
NO_COMMON_SLOT = "no common free slot"
TABLES_FULL = "tables full"
MAXIMUM_REACHED = "maximum reached"
ALREADY_MET = "already met"
DECLINED = "declined"


@dataclass(frozen=True)
class Suggestion:
    """A pair the matcher thinks should meet, with its score and reasons."""

    a: str
    b: str
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScheduledMeeting:
    """One meeting: when, at which table (1..n), who, and why.

    `kind` says how it got on the schedule: "request" (somebody's wish), "minimum" (to give
    someone the minimum number of meetings) or "suggestion" (the matcher's pick for a free slot).
    `value` is the sum of its wishes (must = 3, want = 1).
    """

    slot: str
    table: int
    a: str
    b: str
    kind: str
    value: int = 0
    locked: bool = False
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "slot": self.slot,
            "table": self.table,
            "a": self.a,
            "b": self.b,
            "kind": self.kind,
            "value": self.value,
            "locked": self.locked,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class UnscheduledRequest:
    """A wish that is not on the schedule, with `why` (one of the reasons above) and detail."""

    requester: str
    target: str
    priority: str
    why: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict, with the CLI's "from" and "to" keys."""
        return {
            "from": self.requester,
            "to": self.target,
            "priority": self.priority,
            "why": self.why,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class ScheduleResult:
    """The schedule, the wishes left out and a summary of how good it is."""

    meetings: tuple[ScheduledMeeting, ...]
    unscheduled: tuple[UnscheduledRequest, ...]
    summary: dict[str, Any] = field(default_factory=dict)

    def agenda(self, person: str) -> list[ScheduledMeeting]:
        """One person's meetings in schedule order."""
        return [m for m in self.meetings if person in (m.a, m.b)]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict: meetings, unscheduled and summary."""
        return {
            "meetings": [m.to_dict() for m in self.meetings],
            "unscheduled": [u.to_dict() for u in self.unscheduled],
            "summary": self.summary,
        }
