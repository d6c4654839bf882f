"""Forms of the practice library: sharing or editing a practice, adopting, flagging, moderating."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from werkzeug.datastructures import FileStorage
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app import reference
from app.challenges.forms import CheckboxListField
from app.forms import options
from app.models import PRACTICE_TYPES, PRACTICE_VISIBILITIES, User
from app.practices import uploads

TITLE_MIN, TITLE_MAX = 5, 160
SUMMARY_MIN, SUMMARY_MAX = 10, 240
HOW_TO_MIN, HOW_TO_MAX = 30, 20_000
LONG_MAX = 10_000
THEMES_MIN, THEMES_MAX = 1, 3
MAX_LINKS = 10
MAX_COAUTHORS = 5
VISIBILITY_NAMES = {
    "community": "Everyone in the community",
    "cohorts": "Only people from my Academy cohorts (and coaches)",
}

#: What the Markdown fields refuse (in HTML tags, or in Markdown's {: attribute lists }), with what to do instead. The text is sanitised when shown
#: anyway (app.text.render_markdown); refusing it here tells the author, instead of silently
#: showing something else than they wrote.
UNSAFE_MARKUP = (
    (
        re.compile(r"<\s*/?\s*script", re.I),
        "remove the <script> tag: a practice shows text, lists, tables and links only",
    ),
    (
        re.compile(r"<\s*(iframe|object|embed|style|form|input|svg|math|img|link|meta)\b", re.I),
        "remove the <{0}> tag: a practice shows text, lists, tables and links only",
    ),
    (
        re.compile(r"(?:<[^>]*?|\{[^}]*?)\s(on[a-z]+)\s*=", re.I),
        "remove the event handler ({0}…=): scripts cannot run in a practice",
    ),
    (
        re.compile(r"(?:<[^>]*?|\{[^}]*?)[\s{:]((?:data-)?hx-[a-z-]+)", re.I),
        "remove the {0} attribute: page behaviour cannot be set from a practice",
    ),
    (
        re.compile(r"((?:java|vb)script\s*:|data\s*:\s*text/html)", re.I),
        "links must start with http://, https:// or mailto:, not {0}",
    ),
)


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def unsafe_markup(source: str) -> str | None:
    """What to remove from Markdown that would carry a script, a handler or htmx attributes, or None."""
    for pattern, advice in UNSAFE_MARKUP:
        found = pattern.search(source or "")
        if found:
            return advice.format(found.group(1) if found.lastindex else found.group(0).strip())
    return None


class SafeMarkdown:
    """Validator: refuse Markdown carrying markup the site would strip, naming the field."""

    def __call__(self, form, field) -> None:
        problem = unsafe_markup(field.data or "")
        if problem:
            raise ValidationError(f"{field.label.text}: {problem}.")


def _length(label: str, low: int, high: int) -> Length:
    return Length(low, high, f"{label}: write {low:,} to {high:,} characters.")


class PracticeForm(FlaskForm):
    """Everything about a practice; the Markdown fields are checked for unsafe markup."""

    title = StringField(
        "Title",
        filters=[_strip],
        validators=[
            DataRequired("Title: name the practice."),
            _length("Title", TITLE_MIN, TITLE_MAX),
        ],
        render_kw={"maxlength": TITLE_MAX},
    )
    summary = StringField(
        "Summary",
        filters=[_strip],
        validators=[
            DataRequired("Summary: say in one line what the practice does."),
            _length("Summary", SUMMARY_MIN, SUMMARY_MAX),
        ],
        render_kw={"maxlength": SUMMARY_MAX},
    )
    kind = SelectField("Type", validate_choice=False)
    problem = TextAreaField(
        "Problem it addresses",
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=LONG_MAX, message=f"Problem it addresses: at most {LONG_MAX:,} characters."),
            SafeMarkdown(),
        ],
        render_kw={"rows": 3},
    )
    how_to = TextAreaField(
        "How to run it",
        filters=[_strip],
        validators=[
            DataRequired("How to run it: write the steps another cluster manager would follow."),
            _length("How to run it", HOW_TO_MIN, HOW_TO_MAX),
            SafeMarkdown(),
        ],
        render_kw={"rows": 12},
    )
    needs_time = StringField(
        "Time it takes", filters=[_strip], validators=[Optional(), Length(max=200)]
    )
    needs_budget = StringField("Budget", filters=[_strip], validators=[Optional(), Length(max=200)])
    needs_team = StringField("Team", filters=[_strip], validators=[Optional(), Length(max=200)])
    results = TextAreaField(
        "Results and evidence",
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=LONG_MAX, message=f"Results and evidence: at most {LONG_MAX:,} characters."),
            SafeMarkdown(),
        ],
        render_kw={"rows": 5},
    )
    themes = CheckboxListField("Themes", validate_choice=False)
    ecosystems = CheckboxListField("Ecosystems", validate_choice=False)
    maturities = CheckboxListField("Suits clusters that are", validate_choice=False)
    languages = StringField(
        "Languages",
        filters=[_strip],
        validators=[Optional(), Length(max=120, message="Languages: at most 120 characters.")],
    )
    links = TextAreaField("Links", filters=[_strip], render_kw={"rows": 3})
    coauthors = StringField("Co-authors", filters=[_strip])
    attachments = MultipleFileField("Attachments")
    visibility = SelectField("Who sees it", validate_choice=False)
    submit = SubmitField("Publish practice")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = options(PRACTICE_TYPES)
        self.themes.choices = options(reference.themes())
        self.ecosystems.choices = options(reference.ecosystems())
        self.maturities.choices = options(reference.maturity_levels())
        self.visibility.choices = options(VISIBILITY_NAMES)
        self.parsed_links: list[tuple[str, str]] = []
        self.coauthor_users: list[User] = []
        self.checked_files: list[uploads.CheckedFile] = []

    def validate_kind(self, field) -> None:
        """A type from the list."""
        if field.data not in PRACTICE_TYPES:
            raise ValidationError("Type: choose tool, method, service, business model or template.")

    def validate_visibility(self, field) -> None:
        """Community or cohorts."""
        if field.data not in PRACTICE_VISIBILITIES:
            raise ValidationError("Who sees it: choose one of the two options.")

    def validate_themes(self, field) -> None:
        """One to three themes from the list."""
        chosen = field.data or []
        if any(slug not in reference.themes() for slug in chosen):
            raise ValidationError("Themes: choose themes from the list.")
        if not THEMES_MIN <= len(chosen) <= THEMES_MAX:
            raise ValidationError(f"Themes: tick {THEMES_MIN} to {THEMES_MAX} themes.")

    def validate_ecosystems(self, field) -> None:
        """Ecosystems from the list (none means any)."""
        if any(slug not in reference.ecosystems() for slug in field.data or []):
            raise ValidationError("Ecosystems: choose ecosystems from the list.")

    def validate_maturities(self, field) -> None:
        """Maturity levels from the list (none means any)."""
        if any(slug not in reference.maturity_levels() for slug in field.data or []):
            raise ValidationError("Suits clusters that are: choose levels from the list.")

    def validate_links(self, field) -> None:
        """One link a line: an http(s) address, then optionally a label."""
        links = []
        for number, line in enumerate((field.data or "").splitlines(), start=1):
            if not line.strip():
                continue
            url, _, label = line.strip().partition(" ")
            if not re.match(r"^https?://[^\s/$.?#][^\s]*$", url, re.I) or len(url) > 500:
                raise ValidationError(
                    f"Links: line {number} does not start with a web address (https://…). "
                    "Put one link a line, the address first, then a label if you like."
                )
            links.append((url, label.strip()[:160]))
        if len(links) > MAX_LINKS:
            raise ValidationError(f"Links: at most {MAX_LINKS} links.")
        self.parsed_links = links

    def validate_coauthors(self, field) -> None:
        """Co-authors by the email address of their account."""
        from app.practices.queries import users_by_email

        emails = [
            User.normalise_email(e) for e in re.split(r"[,;\s]+", field.data or "") if e.strip()
        ]
        if len(emails) > MAX_COAUTHORS:
            raise ValidationError(f"Co-authors: at most {MAX_COAUTHORS} people.")
        found = users_by_email(emails)
        unknown = [email for email in emails if email not in found]
        if unknown:
            raise ValidationError(
                f"Co-authors: no member has the email {', '.join(unknown)}. "
                "Use the address they log in with, or leave them out."
            )
        self.coauthor_users = [found[email] for email in dict.fromkeys(emails)]

    def validate_attachments(self, field) -> None:
        """Up to five files, each a PDF, .pptx, PNG or JPEG by content, within the size cap."""
        files = [f for f in field.data or [] if isinstance(f, FileStorage) and f.filename]
        if len(files) > uploads.MAX_FILES:
            raise ValidationError(f"Attachments: at most {uploads.MAX_FILES} files at a time.")
        try:
            self.checked_files = [uploads.check(upload) for upload in files]
        except uploads.RejectedFile as rejected:
            raise ValidationError(str(rejected)) from None

    def content(self):
        """The validated fields as the services take them."""
        from app.practices.services import PracticeContent

        return PracticeContent(
            title=self.title.data,
            summary=self.summary.data,
            kind=self.kind.data,
            how_to=self.how_to.data,
            problem=self.problem.data or "",
            needs_time=self.needs_time.data or "",
            needs_budget=self.needs_budget.data or "",
            needs_team=self.needs_team.data or "",
            results=self.results.data or "",
            languages=self.languages.data or "",
            visibility=self.visibility.data,
            themes=list(self.themes.data or []),
            ecosystems=list(self.ecosystems.data or []),
            maturities=list(self.maturities.data or []),
            links=self.parsed_links,
            coauthors=self.coauthor_users,
        )

    def fill_from(self, practice) -> None:
        """Show a practice's current values (editing)."""
        self.themes.data, self.ecosystems.data = practice.themes, practice.ecosystems
        self.maturities.data = practice.maturities
        self.links.data = "\n".join(f"{link.url} {link.label}".strip() for link in practice.links)
        self.coauthors.data = ", ".join(user.email for user in practice.coauthors)


