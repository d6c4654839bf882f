"""Routes of the notifications area: the bell, the list, marking read, preferences."""

from __future__ import annotations

import click
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.fragments import wants_fragment
from app.models import NOTIFICATION_EVENTS
from app.notifications import queries, services
from app.notifications.blueprint import bp
from app.notifications.forms import PreferencesForm


@bp.get("/bell")
def bell():
    """The tiny bell fragment (link + unread count) that base.html loads and polls every 30 s."""
    if not current_user.is_authenticated:
        return "", 204  # a session that expired mid-page: htmx leaves the bell as it is
    return render_template("notifications/_bell.html", unread=queries.unread_count(current_user))


@bp.get("/")
@login_required
def index():
    """The user's notifications, newest first; htmx gets the list fragment."""
    page = queries.notifications_page(
        current_user, page=request.args.get("page", 1, type=int), per_page=20
    )
    template = "notifications/_list.html" if wants_fragment() else "notifications/index.html"
    return render_template(template, page=page, unread=queries.unread_count(current_user))


@bp.post("/<int:notification_id>/read")
@login_required
def read(notification_id: int):
    """Mark one notification read, then follow its link (or return the updated item to htmx)."""
    notification = queries.get_notification_or_404(notification_id, owned_by=current_user)
    services.mark_read(notification)
    db.session.commit()
    if wants_fragment():
        return render_template("notifications/_item.html", notification=notification)
    return redirect(notification.link or url_for(".index"))


@bp.post("/read-all")
@login_required
def read_all():
    """Mark every notification read."""
    services.mark_all_read(current_user)
    db.session.commit()
    if wants_fragment():
        return index()
    flash("All notifications marked read.", "success")
    return redirect(url_for(".index"))


@bp.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    """Choose which events arrive, email on/off, and the weekly digest."""
    preference = services.preferences_for(current_user)
    form = PreferencesForm()
    if request.method == "GET":
        form.events.data = [e for e in NOTIFICATION_EVENTS if preference.wants(e)]
        form.email_enabled.data = preference.email_enabled
        form.weekly_digest.data = preference.weekly_digest
    if form.validate_on_submit():
        services.save_preferences(
            current_user,
            muted=form.muted_events(),
            email_enabled=form.email_enabled.data,
            weekly_digest=form.weekly_digest.data,
        )
        db.session.commit()
        flash("Notification settings saved.", "success")
        return redirect(url_for(".preferences"))
    db.session.commit()
    return render_template("notifications/preferences.html", form=form)


@bp.cli.command("send-digests")
def send_digests_command():
    """Email the weekly digest of unread notifications to everyone who opted in."""
    sent = services.send_weekly_digests()
    db.session.commit()
    click.echo(f"Sent {sent} weekly digest(s).")
