"""Forms of the editions area: editions, applications, decisions, sessions, rules and homework."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)


def _after(earlier: str, label: str):
    """A validator: this date may not come before the field `earlier`."""

    def check(form, field):
        start = getattr(form, earlier).data
        if field.data and start and field.data < start:
            raise ValidationError(f"{label} cannot be before the start date; pick a later date.")

    return check


class EditionForm(FlaskForm):
    """An Academy edition: name, place, online and in-person dates, size and its call."""

    name = StringField(
        "Name",
        validators=[
            DataRequired("Give the edition a name."),
            Length(max=120, message="Name: 120 characters at most."),
        ],
    )
    place = StringField("Place of the in-person days", validators=[Length(max=120)])
    host = StringField("Host", validators=[Length(max=160)])
    description = TextAreaField("Description", validators=[Length(max=5000)])
    online_start = DateField("Online days start", validators=[Optional()])
    online_end = DateField(
        "Online days end", validators=[Optional(), _after("online_start", "Online end")]
    )
    in_person_start = DateField("In-person days start", validators=[Optional()])
    in_person_end = DateField(
        "In-person days end", validators=[Optional(), _after("in_person_start", "In-person end")]
    )
    min_size = IntegerField(
        "Smallest cohort",
        default=25,
        validators=[InputRequired("Give a number."), NumberRange(2, 200)],
    )
    max_size = IntegerField(
        "Largest cohort",
        default=40,
        validators=[InputRequired("Give a number."), NumberRange(2, 200)],
    )
    applications_open = BooleanField("Call for applications is open")
    application_deadline = DateField("Application deadline", validators=[Optional()])

    def validate_max_size(self, field):
        """The largest cohort cannot be smaller than the smallest."""
        if self.min_size.data and field.data is not None and field.data < self.min_size.data:
            raise ValidationError("Largest cohort must be at least the smallest cohort size.")

    def validate_applications_open(self, field):
        """An open call needs a deadline."""
        if field.data and not self.application_deadline.data:
            raise ValidationError("Set a deadline before opening the call for applications.")
