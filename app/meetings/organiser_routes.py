"""Organiser views of the meetings area (coaches and admins): set up and edit an event, build,
review and publish the schedule, printable agendas and the report. Thin, like routes.py.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.decorators import coach_required
from app.extensions import db
from app.fragments import wants_fragment
from app.meetings import editing, queries, services
from app.meetings.blueprint import bp
from app.meetings.figures import meeting_figures
from app.meetings.forms import EditEventForm, EmptyForm, EventForm, MoveForm, PhaseForm
from app.meetings.services import MeetingRuleError
from app.models.meeting import OUTCOMES, PHASES
from matching.people import InputError


@bp.route("/new", methods=["GET", "POST"])
@coach_required
def new():
    """The organiser sets up a meeting event."""
    form = EventForm()
    form.edition_id.choices = [(0, "The whole community")] + [
        (c.id, c.name) for c in queries.editions()
    ]
    if form.validate_on_submit():
        event = services.create_event(
            current_user,
            days=form.days(),
            window_start=form.window_start.data,
            window_end=form.window_end.data,
            breaks=form.planned_breaks,
            **form.event_fields(),
        )
        db.session.commit()
        flash(f"“{event.name}” created with {len(event.slots)} slots.", "success")
        return redirect(url_for("meetings.show", event_id=event.id))
    return render_template("meetings/form.html", form=form)


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@coach_required
def edit(event_id: int):
    """The organiser changes the event; what would orphan meetings is refused at its field."""
    event = queries.get_event_or_404(event_id)
    before = {**editing.event_timing(event), "timezone": event.timezone}
    before["slot_minutes"] = event.slot_minutes
    form = EditEventForm(obj=event, data=before if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            editing.update_event(
                event,
                days=form.days(),
                window_start=form.window_start.data,
                window_end=form.window_end.data,
                breaks=form.planned_breaks,
                **form.edited_fields(),
            )
        except MeetingRuleError as error:  # raised before anything is written
            field = form.changed_timing_field(before) if error.field == "slots" else error.field
            getattr(form, field).errors.append(f"Not saved: {error.message}.")
        else:
            db.session.commit()
            flash(f"“{event.name}” saved.", "success")
            return redirect(url_for("meetings.show", event_id=event.id))
    return render_template("meetings/form.html", form=form, event=event)


# -- organiser: the schedule -------------------------------------------------------------------
@bp.get("/<int:event_id>/schedule")
@coach_required
def schedule(event_id: int):
    """The grid of slots × tables, per-person counts, conflicts and unscheduled wishes."""
    event = queries.get_event_or_404(event_id)
    return _grid_response(event)


def _grid_response(event, *, error=None, status=200):
    context = {
        "event": event,
        "phase_form": PhaseForm(phase=event.phase),
        "grid": queries.grid(event),
        "phases": PHASES,
        "csrf_form": EmptyForm(),
        "error": error,
    }
    if wants_fragment():
        return render_template("meetings/_grid.html", **context)  # 200: htmx swaps only 2xx
    if error:
        flash(error, "error")
    return render_template("meetings/schedule.html", **context), status


@bp.post("/<int:event_id>/build")
@coach_required
def build(event_id: int):
    """Build schedule: a draft from wishes, availability and the matcher, keeping locks."""
    event = queries.get_event_or_404(event_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        result = services.build_schedule(event)
    except (InputError, MeetingRuleError) as error:
        db.session.rollback()
        reason = getattr(error, "message", str(error))
        return _grid_response(
            event, error=f"The schedule could not be built: {reason}.", status=400
        )
    db.session.commit()
    if not wants_fragment():
        flash(f"Draft built: {len(result.meetings)} meetings.", "success")
        return redirect(url_for("meetings.schedule", event_id=event.id))
    return _grid_response(event)


@bp.post("/<int:event_id>/meetings/<int:meeting_id>/move")
@coach_required
def move(event_id: int, meeting_id: int):
    """Move a meeting to another slot or table, re-checked against every rule."""
    event = queries.get_event_or_404(event_id)
    meeting = queries.get_meeting_or_404(meeting_id, event=event)
    form = MoveForm()
    if not form.validate_on_submit():
        return _grid_response(event, error="Choose a slot and a table.", status=400)
    try:
        services.move_meeting(meeting, slot_id=form.slot.data, table=form.table.data)
    except MeetingRuleError as error:
        db.session.rollback()
        return _grid_response(event, error=f"Not moved: {error.message}.", status=400)
    db.session.commit()
    return _after_edit(event, "Meeting moved.")


@bp.post("/<int:event_id>/meetings/<int:meeting_id>/cancel")
@coach_required
def cancel(event_id: int, meeting_id: int):
    """Take a meeting off the schedule."""
    event, meeting = _button_on_meeting(event_id, meeting_id)
    services.cancel_meeting(meeting)
    db.session.commit()
    return _after_edit(event, "Meeting cancelled.")


@bp.post("/<int:event_id>/meetings/<int:meeting_id>/lock")
@coach_required
def lock(event_id: int, meeting_id: int):
    """Lock a meeting so the next build keeps it (or unlock it)."""
    event, meeting = _button_on_meeting(event_id, meeting_id)
    services.set_locked(meeting, locked=not meeting.locked)
    db.session.commit()
    return _after_edit(event, "Meeting locked." if meeting.locked else "Meeting unlocked.")


def _button_on_meeting(event_id: int, meeting_id: int):
    """The event and its meeting behind an organiser's one-click button, CSRF checked (else 400)."""
    event = queries.get_event_or_404(event_id)
    meeting = queries.get_meeting_or_404(meeting_id, event=event)
    if not EmptyForm().validate_on_submit():
        abort(400)
    return event, meeting


