"""Forms for applications: a manager's application and the coach's decision."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
)

from app.forms import options
from app.models.coaching import COMMITMENTS


class ApplicationForm(FlaskForm):
    """A manager's application: motivation, challenges and the call's commitments."""

    motivation = TextAreaField(
        "Why do you want to take part?",
        validators=[
            DataRequired("Tell us your motivation."),
            Length(min=20, max=3000, message="Motivation: write 20 to 3000 characters."),
        ],
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

    score = IntegerField(
        "Score (0-10)", validators=[Optional(), NumberRange(0, 10, "Score must be 0 to 10.")]
    )
    decision = SelectField(
        "Decision",
        choices=options(
            {
                "pending": "Pending",
                "shortlisted": "Shortlist",
                "accepted": "Accept",
                "declined": "Decline",
            }
        ),
    )