class EditPracticeForm(PracticeForm):
    """The practice form with a note for the version history."""

    note = StringField(
        "What did you change? (optional)",
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=300, message="What did you change: at most 300 characters."),
        ],
    )
    submit = SubmitField("Save changes")


class AdoptionForm(FlaskForm):
    """ "I adopted this", with an optional story and result."""

    story = TextAreaField(
        "How it went (optional)",
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=2_000, message="How it went: at most 2,000 characters."),
        ],
        render_kw={"rows": 3},
    )
    result = StringField(
        "Result (optional)",
        filters=[_strip],
        validators=[Optional(), Length(max=300, message="Result: at most 300 characters.")],
    )
    submit = SubmitField("I adopted this")


class FlagForm(FlaskForm):
    """A member says the practice is outdated."""

    reason = StringField(
        "Why is it outdated? (optional)",
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=300, message="Why is it outdated: at most 300 characters."),
        ],
    )
    submit = SubmitField("Flag as outdated")


class UnpublishForm(FlaskForm):
    """A coach or admin takes a practice out of the library, telling the author why."""

    note = TextAreaField(
        "Note to the author",
        filters=[_strip],
        validators=[
            DataRequired(
                "Note to the author: say why the practice is unpublished and what would fix it."
            ),
            Length(max=1_000, message="Note to the author: at most 1,000 characters."),
        ],
        render_kw={"rows": 3},
    )
    submit = SubmitField("Unpublish")


