"""Forms of the peers area: filters, introduction requests, outcomes."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.forms import options
from app.models.peers import OUTCOME_KINDS

TABS = {"similar": "Similar challenges", "helpers": "Can help me", "surprise": "Surprise me"}
MESSAGE_MAX = 500


class PeerFilters(FlaskForm):
    """The tab and filters of the find-peers page (a GET form: no CSRF)."""

    class Meta:
        csrf = False

    # The tabs are links; the form only carries the current one along with the filters.
    tab = HiddenField("Show", default="similar")
    exclude_country = BooleanField("Not from my country")
    exclude_ecosystem = BooleanField("Not in my ecosystems")
    exclude_cohort = BooleanField("Not from my cohorts")
    alumni_only = BooleanField("Alumni only")

    @property
    def current_tab(self) -> str:
        """The chosen tab; an unknown value falls back to the first one."""
        return self.tab.data if self.tab.data in TABS else "similar"


class IntroductionForm(FlaskForm):
    """A short message to go with an introduction request."""

    message = TextAreaField(
        "Why would you like to meet?",
        validators=[
            DataRequired("Write a short message so they know why you would like to meet."),
            Length(max=MESSAGE_MAX, message=f"Keep the message under {MESSAGE_MAX} characters."),
        ],
    )


class OutcomeForm(FlaskForm):
    """What came of an accepted introduction."""

    kind = RadioField("What came of it?", choices=options(OUTCOME_KINDS),
                      validators=[DataRequired("Choose what came of the introduction.")])
    note = StringField("Details (optional), e.g. what you collaborate on",
                       validators=[Length(max=300, message="Keep the details under 300 characters.")])
