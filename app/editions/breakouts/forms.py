"""Forms for sessions and breakout groups: a session, a keep-apart/together rule, the builder."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields import DecimalRangeField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from app.forms import options
from app.models.coaching import SESSION_MODES


class SessionForm(FlaskForm):
    """A session of the edition, online or in person."""

    title = StringField(
        "Title", validators=[DataRequired("Give the session a title."), Length(max=160)]
    )
    mode = SelectField(
        "Format", choices=options({m: m.replace("_", " ").capitalize() for m in SESSION_MODES})
    )
    starts_at = DateTimeLocalField(
        "Starts at", format="%Y-%m-%dT%H:%M", validators=[DataRequired("Give a date and time.")]
    )
    duration_minutes = IntegerField(
        "Duration (minutes)", default=90, validators=[InputRequired(), NumberRange(10, 600)]
    )


class RuleForm(FlaskForm):
    """A keep-apart or keep-together pair of participants."""

    kind = SelectField(
        "Rule", choices=options({"apart": "Keep apart", "together": "Keep together"})
    )
    first = SelectField("First person", coerce=int)
    second = SelectField("Second person", coerce=int)

    def validate_second(self, field):
        """A rule needs two different people."""
        if field.data == self.first.data:
            raise ValidationError("Pick two different people for the rule.")


SLIDER = {"min": 0, "max": 3, "step": 0.5}


MODE_CHOICES = options({"diversify": "Diversify (mix)", "cluster": "Cluster (alike together)"})


class BuilderForm(FlaskForm):
    """The breakout builder: who, how big, how many rounds, and how much each quality counts."""

    participants = SelectMultipleField(
        "Participants",
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    group_size = IntegerField(
        "Group size",
        default=4,
        validators=[
            InputRequired("Group size: give a number."),
            NumberRange(min=2, message="Group size: choose 2 or more people per group."),
        ],
    )
    rounds = IntegerField(
        "Rounds",
        default=3,
        validators=[
            InputRequired("Rounds: give a number."),
            NumberRange(1, 6, "Rounds: form 1 to 6 rounds at a time."),
        ],
    )
    topic = DecimalRangeField(
        "Topic (challenge similarity)",
        default=2,  # GroupWeights' default: topic counts twice (docs/matching.md)
        places=1,
        validators=[NumberRange(0, 3)],
        render_kw=SLIDER,
    )
    country = DecimalRangeField(
        "Country", default=1, places=1, validators=[NumberRange(0, 3)], render_kw=SLIDER
    )
    ecosystem = DecimalRangeField(
        "Ecosystem", default=1, places=1, validators=[NumberRange(0, 3)], render_kw=SLIDER
    )
    maturity = DecimalRangeField(
        "Maturity", default=1, places=1, validators=[NumberRange(0, 3)], render_kw=SLIDER
    )
    topic_mode = SelectField("Topic", choices=MODE_CHOICES, default="cluster")
    country_mode = SelectField("Country", choices=MODE_CHOICES, default="diversify")
    ecosystem_mode = SelectField("Ecosystem", choices=MODE_CHOICES, default="diversify")
    maturity_mode = SelectField("Maturity", choices=MODE_CHOICES, default="diversify")
    dont_isolate = BooleanField("Don't leave anyone alone at a minority maturity level")
    seed = IntegerField(
        "Variant (seed)", default=0, validators=[Optional(), NumberRange(0, 10_000)]
    )

    def validate_participants(self, field):
        """At least two people are needed to form groups."""
        if len(field.data or []) < 2:
            raise ValidationError("Participants: tick at least two people.")

    def weights(self) -> dict:
        """Weights and modes as plain values for GroupWeights."""
        values = {
            name: float(getattr(self, name).data or 0)
            for name in ("topic", "country", "ecosystem", "maturity")
        }
        values |= {
            f"{name}_mode": getattr(self, f"{name}_mode").data
            for name in ("topic", "country", "ecosystem", "maturity")
        }
        return values | {"dont_isolate": bool(self.dont_isolate.data)}
