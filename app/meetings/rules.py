"""The error a meeting-day rule raises: which form field it concerns, and what to do."""

from __future__ import annotations


class MeetingRuleError(ValueError):
    """A request that would break one of the event's rules, for one form field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message
