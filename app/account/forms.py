"""Forms of the account area: confirming the deletion of one's account (the time-zone form, which
meeting days show too, is app/timezones.py)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField
from wtforms.validators import DataRequired


class DeleteAccountForm(FlaskForm):
    """Deleting the account needs the password and an explicit tick."""

    password = PasswordField(
        "Your password", validators=[DataRequired("Enter your password to confirm.")]
    )
    confirm = BooleanField(
        "I understand this cannot be undone",
        validators=[DataRequired("Tick the box to confirm you want to delete your account.")],
    )
