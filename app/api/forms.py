"""Forms of the API area: creating a personal access token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, StringField
from wtforms.validators import DataRequired, Length

from app.forms import options
from app.models import TOKEN_SCOPES

NAME_MAX = 80


class TokenForm(FlaskForm):
    """A name to recognise the token by, and what it may do."""

    name = StringField(
        "Token name",
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
        validators=[
            DataRequired("Name the token, e.g. after the tool that will use it."),
            Length(max=NAME_MAX, message=f"Use at most {NAME_MAX} characters."),
        ],
        render_kw={"maxlength": NAME_MAX, "placeholder": "e.g. Our CRM sync"},
    )
    scope = RadioField(
        "Access",
        choices=options(TOKEN_SCOPES),
        default="read",
        validators=[DataRequired("Choose what the token may do.")],
    )
