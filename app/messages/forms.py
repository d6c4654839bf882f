"""The one form of the messages area."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from app.models.message import MESSAGE_MAX_LENGTH


class MessageForm(FlaskForm):
    """A message to the person one was introduced to."""

    body = TextAreaField(
        "Your message",
        validators=[
            DataRequired("Write a message before sending."),
            Length(
                max=MESSAGE_MAX_LENGTH,
                message=f"Keep the message under {MESSAGE_MAX_LENGTH} characters; send the rest in a second one.",
            ),
        ],
    )