class CollectionForm(FlaskForm):
    """A coach starts a collection for an edition, or the materials of one of its sessions."""

    edition_id = SelectField("Edition", coerce=int, validate_choice=False)
    session_id = SelectField("Session (optional)", coerce=int, validate_choice=False)
    title = StringField(
        "Title",
        filters=[_strip],
        validators=[
            DataRequired("Title: name the collection, e.g. “Toolkit of the 4th Academy”."),
            _length("Title", 3, 160),
        ],
    )
    description = TextAreaField(
        "Description",
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=2_000, message="Description: at most 2,000 characters."),
        ],
        render_kw={"rows": 3},
    )
    submit = SubmitField("Create collection")

    def __init__(self, *args, editions: dict[int, str], sessions: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.edition_id.choices = options(editions)
        self.session_id.choices = options(
            {0: "None: a collection for the whole edition"} | sessions
        )
        self.known_editions = editions

    def validate_edition_id(self, field) -> None:
        """An existing edition."""
        if field.data not in self.known_editions:
            raise ValidationError("Edition: choose an edition from the list.")


class AddToCollectionForm(FlaskForm):
    """On a practice's page, a coach adds it to one of the collections."""

    collection_id = SelectField("Collection", coerce=int, validate_choice=False)
    note = StringField(
        "Note for the participants (optional)",
        filters=[_strip],
        validators=[Optional(), Length(max=300, message="Note: at most 300 characters.")],
    )
    submit = SubmitField("Add to collection")


DESCRIBE_MAX = 1_000


class DescribeChallengeForm(FlaskForm):
    """ "Find practices like this": a challenge in a few sentences, ranked by meaning (a GET form)."""

    class Meta:
        csrf = False  # a search: it reads, never writes

    like = TextAreaField(
        "Describe your challenge",
        filters=[_strip],
        validators=[
            DataRequired(
                "Describe your challenge: write a sentence or two about the problem, "
                "then choose “Find practices like this”."
            )
        ],
        render_kw={"rows": 3},
    )

    def validate_like(self, field) -> None:
        """At most DESCRIBE_MAX characters, saying how many were written."""
        if len(field.data or "") > DESCRIBE_MAX:
            raise ValidationError(
                f"Describe your challenge: at most {DESCRIBE_MAX:,} characters (you wrote "
                f"{len(field.data):,}). Keep the problem and what you tried; leave out the rest."
            )
