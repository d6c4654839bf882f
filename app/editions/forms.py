"""Forms of the editions area: editions, applications, decisions, sessions, rules and homework."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields import DecimalRangeField
from wtforms.validators import (
    URL,
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from app.forms import options
from app.models.coaching import COMMITMENTS, SESSION_MODES


def _after(earlier: str, label: str):
    """A validator: this date may not come before the field `earlier`."""

    def check(form, field):
        start = getattr(form, earlier).data
        if field.data and start and field.data < start:
            raise ValidationError(f"{label} cannot be before the start date; pick a later date.")

    return check


class EditionForm(FlaskForm):
    """An Academy edition: name, place, online and in-person dates, size and its call."""

    name = StringField("Name", validators=[DataRequired("Give the edition a name."), Length(max=120, message="Name: 120 characters at most.")])
    place = StringField("Place of the in-person days", validators=[Length(max=120)])
    host = StringField("Host", validators=[Length(max=160)])
    description = TextAreaField("Description", validators=[Length(max=5000)])
    online_start = DateField("Online days start", validators=[Optional()])
    online_end = DateField("Online days end", validators=[Optional(), _after("online_start", "Online end")])
    in_person_start = DateField("In-person days start", validators=[Optional()])
    in_person_end = DateField("In-person days end", validators=[Optional(), _after("in_person_start", "In-person end")])
    min_size = IntegerField("Smallest cohort", default=25, validators=[InputRequired("Give a number."), NumberRange(2, 200)])
    max_size = IntegerField("Largest cohort", default=40, validators=[InputRequired("Give a number."), NumberRange(2, 200)])
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


class ApplicationForm(FlaskForm):
    """A manager's application: motivation, challenges and the call's commitments."""

    motivation = TextAreaField(
        "Why do you want to take part?",
        validators=[DataRequired("Tell us your motivation."), Length(min=20, max=3000, message="Motivation: write 20 to 3000 characters.")],
    )
    challenges = TextAreaField(
        "Which challenges does your cluster bring?",
        validators=[DataRequired("Describe at least one challenge."), Length(max=3000)],
    )
    registered_manager = BooleanField(COMMITMENTS["registered_manager"])
    eligible_country = BooleanField(COMMITMENTS["eligible_country"])
    attend_all_days = BooleanField(COMMITMENTS["attend_all_days"])
    camera_on = BooleanField(COMMITMENTS["camera_on"])
    do_homework = BooleanField(COMMITMENTS["do_homework"])

    def ticked_commitments(self) -> list[str]:
        """The commitment keys the applicant ticked."""
        return [key for key in COMMITMENTS if getattr(self, key).data]


class DecisionForm(FlaskForm):
    """The coach's score and decision on one application."""

    score = IntegerField("Score (0-10)", validators=[Optional(), NumberRange(0, 10, "Score must be 0 to 10.")])
    decision = SelectField(
        "Decision",
        choices=options({"pending": "Pending", "shortlisted": "Shortlist", "accepted": "Accept", "declined": "Decline"}),
    )


class SessionForm(FlaskForm):
    """A session of the edition, online or in person."""

    title = StringField("Title", validators=[DataRequired("Give the session a title."), Length(max=160)])
    mode = SelectField("Format", choices=options({m: m.replace("_", " ").capitalize() for m in SESSION_MODES}))
    starts_at = DateTimeLocalField("Starts at", format="%Y-%m-%dT%H:%M", validators=[DataRequired("Give a date and time.")])
    duration_minutes = IntegerField("Duration (minutes)", default=90, validators=[InputRequired(), NumberRange(10, 600)])


class RuleForm(FlaskForm):
    """A keep-apart or keep-together pair of participants."""

    kind = SelectField("Rule", choices=options({"apart": "Keep apart", "together": "Keep together"}))
    first = SelectField("First person", coerce=int)
    second = SelectField("Second person", coerce=int)

    def validate_second(self, field):
        """A rule needs two different people."""
        if field.data == self.first.data:
            raise ValidationError("Pick two different people for the rule.")


class HomeworkForm(FlaskForm):
    """An assignment with a due date."""

    title = StringField("Title", validators=[DataRequired("Give the assignment a title."), Length(max=160)])
    instructions = TextAreaField("Instructions (Markdown)", validators=[DataRequired("Write the instructions."), Length(max=10000)])
    due_on = DateField("Due on", validators=[DataRequired("Give a due date.")])


class SubmissionForm(FlaskForm):
    """A participant's answer to an assignment."""

    text = TextAreaField("Your answer", validators=[DataRequired("Write your answer."), Length(max=10000)])
    link = URLField("Link (optional)", validators=[Optional(), URL(message="Link: give a full web address, https://…"), Length(max=300)])

    def validate_link(self, field):
        """Only web links: a javascript: or data: address must never become a clickable link."""
        if field.data and not field.data.lower().startswith(("http://", "https://")):
            raise ValidationError("Link: give a full web address, https://…")


class FeedbackForm(FlaskForm):
    """The coach's feedback on a submission."""

    feedback = TextAreaField("Feedback", validators=[DataRequired("Write some feedback."), Length(max=5000)])


SLIDER = {"min": 0, "max": 3, "step": 0.5}
MODE_CHOICES = options({"diversify": "Diversify (mix)", "cluster": "Cluster (alike together)"})


class BuilderForm(FlaskForm):
    """The breakout builder: who, how big, how many rounds, and how much each quality counts."""

    participants = SelectMultipleField("Participants", coerce=int, widget=ListWidget(prefix_label=False),
                                       option_widget=CheckboxInput())
    group_size = IntegerField("Group size", default=4, validators=[
        InputRequired("Group size: give a number."), NumberRange(min=2, message="Group size: choose 2 or more people per group.")])
    rounds = IntegerField("Rounds", default=3, validators=[
        InputRequired("Rounds: give a number."), NumberRange(1, 6, "Rounds: form 1 to 6 rounds at a time.")])
    topic = DecimalRangeField("Topic (challenge similarity)", default=1, places=1, validators=[NumberRange(0, 3)], render_kw=SLIDER)
    country = DecimalRangeField("Country", default=1, places=1, validators=[NumberRange(0, 3)], render_kw=SLIDER)
    ecosystem = DecimalRangeField("Ecosystem", default=1, places=1, validators=[NumberRange(0, 3)], render_kw=SLIDER)
    maturity = DecimalRangeField("Maturity", default=1, places=1, validators=[NumberRange(0, 3)], render_kw=SLIDER)
    topic_mode = SelectField("Topic", choices=MODE_CHOICES, default="cluster")
    country_mode = SelectField("Country", choices=MODE_CHOICES, default="diversify")
    ecosystem_mode = SelectField("Ecosystem", choices=MODE_CHOICES, default="diversify")
    maturity_mode = SelectField("Maturity", choices=MODE_CHOICES, default="diversify")
    dont_isolate = BooleanField("Don't leave anyone alone at a minority maturity level")
    seed = IntegerField("Variant (seed)", default=0, validators=[Optional(), NumberRange(0, 10_000)])

    def validate_participants(self, field):
        """At least two people are needed to form groups."""
        if len(field.data or []) < 2:
            raise ValidationError("Participants: tick at least two people.")

    def weights(self) -> dict:
        """Weights and modes as plain values for GroupWeights."""
        values = {name: float(getattr(self, name).data or 0) for name in ("topic", "country", "ecosystem", "maturity")}
        values |= {f"{name}_mode": getattr(self, f"{name}_mode").data for name in ("topic", "country", "ecosystem", "maturity")}
        return values | {"dont_isolate": bool(self.dont_isolate.data)}
