"""Forms of the notifications area: the preferences page."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectMultipleField, widgets

from app.forms import options
from app.models import NOTIFICATION_EVENTS


class PreferencesForm(FlaskForm):
    """Which events to receive, and whether by email and as a weekly digest."""

    events = SelectMultipleField(
        "Notify me when",
        choices=options(NOTIFICATION_EVENTS),
        option_widget=widgets.CheckboxInput(),
        widget=widgets.ListWidget(prefix_label=False),
    )
    email_enabled = BooleanField("Also send me each notification by email")
    weekly_digest = BooleanField("Send me a weekly email digest of unread notifications")

    def muted_events(self) -> set[str]:
        """The events the user left unticked."""
        return set(NOTIFICATION_EVENTS) - set(self.events.data or [])
