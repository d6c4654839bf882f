"""Forms of the challenges area: posting or editing a challenge, and replying to one."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app import reference
from app.forms import options

TITLE_MIN, TITLE_MAX = 5, 160
BODY_MIN, BODY_MAX = 20, 10_000
THEMES_MIN, THEMES_MAX = 1, 3
REPLY_MIN, REPLY_MAX = 2, 5_000


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class CheckboxListField(SelectMultipleField):
    """A multiple choice shown as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ChallengeForm(FlaskForm):
    """Title, Markdown description, 1-3 themes and an optional ecosystem."""

    title = StringField(
        "Title",
        filters=[_strip],
        validators=[
            DataRequired("Enter a title for your challenge."),
            Length(
                TITLE_MIN,
                TITLE_MAX,
                f"The title must be {TITLE_MIN} to {TITLE_MAX} characters long.",
            ),
        ],
        render_kw={"maxlength": TITLE_MAX, "minlength": TITLE_MIN},
    )
    body = TextAreaField(
        "Description",
        filters=[_strip],
        validators=[
            DataRequired("Describe your challenge."),
            Length(
                BODY_MIN,
                BODY_MAX,
                f"The description must be {BODY_MIN} to {BODY_MAX:,} characters long.",
            ),
        ],
        render_kw={"maxlength": BODY_MAX, "rows": 10},
    )
    themes = CheckboxListField("Themes", validate_choice=False)
    ecosystem = SelectField("Ecosystem", validate_choice=False, validators=[Optional()])
    submit = SubmitField("Post challenge")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.themes.choices = options(reference.themes())
        self.ecosystem.choices = options({"": "No particular ecosystem"} | reference.ecosystems())

    def validate_themes(self, field: CheckboxListField) -> None:
        """Between one and three themes, all from the list."""
        chosen = field.data or []
        if any(slug not in reference.themes() for slug in chosen):
            raise ValidationError("Themes: choose themes from the list.")
        if not THEMES_MIN <= len(chosen) <= THEMES_MAX:
            raise ValidationError(f"Themes: tick {THEMES_MIN} to {THEMES_MAX} themes.")

    def validate_ecosystem(self, field: SelectField) -> None:
        """An ecosystem from the list, or none."""
        if field.data and field.data not in reference.ecosystems():
            raise ValidationError("Ecosystem: choose one from the list, or leave it empty.")


class ReplyForm(FlaskForm):
    """A reply in Markdown."""

    body = TextAreaField(
        "Your reply",
        filters=[_strip],
        validators=[
            DataRequired("Write your reply before posting it."),
            Length(
                REPLY_MIN,
                REPLY_MAX,
                f"Your reply must be {REPLY_MIN} to {REPLY_MAX:,} characters long.",
            ),
        ],
        render_kw={"maxlength": REPLY_MAX, "rows": 5},
    )
    submit = SubmitField("Post reply")
