"""A member's time zone, a setting more than one area shows: the account page sets it, and
"My agenda" on meeting days offers it too. Kept outside both areas so neither imports the other.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length, ValidationError


class TimeZoneForm(FlaskForm):
    """The member's time zone: meeting times are shown in it too when an event is elsewhere."""

    timezone = StringField(
        "Your time zone",
        validators=[DataRequired("Type a time zone name such as Europe/Brussels."), Length(max=64)],
    )

    def validate_timezone(self, field) -> None:
        """Only names the zoneinfo database knows (Europe/Brussels, America/New_York …)."""
        name = (field.data or "").strip()
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(
                f"“{name}” is not a time zone; use a name like Europe/Brussels."
            ) from None
        field.data = name
