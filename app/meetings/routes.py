"""Views of the meetings area. Thin: parse, call one service, commit once, render or redirect.

Organiser views (coach or admin) set up events and edit the schedule; participant views register,
mark availability and wishes, and show "My agenda".
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.fragments import wants_fragment
from app.meetings import calendar, queries, services
from app.meetings.blueprint import bp
from app.meetings.feed.queries import feed_of
from app.meetings.follow_up import queries as follow_up_queries
from app.meetings.forms import (
    AnswerForm,
    EmptyForm,
    FollowUpForm,
    WishForm,
)
from app.meetings.services import MeetingRuleError
from app.meetings.slots import both_times, local
from app.models.meeting import OUTCOMES, PHASES, WISH_CHOICES
from app.profile_visibility import CONFIRM_FIRST
from app.security import external_url
from app.timezones import TimeZoneForm

__all__ = ["bp"]


@bp.get("/")
@login_required
def index():
    """Meeting events: upcoming and past."""
    return render_template("meetings/index.html", events=queries.events(), phases=PHASES)


@bp.get("/<int:event_id>")
@login_required
def show(event_id: int):
    """The event page: register, availability, suggested people and wishes."""
    event = queries.get_event_or_404(event_id)
    return render_template("meetings/show.html", **_participant_context(event))


def _participant_context(event, **extra) -> dict:
    participant = queries.participant_of(event, current_user)
    context = {
        "event": event,
        "phases": PHASES,
        "participant": participant,
        "may_register": queries.may_register(event, current_user),
        "wish_choices": WISH_CHOICES,
        "csrf_form": EmptyForm(),
    }
    if participant is not None:
        suggested = queries.suggested_people(event, current_user)
        listed = {item.user.id for item in suggested} | {current_user.id}
        context |= {
            "mine": queries.my_wishes(event, current_user),
            "suggested": suggested,
            "others": [p for p in queries.participants(event) if p.user_id not in listed],
            "asked": queries.wishes_to_me(event, current_user),
            "available": participant.available_slot_ids,
        }
    return context | extra


@bp.post("/<int:event_id>/register")
@login_required
def register(event_id: int):
    """Sign up for the event."""
    event = queries.get_event_or_404(event_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if not current_user.email_verified:  # unconfirmed accounts are listed nowhere (issue 11)
        flash(CONFIRM_FIRST, "error")
        return redirect(url_for("meetings.show", event_id=event.id))
    if not queries.may_register(event, current_user):
        flash("This event is for the edition's participants only.", "error")
        return redirect(url_for("meetings.show", event_id=event.id))
    services.register(event, current_user)
    db.session.commit()
    flash("You are registered. Mark when you are free and whom you would like to meet.", "success")
    return redirect(url_for("meetings.show", event_id=event.id))


@bp.post("/<int:event_id>/availability")
@login_required
def availability(event_id: int):
    """Save the slots the participant is free in."""
    event = queries.get_event_or_404(event_id)
    participant = queries.participant_of(event, current_user)
    if participant is None or not EmptyForm().validate_on_submit():
        abort(403 if participant is None else 400)
    try:
        slot_ids = {int(v) for v in request.form.getlist("slots")}
        services.set_availability(participant, slot_ids=slot_ids)
    except (ValueError, MeetingRuleError) as error:
        db.session.rollback()
        message = getattr(error, "message", "Slots must be chosen from the list.")
        return _availability_response(event, participant, error=message, status=400)
    db.session.commit()
    return _availability_response(event, participant, saved=True)


def _availability_response(event, participant, *, error=None, saved=False, status=200):
    if wants_fragment():
        return render_template(
            "meetings/_availability.html",
            event=event,
            available=participant.available_slot_ids,
            error=error,
            saved=saved,
        )  # 200 even on error: htmx swaps only 2xx responses, and the error is in the fragment
    if error:
        flash(f"Availability: {error}", "error")
    else:
        flash("Availability saved.", "success")
    return redirect(url_for("meetings.show", event_id=event.id))


@bp.post("/<int:event_id>/wish")
@login_required
def wish(event_id: int):
    """ "Must meet", "Would like to meet" or "No thanks" about one participant."""
    event = queries.get_event_or_404(event_id)
    form = WishForm()
    error = None
    if form.validate_on_submit():
        try:
            services.set_wish(
                event, current_user, target_id=form.target.data, choice=form.choice.data
            )
            db.session.commit()
        except MeetingRuleError as problem:
            db.session.rollback()
            error = problem.message
    else:
        error = "Choose a person and one of the wish buttons."
    if wants_fragment():
        target = form.target.data
        return render_template(
            "meetings/_wish_buttons.html",
            event=event,
            person_id=target,
            current=queries.my_wishes(event, current_user).get(target),
            wish_choices=WISH_CHOICES,
            error=error,
        )  # 200 even on error, so htmx shows it
    flash(f"Wish: {error}" if error else "Wish saved.", "error" if error else "success")
    return redirect(url_for("meetings.show", event_id=event.id))


@bp.post("/<int:event_id>/asked/<int:wish_id>")
@login_required
def answer(event_id: int, wish_id: int):
    """Accept a wish to meet, or decline it with a reason."""
    event = queries.get_event_or_404(event_id)
    wish = queries.get_wish_to_or_404(wish_id, user=current_user)
    form = AnswerForm()
    if not form.validate_on_submit():
        abort(400)
    services.answer_wish(wish, accept=form.answer.data == "accept", reason=form.reason.data or "")
    db.session.commit()
    if wants_fragment():
        return render_template("meetings/_asked.html", event=event, wish=wish)
    flash("Answer saved.", "success")
    return redirect(url_for("meetings.show", event_id=event.id, _anchor="asked"))


@bp.get("/<int:event_id>/agenda")
@login_required
def agenda(event_id: int):
    """My agenda: time, table, who and why, with a link to each profile."""
    event = queries.get_event_or_404(event_id)
    published = event.phase in ("published", "follow_up")
    meetings = queries.agenda(event, current_user) if published else []
    return render_template(
        "meetings/agenda.html",
        event=event,
        meetings=meetings,
        published=published,
        outcomes=OUTCOMES,
        csrf_form=EmptyForm(),
        feed=feed_of(current_user),
        links=None,
        six_months=follow_up_queries.rating_open(event),
        six_months_from=follow_up_queries.rating_opens_on(event),
        ratings=follow_up_queries.my_ratings(event, current_user),
        timezone_form=TimeZoneForm(timezone=current_user.timezone or ""),
    )


@bp.get("/<int:event_id>/agenda.ics")
@login_required
def agenda_ics(event_id: int):
    """Add to calendar (.ics): the viewer's meetings, each with its stable UID and SEQUENCE."""
    event = queries.get_event_or_404(event_id)
    if event.phase not in ("published", "follow_up"):
        abort(404)
    body = calendar.agenda_ics(
        event,
        current_user,
        queries.calendar_meetings(event, current_user),
        link=lambda m: external_url("meetings.agenda", event_id=event.id),
        viewer_zone=current_user.timezone,
    )
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="meetings-{event.id}.ics"'},
    )


@bp.post("/<int:event_id>/follow-up/<int:meeting_id>")
@login_required
def follow_up(event_id: int, meeting_id: int):
    """ "Did you meet?" and, later, what came of it."""
    event = queries.get_event_or_404(event_id)
    meeting = queries.get_own_meeting_or_404(meeting_id, user=current_user)
    form = FollowUpForm()
    if meeting.event_id != event.id or not form.validate_on_submit():
        abort(400)
    held = {"yes": True, "no": False}.get(form.held.data)
    services.record_follow_up(meeting, held=held, outcome=form.outcome.data or None)
    db.session.commit()
    flash("Thank you: follow-up saved.", "success")
    return redirect(url_for("meetings.agenda", event_id=event.id))


@bp.app_template_filter("event_time")
def event_time(moment, event):
    """A stored UTC moment in the event's own time zone, for templates."""
    return local(moment, event.timezone)


@bp.app_template_filter("both_times")
def both_times_filter(slot, event, viewer_zone):
    """A slot in the event's time zone and, when it differs, in the viewer's (for templates)."""
    return both_times(slot, event.timezone, viewer_zone)
