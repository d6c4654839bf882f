"""What the API reads and writes, as marshmallow schemas: they validate input and document output."""

from __future__ import annotations

import re

import marshmallow as ma
from marshmallow import validate

from app import reference
from app.challenges.forms import (
    BODY_MAX,
    BODY_MIN,
    REPLY_MAX,
    REPLY_MIN,
    THEMES_MAX,
    THEMES_MIN,
    TITLE_MAX,
    TITLE_MIN,
)
from app.models import STATUSES

INTRODUCTION_MESSAGE_MAX = 600


NO_NUL = "^[^\\u0000]*$"
# White space as JSON Schema's (ECMAScript's) \s counts it, spelled out so Python's re agrees.
SPACE = "\\t\\n\\u000b\\u000c\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
# Starts and ends with a visible character (so it is not blank and needs no trimming), no NUL.
TRIMMED = f"^[^{SPACE}\\u0000]([^\\u0000]*[^{SPACE}\\u0000])?$"


class Text(ma.fields.String):
    """A string without NUL characters, which no database text column can store.

    `trimmed=True` also refuses blank text and text that starts or ends with spaces: what the
    schema documents is then exactly what is accepted (no silent trimming that would change a
    length the client checked)."""

    default_error_messages = {
        "nul": "Must not contain NUL (\\u0000) characters.",
        "trimmed": "Must not be blank, or start or end with spaces or line breaks.",
    }

    def __init__(self, *args, trimmed: bool = False, **kwargs):
        # Documented too, so clients (and schemathesis) know which strings are invalid input.
        pattern = TRIMMED if trimmed else NO_NUL
        kwargs["metadata"] = {"pattern": pattern, **kwargs.get("metadata", {})}
        self.trimmed = trimmed
        super().__init__(*args, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in text:
            raise self.make_error("nul")
        if self.trimmed and not re.fullmatch(TRIMMED, text):
            raise self.make_error("trimmed")
        return text


class StrictSchema(ma.Schema):
    """Unknown fields are refused with a message, never silently dropped."""

    class Meta:
        unknown = ma.RAISE


def _one_of(choices) -> validate.OneOf:
    return validate.OneOf(list(choices), error="Use one of: {choices}.")


# --- query strings ---------------------------------------------------------------------------


class PageArgs(StrictSchema):
    """Which page: numbered from 1, up to 100 items a page."""

    page = ma.fields.Integer(
        load_default=1, validate=validate.Range(1, 100_000, error="Pages go from {min} to {max}.")
    )
    per_page = ma.fields.Integer(
        load_default=20, validate=validate.Range(1, 100, error="per_page goes from {min} to {max}.")
    )


class ProfileArgs(PageArgs):
    """Directory filters, as on /profiles/."""

    q = Text(validate=validate.Length(max=100), metadata={"description": "Text search"})
    country = Text(validate=_one_of(reference.country_names()))
    ecosystem = Text(validate=_one_of(reference.ecosystems()))
    maturity = Text(validate=_one_of(reference.maturity_levels()))


class ChallengeArgs(PageArgs):
    """Challenge list filters, as on /challenges/."""

    q = Text(validate=validate.Length(max=100), metadata={"description": "Text search"})
    theme = Text(validate=_one_of(reference.themes()))
    ecosystem = Text(validate=_one_of(reference.ecosystems()))
    country = Text(validate=_one_of(reference.country_names()))
    status = Text(validate=_one_of(STATUSES))


# --- output ----------------------------------------------------------------------------------


class LinksSchema(ma.Schema):
    """Links to this page and its neighbours (absent at the ends)."""

    self = ma.fields.String(required=True)
    first = ma.fields.String(required=True)
    last = ma.fields.String(required=True)
    prev = ma.fields.String()
    next = ma.fields.String()


class PageSchema(ma.Schema):
    """A page of a list: its items, where it is, and links to move on."""

    page = ma.fields.Integer(required=True)
    per_page = ma.fields.Integer(required=True)
    total = ma.fields.Integer(required=True)
    links = ma.fields.Nested(LinksSchema, required=True)


class PersonSchema(ma.Schema):
    """Someone named in a challenge, reply or notification; no profile id when it is not visible."""

    name = ma.fields.String(required=True)
    profile_id = ma.fields.Integer(allow_none=True)


class ProfileSchema(ma.Schema):
    """A cluster manager's profile, as the caller may see it."""

    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    organisation = ma.fields.String(required=True)
    job_title = ma.fields.String(required=True)
    country = ma.fields.String(required=True)
    region = ma.fields.String(required=True)
    ecosystems = ma.fields.List(ma.fields.String(), required=True)
    maturity = ma.fields.String(required=True)
    website = ma.fields.String(required=True)
    founded_year = ma.fields.Integer(allow_none=True)
    members_count = ma.fields.Integer(allow_none=True)
    languages = ma.fields.List(ma.fields.String(), required=True)
    about = ma.fields.String(required=True)
    expertise = ma.fields.String(required=True)
    needs = ma.fields.String(required=True)
    url = ma.fields.String(
        required=True, metadata={"description": "The profile's page on the site"}
    )


class ProfilePageSchema(PageSchema):
    """A page of profiles."""

    items = ma.fields.List(ma.fields.Nested(ProfileSchema), required=True)


class ReplySchema(ma.Schema):
    """A reply to a challenge."""

    id = ma.fields.Integer(required=True)
    author = ma.fields.Nested(PersonSchema, allow_none=True, required=True)
    body = ma.fields.String(required=True)
    helpful = ma.fields.Boolean(required=True)
    created_at = ma.fields.String(required=True)


class ChallengeSchema(ma.Schema):
    """A challenge a manager posted."""

    id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    body = ma.fields.String(required=True)
    themes = ma.fields.List(ma.fields.String(), required=True)
    ecosystem = ma.fields.String(allow_none=True, required=True)
    country = ma.fields.String(allow_none=True, required=True)
    status = ma.fields.String(required=True)
    author = ma.fields.Nested(PersonSchema, allow_none=True, required=True)
    replies_count = ma.fields.Integer(required=True)
    created_at = ma.fields.String(required=True)
    url = ma.fields.String(required=True)


class ChallengeDetailSchema(ChallengeSchema):
    """A challenge with its replies, oldest first."""

    replies = ma.fields.List(ma.fields.Nested(ReplySchema), required=True)


class ChallengePageSchema(PageSchema):
    """A page of challenges."""

    items = ma.fields.List(ma.fields.Nested(ChallengeSchema), required=True)


class EditionSchema(ma.Schema):
    """An Academy edition."""

    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    place = ma.fields.String(required=True)
    online_start = ma.fields.Date(allow_none=True, required=True)
    online_end = ma.fields.Date(allow_none=True, required=True)
    in_person_start = ma.fields.Date(allow_none=True, required=True)
    in_person_end = ma.fields.Date(allow_none=True, required=True)
    applications_open = ma.fields.Boolean(required=True)
    participants_count = ma.fields.Integer(required=True)
    coaches_count = ma.fields.Integer(required=True)


class MemberSchema(ma.Schema):
    """Someone's part in an edition."""

    name = ma.fields.String(required=True)
    role = ma.fields.String(required=True)
    profile_id = ma.fields.Integer(allow_none=True, required=True)


class EditionDetailSchema(EditionSchema):
    """An edition with its members."""

    members = ma.fields.List(ma.fields.Nested(MemberSchema), required=True)


class EditionListSchema(ma.Schema):
    """Every edition, newest first."""

    items = ma.fields.List(ma.fields.Nested(EditionSchema), required=True)


class NotificationSchema(ma.Schema):
    """One of my notifications."""

    id = ma.fields.Integer(required=True)
    event = ma.fields.String(required=True)
    message = ma.fields.String(required=True)
    link = ma.fields.String(allow_none=True, required=True)
    read = ma.fields.Boolean(required=True)
    created_at = ma.fields.String(required=True)


class NotificationPageSchema(PageSchema):
    """A page of my notifications, newest first."""

    items = ma.fields.List(ma.fields.Nested(NotificationSchema), required=True)


class MeSchema(ma.Schema):
    """Who the token belongs to, and what it may do."""

    name = ma.fields.String(required=True)
    role = ma.fields.String(required=True)
    profile_id = ma.fields.Integer(allow_none=True, required=True)
    scope = ma.fields.String(required=True)


class IntroductionSchema(ma.Schema):
    """An introduction request."""

    id = ma.fields.Integer(required=True)
    recipient = ma.fields.Nested(PersonSchema, required=True)
    status = ma.fields.String(required=True)
    message = ma.fields.String(required=True)


# --- input -----------------------------------------------------------------------------------


class NewChallengeSchema(StrictSchema):
    """A challenge to post: title, Markdown body, 1-3 themes, optionally an ecosystem."""

    title = Text(
        required=True,
        trimmed=True,
        validate=[
            validate.Length(TITLE_MIN, TITLE_MAX, error="Use {min} to {max} characters."),
        ],
    )
    body = Text(
        required=True,
        trimmed=True,
        validate=[
            validate.Length(BODY_MIN, BODY_MAX, error="Use {min} to {max} characters."),
        ],
    )
    themes = ma.fields.List(
        Text(validate=_one_of(reference.themes())),
        required=True,
        validate=validate.Length(THEMES_MIN, THEMES_MAX, error="Choose {min} to {max} themes."),
    )
    ecosystem = Text(allow_none=True, validate=_one_of(reference.ecosystems()))


class NewReplySchema(StrictSchema):
    """A reply: Markdown text."""

    body = Text(
        required=True,
        trimmed=True,
        validate=[
            validate.Length(REPLY_MIN, REPLY_MAX, error="Use {min} to {max} characters."),
        ],
    )


class NewIntroductionSchema(StrictSchema):
    """Whom to be introduced to (their profile id) and a short message."""

    profile_id = ma.fields.Integer(required=True, validate=validate.Range(1, 2**31 - 1))
    message = Text(
        load_default="",
        validate=validate.Length(
            max=INTRODUCTION_MESSAGE_MAX, error="Use at most {max} characters."
        ),
    )
