"""Forms of the account area: confirming the deletion of one's account, and one's time zone."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, Length, ValidationError


class DeleteAccountForm(FlaskForm):
    """Deleting the account needs the password and an explicit tick."""

    password = PasswordField(
        "Your password", validators=[DataRequired("Enter your password to confirm.")]
    )
    confirm = BooleanField(
        "I understand this cannot be undone",
        validators=[DataRequired("Tick the box to confirm you want to delete your account.")],
    )


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
