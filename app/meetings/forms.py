"""Forms of the meetings area: the organiser's event form, wishes, answers, moves and follow-up."""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.forms import options
from app.meetings.slots import SlotError, parse_breaks, plan_slots
from app.models.meeting import OPEN_TO, OUTCOMES, PHASES, WISH_CHOICES


class EventForm(FlaskForm):
    """A meeting event: when, where, how many tables, limits, who may join, and phase deadlines."""

    name = StringField("Name", validators=[DataRequired(), Length(max=160)])
    place = StringField("Place", validators=[Optional(), Length(max=160)])
    timezone = StringField("Time zone", default="Europe/Brussels", validators=[DataRequired()])
    edition_id = SelectField("Edition", coerce=int, default=0)
    open_to = SelectField("Who may take part", choices=options(OPEN_TO), default="anyone")
    first_day = DateField("First day", validators=[DataRequired()])
    last_day = DateField("Last day", validators=[Optional()])
    window_start = TimeField("Meetings from", validators=[DataRequired()])
    window_end = TimeField("Meetings until", validators=[DataRequired()])
    slot_minutes = IntegerField(
        "Slot length (minutes)", default=20, validators=[InputRequired(), NumberRange(5, 60)]
    )
    breaks = TextAreaField("Breaks (one per line, like 12:30-13:30)", validators=[Optional()])
    table_names = TextAreaField("Tables (one name per line)", validators=[DataRequired()])
    min_meetings = IntegerField(
        "Minimum meetings per person", default=2, validators=[InputRequired(), NumberRange(0, 40)]
    )
    max_meetings = IntegerField(
        "Maximum meetings per person", default=8, validators=[InputRequired(), NumberRange(1, 40)]
    )
    wish_cap = IntegerField(
        "Most wishes a person may send",
        default=15,
        validators=[InputRequired(), NumberRange(1, 100)],
    )
    wishes_until = DateField("Wishes close on", validators=[Optional()])
    draft_until = DateField("Draft schedule until", validators=[Optional()])
    follow_up_from = DateField("Follow-up from", validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        """Field checks, then the day's slots: every problem lands at the field it is about."""
        if not super().validate(extra_validators):
            return False
        if self.min_meetings.data > self.max_meetings.data:
            self.min_meetings.errors.append("The minimum cannot be above the maximum.")
            return False
        if self.last_day.data and self.last_day.data < self.first_day.data:
            self.last_day.errors.append("The last day cannot be before the first day.")
            return False
        if self.open_to and self.open_to.data == "edition" and not self.edition_id.data:
            self.edition_id.errors.append("Choose the edition whose participants take part.")
            return False
        try:
            self.planned_breaks = parse_breaks(self.breaks.data or "")
            self.planned_slots = plan_slots(
                self.days(),
                window_start=self.window_start.data,
                window_end=self.window_end.data,
                minutes=self.slot_minutes.data,
                breaks=self.planned_breaks,
                timezone=self.timezone.data.strip(),
            )
        except SlotError as error:
            getattr(self, error.field).errors.append(error.message)
            return False
        return True

    def days(self) -> list[date]:
        """Every day from the first to the last."""
        first, last = self.first_day.data, self.last_day.data or self.first_day.data
        return [date.fromordinal(d) for d in range(first.toordinal(), last.toordinal() + 1)]

    def event_fields(self) -> dict:
        """The event's own columns from the form."""
        return {
            "edition_id": self.edition_id.data or None,
            "open_to": self.open_to.data,
            **self.edited_fields(),
        }

    def edited_fields(self) -> dict:
        """The columns an organiser may still change after creating the event."""
        return {
            "name": self.name.data.strip(),
            "place": (self.place.data or "").strip(),
            "timezone": self.timezone.data.strip(),
            "slot_minutes": self.slot_minutes.data,
            "table_names": "\n".join(
                line.strip() for line in self.table_names.data.splitlines() if line.strip()
            ),
            "min_meetings": self.min_meetings.data,
            "max_meetings": self.max_meetings.data,
            "wish_cap": self.wish_cap.data,
            "wishes_until": self.wishes_until.data,
            "draft_until": self.draft_until.data,
            "follow_up_from": self.follow_up_from.data,
        }


class EditEventForm(EventForm):
    """Editing an event: everything but who may take part (registrations depend on that)."""

    edition_id = None
    open_to = None
    #: Fields that cut the slots; a refused slot change is shown at the first one that changed.
    TIMING = ("timezone", "slot_minutes", "first_day", "last_day", "window_start", "window_end")

    def changed_timing_field(self, before: dict) -> str:
        """The first timing field the organiser changed (the breaks when it was only those)."""
        return next((n for n in self.TIMING if getattr(self, n).data != before.get(n)), "breaks")


class WishForm(FlaskForm):
    """One wish about one participant."""

    target = IntegerField("Person", validators=[InputRequired()])
    choice = SelectField("Wish", choices=options(WISH_CHOICES), validators=[DataRequired()])


class AnswerForm(FlaskForm):
    """Accept a wish to meet, or decline it with a reason."""

    answer = SelectField(
        "Answer", choices=options({"accept": "Accept", "decline": "Decline"}), default="accept"
    )
    reason = StringField("Reason (declining)", validators=[Optional(), Length(max=300)])


class MoveForm(FlaskForm):
    """Move a meeting to a slot and table."""

    slot = IntegerField("Slot", validators=[InputRequired()])
    table = IntegerField("Table", validators=[InputRequired()])


class FollowUpForm(FlaskForm):
    """Did you meet, and what came of it."""

    held = SelectField(
        "Did you meet?", choices=options({"": "—", "yes": "Yes", "no": "No"}), default=""
    )
    outcome = SelectField("What came of it", choices=options({"": "—", **OUTCOMES}), default="")


class PhaseForm(FlaskForm):
    """The event's phase: wishes open → draft schedule → published → follow-up."""

    phase = SelectField("Phase", choices=options(PHASES), validators=[DataRequired()])


class EmptyForm(FlaskForm):
    """A button that only needs the CSRF token."""


class RatingForm(FlaskForm):
    """Six months on: what came of one meeting."""

    outcome = SelectField(
        "What came of it, six months on", choices=options(OUTCOMES), validators=[DataRequired()]
    )
