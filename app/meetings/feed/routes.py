"""Views of the calendar feed: the secret .ics link itself, and subscribing or stopping it.

The feed URL carries its own secret instead of a login, because calendar apps cannot log in. It
is never put in a mail, a notification or a redirect, and a wrong or revoked secret is a 404.
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.meetings import calendar
from app.meetings.blueprint import bp
from app.meetings.feed import queries, services
from app.meetings.forms import EmptyForm
from app.models import User
from app.security import external_url


@bp.get("/feed/<token>.ics")
def feed(token: str):
    """The person's calendar: every published meeting, across events, with stable UIDs."""
    subscription = queries.get_feed_by_token_or_404(token)
    owner = db.session.get(User, subscription.user_id)
    body = calendar.feed_ics(
        owner,
        queries.feed_meetings(owner),
        link=lambda m: external_url("meetings.agenda", event_id=m.event_id),
        viewer_zone=owner.timezone,
    )
    services.note_feed_used(subscription)
    db.session.commit()
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": 'inline; filename="my-meetings.ics"',
            "Cache-Control": "private, no-store",
            "X-Robots-Tag": "noindex",
        },
    )


@bp.get("/calendar-feed")
@login_required
def calendar_feed():
    """Subscribe to my meetings: whether the feed is on, and the buttons to get or stop it."""
    return _feed_page(links=None)


def _feed_page(*, links: dict | None):
    return render_template(
        "meetings/calendar_feed.html",
        feed=queries.feed_of(current_user),
        links=links,
        csrf_form=EmptyForm(),
    )


@bp.post("/calendar-feed")
@login_required
def subscribe():
    """Make the feed (or a new link for it) and show its links this once."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    token = services.new_feed_token(current_user)
    db.session.commit()
    https = external_url("meetings.feed", token=token)
    return _feed_page(links={"webcal": "webcal://" + https.split("://", 1)[1], "https": https})


@bp.post("/calendar-feed/stop")
@login_required
def stop_feed():
    """Stop the feed: calendars subscribed to its link get nothing more."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    stopped = services.revoke_feed(current_user)
    db.session.commit()
    flash(
        "Your calendar feed is stopped; its link no longer works."
        if stopped
        else "You had no calendar feed.",
        "success",
    )
    return redirect(url_for("meetings.calendar_feed"))
