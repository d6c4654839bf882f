"""The profile form: every field capped and checked, with messages that name the field and say what to do."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import FileStorage
from wtforms import (
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange, Optional, ValidationError

from app import reference
from app.forms import options
from app.models import VISIBILITIES
from app.profiles import photos
from app.profiles.services import PLAIN_FIELDS

TEXT_MAX_LENGTH = 2000
FIRST_FOUNDING_YEAR = 1950
MAX_MEMBERS = 100_000
MAX_ECOSYSTEMS = 3
LABEL_NAMES = {"none": "No label", "bronze": "Bronze", "silver": "Silver", "gold": "Gold"}
VISIBILITY_NAMES = {
    "community": "Everyone in the community",
    "cohorts": "Only people in my cohorts",
    "hidden": "Nobody (hidden)",
}
DERIVE_MATURITY = ""
NUMBER_COLUMNS = ("founded_year", "members_count")
TEXT_COLUMNS = tuple(name for name in PLAIN_FIELDS if name not in NUMBER_COLUMNS)


class WholeNumberField(IntegerField):
    """An integer field whose parse error names the field."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(f"{self.label.text} must be a whole number, like 2015.") from error


def capped_text(
    label: str, *, max_length: int = TEXT_MAX_LENGTH, required: bool = False, area: bool = True
):
    """A stripped text field limited to `max_length` characters, with a message naming it."""
    message = f"{label} can be at most {max_length:,} characters; please shorten it."
    validators = [
        DataRequired(f"Enter {label.lower()}.") if required else Optional(),
        Length(max=max_length, message=message),
    ]
    field_class = TextAreaField if area else StringField
    return field_class(
        label, validators=validators, filters=[lambda value: value.strip() if value else value]
    )


def is_web_address(value: str) -> bool:
    """True for an absolute http(s) URL with a host and no spaces."""
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and not any(c.isspace() for c in value)
    )


class ProfileForm(FlaskForm):
    """Edit one's own profile."""

    organisation = capped_text(
        "Cluster organisation name", max_length=200, required=True, area=False
    )
    website = capped_text("Website", max_length=300, area=False)
    job_title = capped_text("Job title", max_length=120, area=False)
    country = SelectField(
        "Country", validate_choice=False, validators=[DataRequired("Choose your country.")]
    )
    region = capped_text("Region", max_length=120, area=False)
    ecosystems = SelectMultipleField("Industrial ecosystems", validate_choice=False)
    founded_year = WholeNumberField("Founding year", validators=[Optional()])
    members_count = WholeNumberField(
        "Number of members",
        validators=[
            Optional(),
            NumberRange(
                0, MAX_MEMBERS, f"Number of members must be between 0 and {MAX_MEMBERS:,}."
            ),
        ],
    )
    label = SelectField(
        "ESCA/EUCLES label",
        choices=options(LABEL_NAMES),
        default="none",
        validate_choice=False,
        validators=[
            AnyOf(list(LABEL_NAMES), "ESCA/EUCLES label: choose none, bronze, silver or gold.")
        ],
    )
    maturity = SelectField("Maturity", validate_choice=False, default=DERIVE_MATURITY)
    about = capped_text("About my cluster")
    expertise = capped_text("I can help with")
    needs = capped_text("I am looking for")
    languages = capped_text("Languages", max_length=200, area=False)
    visibility = SelectField(
        "Who can see my profile",
        choices=options(VISIBILITY_NAMES),
        default="community",
        validate_choice=False,
        validators=[
            AnyOf(VISIBILITIES, "Who can see my profile: choose one of the options in the list.")
        ],
    )
    submit = SubmitField("Save profile")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = options({"": "Choose a country"} | reference.eligible_countries())
        self.ecosystems.choices = options(reference.ecosystems())
        self.maturity.choices = options(
            {DERIVE_MATURITY: "Derive from age and label"} | reference.maturity_levels()
        )

    def validate_website(self, field) -> None:
        """Only http(s) links, so a profile can never carry a javascript: or data: link."""
        if field.data and not is_web_address(field.data):
            raise ValidationError(
                "Website must be a full web address starting with https:// or http://."
            )

    def validate_country(self, field) -> None:
        """Only managers from eligible countries take part."""
        if field.data not in reference.eligible_countries():
            raise ValidationError("Country: choose an eligible country from the list.")

    def validate_ecosystems(self, field) -> None:
        """1 to 3 of the 14 industrial ecosystems."""
        unknown = [slug for slug in field.data if slug not in reference.ecosystems()]
        if unknown:
            raise ValidationError("Industrial ecosystems: choose from the list of 14 ecosystems.")
        if not 1 <= len(set(field.data)) <= MAX_ECOSYSTEMS:
            raise ValidationError(f"Industrial ecosystems: tick between 1 and {MAX_ECOSYSTEMS}.")

    def validate_founded_year(self, field) -> None:
        """From 1950 up to this year."""
        this_year = date.today().year
        if field.data is not None and not FIRST_FOUNDING_YEAR <= field.data <= this_year:
            raise ValidationError(
                f"Founding year must be between {FIRST_FOUNDING_YEAR} and {this_year}."
            )

    def validate_maturity(self, field) -> None:
        """Either derived, or one of the four levels."""
        if field.data != DERIVE_MATURITY and field.data not in reference.maturity_levels():
            raise ValidationError("Maturity: choose a level from the list, or let it be derived.")

    def changes(self) -> dict:
        """The submitted values as keyword arguments for `update_profile`."""
        data = {name: self[name].data for name in PLAIN_FIELDS}
        for name in TEXT_COLUMNS:
            data[name] = data[name] or ""
        data["languages"] = ", ".join(
            part.strip() for part in data["languages"].split(",") if part.strip()
        )
        data["ecosystems"] = list(dict.fromkeys(self.ecosystems.data))
        data["maturity"] = self.maturity.data or None
        return data

    @classmethod
    def showing(cls, profile) -> ProfileForm:
        """The form filled from a stored profile; maturity shows "derive" unless the manager chose a level."""
        form = cls(obj=profile)
        if profile is not None and not profile.maturity_set_by_user:
            form.maturity.data = DERIVE_MATURITY
        return form


class PhotoForm(FlaskForm):
    """Upload a profile photo: checked by what the file contains, kept as a small square thumbnail."""

    photo = FileField("Photo")
    submit = SubmitField("Upload a photo")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.thumbnail: bytes = b""

    def validate_photo(self, field) -> None:
        """A JPEG, PNG or WebP within the caps; keeps its thumbnail for the view."""
        if not isinstance(field.data, FileStorage) or not field.data.filename:
            raise ValidationError(f"Photo: choose a {photos.ACCEPTED} file first.")
        try:
            self.thumbnail = photos.thumbnail(field.data)
        except photos.RejectedFile as rejected:
            raise ValidationError(str(rejected)) from None


class RemovePhotoForm(FlaskForm):
    """Remove the profile photo (the avatar shows the initials again)."""

    submit = SubmitField("Remove photo")
