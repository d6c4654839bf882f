"""Forms for homework: the assignment, a participant's answer, the coach's feedback."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import (
    URL,
    DataRequired,
    Length,
    Optional,
    ValidationError,
)


class HomeworkForm(FlaskForm):
    """An assignment with a due date."""

    title = StringField(
        "Title", validators=[DataRequired("Give the assignment a title."), Length(max=160)]
    )
    instructions = TextAreaField(
        "Instructions (Markdown)",
        validators=[DataRequired("Write the instructions."), Length(max=10000)],
    )
    due_on = DateField("Due on", validators=[DataRequired("Give a due date.")])


class SubmissionForm(FlaskForm):
    """A participant's answer to an assignment."""

    text = TextAreaField(
        "Your answer", validators=[DataRequired("Write your answer."), Length(max=10000)]
    )
    link = URLField(
        "Link (optional)",
        validators=[
            Optional(),
            URL(message="Link: give a full web address, https://…"),
            Length(max=300),
        ],
    )

    def validate_link(self, field):
        """Only web links: a javascript: or data: address must never become a clickable link."""
        if field.data and not field.data.lower().startswith(("http://", "https://")):
            raise ValidationError("Link: give a full web address, https://…")


class FeedbackForm(FlaskForm):
    """The coach's feedback on a submission."""

    feedback = TextAreaField(
        "Feedback", validators=[DataRequired("Write some feedback."), Length(max=5000)]
    )
