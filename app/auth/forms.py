"""Account forms: register, log in, ask for a reset link, choose a new password."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from app.reference import eligible_countries

PASSWORD_MIN = 10
PASSWORD_MAX = 128  # long enough for any passphrase, short enough that hashing stays cheap


def _strip(value: str | None) -> str | None:
    """Drop the spaces people paste around names and emails."""
    return value.strip() if value else value


def _email_field(*, check_format: bool = True) -> EmailField:
    """The "Email" field; login skips the format check so every wrong guess gets the same answer."""
    validators = [
        DataRequired("Enter your email address."),
        Length(max=254, message="Email must be at most 254 characters."),
    ]
    if check_format:
        validators.append(
            Email("Enter a valid email address, like name@cluster.eu.", check_deliverability=False)
        )
    return EmailField("Email", filters=[_strip], validators=validators)


def _new_password_fields(label: str = "Password"):
    """A password and its confirmation, shared by registration and reset."""
    password = PasswordField(
        label,
        validators=[
            DataRequired("Enter a password."),
            Length(
                PASSWORD_MIN,
                PASSWORD_MAX,
                f"Password must be {PASSWORD_MIN} to {PASSWORD_MAX} characters long.",
            ),
        ],
    )
    confirm = PasswordField(
        "Confirm password",
        validators=[
            DataRequired("Type the password again to confirm it."),
            EqualTo("password", "The two passwords do not match. Type the same password twice."),
        ],
    )
    return password, confirm


class RegisterForm(FlaskForm):
    """A new cluster manager's account: who they are and where their cluster is."""

    name = StringField(
        "Full name",
        filters=[_strip],
        validators=[
            DataRequired("Enter your name."),
            Length(max=120, message="Name must be at most 120 characters."),
        ],
    )
    email = _email_field()
    password, confirm = _new_password_fields()
    country = SelectField("Country of your cluster", validate_choice=False)
    organisation = StringField(
        "Cluster organisation (optional)",
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=200, message="Organisation name must be at most 200 characters."),
        ],
    )
    submit = SubmitField("Create account")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = [
            SelectChoice("", "Choose a country…"),
            *(SelectChoice(code, name) for code, name in eligible_countries().items()),
        ]

    def validate_country(self, field: SelectField) -> None:
        """Only managers from eligible countries (EU-27 and COSME-associated) may join."""
        if not field.data:
            raise ValidationError("Choose the country your cluster is based in.")
        if field.data not in eligible_countries():
            raise ValidationError(
                "The community is open to cluster managers from EU member states and "
                "COSME-associated countries. Choose one of the listed countries."
            )


class LoginForm(FlaskForm):
    """Email and password; the format is not checked so every wrong guess gets the same answer."""

    email = _email_field(check_format=False)
    password = PasswordField(
        "Password",
        validators=[
            DataRequired("Enter your password."),
            Length(max=PASSWORD_MAX, message="Email or password is incorrect."),
        ],
    )
    remember = BooleanField("Remember me")
    submit = SubmitField("Log in")


class ForgotPasswordForm(FlaskForm):
    """The email an account was registered with."""

    email = _email_field()
    submit = SubmitField("Send me a reset link")


class ResetPasswordForm(FlaskForm):
    """A new password, typed twice."""

    password, confirm = _new_password_fields("New password")
    submit = SubmitField("Set new password")
