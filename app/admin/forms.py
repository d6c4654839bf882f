"""Admin forms: the user filters (a GET form) and the per-row role and status actions."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SearchField, SelectChoice, SelectField
from wtforms.validators import Length, ValidationError

from app.models import ROLES

ACTIVE_CHOICES = [
    SelectChoice("", "Active and deactivated"),
    SelectChoice("yes", "Active"),
    SelectChoice("no", "Deactivated"),
]


class UserFilterForm(FlaskForm):
    """Search and filters for the users list, read from the query string."""

    class Meta:
        csrf = False  # a GET search changes nothing

    q = SearchField(
        "Search name, email or organisation",
        validators=[Length(max=100, message="Search must be at most 100 characters.")],
    )
    # Unknown values are ignored by the query rather than refused: a stale link still lists users.
    role = SelectField(
        "Role",
        choices=[SelectChoice("", "Any role"), *(SelectChoice(r, r.title()) for r in ROLES)],
        validate_choice=False,
    )
    active = SelectField("Status", choices=ACTIVE_CHOICES, validate_choice=False)


class RoleForm(FlaskForm):
    """The new role for one user."""

    role = SelectField(
        "Role", choices=[SelectChoice(r, r.title()) for r in ROLES], validate_choice=False
    )

    def validate_role(self, field: SelectField) -> None:
        """Only the four known roles."""
        if field.data not in ROLES:
            raise ValidationError(f"Choose a role: {', '.join(ROLES)}.")