def _after_edit(event, message: str):
    if wants_fragment():
        return _grid_response(event)
    flash(message, "success")
    return redirect(url_for("meetings.schedule", event_id=event.id))


@bp.post("/<int:event_id>/publish")
@coach_required
def publish(event_id: int):
    """Publish schedule: participants get their agendas and a notification."""
    event = queries.get_event_or_404(event_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    told = services.publish(event)
    db.session.commit()
    flash(f"Schedule published; {told} participants notified.", "success")
    return redirect(url_for("meetings.schedule", event_id=event.id))


@bp.post("/<int:event_id>/phase")
@coach_required
def phase(event_id: int):
    """Move the event to another phase (e.g. open the follow-up after the day)."""
    event = queries.get_event_or_404(event_id)
    form = PhaseForm()
    if not form.validate_on_submit():
        abort(400)
    services.set_phase(event, phase=form.phase.data)
    db.session.commit()
    flash(f"The event is now in the phase “{PHASES[event.phase]}”.", "success")
    return redirect(url_for("meetings.schedule", event_id=event.id))


@bp.get("/<int:event_id>/print/people")
@coach_required
def print_people(event_id: int):
    """Printable agendas, one per participant."""
    event = queries.get_event_or_404(event_id)
    people = [(p.user, queries.agenda(event, p.user)) for p in queries.participants(event)]
    return render_template("meetings/print_people.html", event=event, people=people)


@bp.get("/<int:event_id>/print/tables")
@coach_required
def print_tables(event_id: int):
    """Printable agendas, one per table, for the venue."""
    event = queries.get_event_or_404(event_id)
    return render_template(
        "meetings/print_tables.html", event=event, tables=queries.table_agendas(event)
    )


@bp.get("/<int:event_id>/report")
@coach_required
def report(event_id: int):
    """Meetings held, no-shows and outcomes by wish type and matcher mode."""
    event = queries.get_event_or_404(event_id)
    return render_template(
        "meetings/report.html",
        event=event,
        figures=meeting_figures([event.id]),
        outcomes=OUTCOMES,
    )
