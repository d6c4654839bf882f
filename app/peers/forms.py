"""Forms of the peers area: filters, introduction requests, outcomes."""

import math
from collections.abc import Mapping
from dataclasses import dataclass

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.forms import options
from app.models.peers import OUTCOME_KINDS, SUGGESTION_MODES

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


@dataclass(frozen=True)
class SuggestionOrigin:
    """The card an action came from: its tab ("similar", "helpers", "surprise") and score.

    Carried by the card's links and forms as `mode` and `score` and stored with the feedback. It
    only labels the action: a missing or malformed value is dropped, never refused.
    """

    mode: str | None = None
    score: float | None = None

    @classmethod
    def read(cls, values: Mapping[str, str]) -> "SuggestionOrigin":
        mode = values.get("mode")
        try:
            score = float(values.get("score", ""))
        except ValueError:
            score = None
        if score is not None and not (math.isfinite(score) and -10 <= score <= 10):
            score = None
        return cls(mode if mode in SUGGESTION_MODES else None, score)

    def as_args(self) -> dict[str, str]:
        """Query arguments that carry the origin on to the next request (empty when unknown)."""
        args = {}
        if self.mode:
            args["mode"] = self.mode
        if self.score is not None:
            args["score"] = f"{self.score:.4f}"
        return args


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

    kind = RadioField(
        "What came of it?",
        choices=options(OUTCOME_KINDS),
        validators=[DataRequired("Choose what came of the introduction.")],
    )
    note = StringField(
        "Details (optional), e.g. what you collaborate on",
        validators=[Length(max=300, message="Keep the details under 300 characters.")],
    )
