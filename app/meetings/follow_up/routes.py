"""Views of the six-month follow-up: a participant's rating, and `flask send-meeting-reminders`."""

from __future__ import annotations

from datetime import date

import click
from flask import flash, redirect, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.meetings import queries as meeting_queries
from app.meetings.blueprint import bp
from app.meetings.follow_up import queries, services
from app.meetings.forms import RatingForm
from app.meetings.rules import MeetingRuleError


@bp.post("/<int:event_id>/six-months/<int:meeting_id>")
@login_required
def rate(event_id: int, meeting_id: int):
    """What came of a meeting, six months on."""
    event = meeting_queries.get_event_or_404(event_id)
    meeting = queries.get_rateable_meeting_or_404(meeting_id, event=event, user=current_user)
    form = RatingForm()
    back = url_for("meetings.agenda", event_id=event.id, _anchor="six-months")
    if not form.validate_on_submit():
        flash("Six months on: choose one of the four answers, then Save.", "error")
        return redirect(back)
    try:
        services.rate_meeting(meeting, current_user, outcome=form.outcome.data, on=queries.today())
    except MeetingRuleError as error:  # raised before anything is written
        flash(f"Six months on: {error.message}.", "error")
        return redirect(back)
    db.session.commit()
    flash("Thank you: your six-month answer is saved.", "success")
    return redirect(back)


@bp.cli.command("send-meeting-reminders")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Act as if today were this date (YYYY-MM-DD); for trying it out.",
)
def send_meeting_reminders_command(today):
    """Ask participants for their six-month meeting ratings (safe to run daily)."""
    day: date = today.date() if today else queries.today()
    sent = services.send_meeting_reminders(today=day)
    db.session.commit()
    click.echo(f"Sent {sent} six-month follow-up reminder(s).")
