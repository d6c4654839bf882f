"""Routes of the breakout builder: generate, move, lock, regenerate, coaches, publish, export, history."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.csv_safe import csv_text
from app.decorators import coach_required
from app.editions import breakouts, coaches, queries
from app.editions.forms import BuilderForm
from app.editions.routes import bp
from app.extensions import db


@bp.get("/sessions/<int:session_id>/breakouts")
@coach_required
def builder(session_id: int):
    """The builder form and the session's rounds of groups."""
    session = queries.get_session_or_404(session_id)
    form = BuilderForm(data=_form_defaults(session))
    return _builder_page(session, form)


@bp.post("/sessions/<int:session_id>/breakouts")
@coach_required
def generate(session_id: int):
    """Form new rounds from the builder settings; on bad input the previous groups stay untouched."""
    session = queries.get_session_or_404(session_id)
    form = BuilderForm()
    _set_participant_choices(form, session)
    error = None
    if form.validate_on_submit():
        settings = breakouts.BuilderSettings(form.participants.data, form.group_size.data, form.rounds.data,
                                             form.weights(), form.seed.data or 0)
        try:
            for breakout_round in breakouts.generate(session, settings):
                coaches.assign_suggested_coaches(breakout_round)
        except breakouts.BreakoutError as problem:
            error = str(problem)
    else:
        error = "; ".join(e for errors in form.errors.values() for e in errors)
    return _after_change(session, error, form=form)


@bp.post("/sessions/<int:session_id>/regenerate")
@coach_required
def regenerate(session_id: int):
    """Form the draft rounds again, keeping locked groups."""
    session = queries.get_session_or_404(session_id)
    try:
        for breakout_round in breakouts.regenerate_unlocked(session):
            if not all(g.coach_id for g in breakout_round.groups):
                coaches.assign_suggested_coaches(breakout_round)
    except breakouts.BreakoutError as problem:
        return _after_change(session, str(problem))
    return _after_change(session)


@bp.post("/rounds/<int:round_id>/move")
@coach_required
def move(round_id: int):
    """Move one participant to another group (drag and drop, or the Move-to select); metrics re-score."""
    breakout_round = queries.get_round_or_404(round_id)
    target = queries.get_group_or_404(request.form.get("group_id", type=int) or 0)
    try:
        breakouts.move_member(breakout_round, user_id=request.form.get("user_id", type=int) or 0, to_group=target)
    except breakouts.BreakoutError as problem:
        return _after_change(breakout_round.session, str(problem))
    return _after_change(breakout_round.session)


@bp.post("/groups/<int:group_id>/lock")
@coach_required
def lock(group_id: int):
    """Lock or unlock a group."""
    group = queries.get_group_or_404(group_id)
    breakouts.toggle_lock(group)
    return _after_change(group.round.session)


@bp.post("/groups/<int:group_id>/coach")
@coach_required
def set_coach(group_id: int):
    """Assign (or clear) the coach of a group, overriding the suggestion."""
    group = queries.get_group_or_404(group_id)
    coach_id = request.form.get("coach_id", type=int)
    allowed = {c.id for c in queries.coaches(group.round.session.cohort)}
    if coach_id and coach_id not in allowed:
        return _after_change(group.round.session, "Pick a coach from the list.")
    group.coach_id = coach_id or None
    return _after_change(group.round.session)


@bp.post("/rounds/<int:round_id>/suggest-coaches")
@coach_required
def suggest_coaches(round_id: int):
    """Re-suggest a coach for every group of the round from their expertise."""
    breakout_round = queries.get_round_or_404(round_id)
    coaches.assign_suggested_coaches(breakout_round)
    return _after_change(breakout_round.session)


@bp.post("/sessions/<int:session_id>/publish")
@coach_required
def publish(session_id: int):
    """Publish the draft rounds: participants see their groups."""
    session = queries.get_session_or_404(session_id)
    published = breakouts.publish(session)
    if not published:
        return _after_change(session, "Nothing to publish: every round is already published.")
    flash(f"Published {len(published)} rounds; participants were told.", "success")
    return _after_change(session)


@bp.get("/rounds/<int:round_id>/export.csv")
@coach_required
def export_csv(round_id: int):
    """The round's groups as CSV (one line per member)."""
    breakout_round = queries.get_round_or_404(round_id)
    header = ["round", "group", "coach", "name", "email", "organisation", "country", "ecosystems", "maturity"]
    rows = [
        [breakout_round.number, group.position + 1, group.coach.name if group.coach else "",
         user.name, user.email, p.organisation if p else "", p.country if p else "",
         " ".join(p.ecosystems) if p else "", p.maturity if p else ""]
        for group in breakout_round.groups for user in group.users for p in [user.profile]
    ]
    name = f"breakouts-session{breakout_round.session_id}-round{breakout_round.number}.csv"
    return Response(csv_text(header, rows), mimetype="text/csv", headers={"Content-Disposition": f"attachment; filename={name}"})


@bp.get("/rounds/<int:round_id>/print")
@coach_required
def print_round(round_id: int):
    """A printable page of one round's groups."""
    breakout_round = queries.get_round_or_404(round_id)
    return render_template("editions/print_round.html", round=breakout_round, session=breakout_round.session)


@bp.get("/<int:cohort_id>/rounds")
@coach_required
def history(cohort_id: int):
    """Every round of the edition so far, in order."""
    cohort = queries.get_edition_or_404(cohort_id)
    return render_template("editions/history.html", cohort=cohort, rounds=queries.edition_rounds(cohort))


@bp.get("/my-groups")
@login_required
def my_groups():
    """A participant's published breakout groups with their fellow members, and their homework."""
    return render_template("editions/my_groups.html", homework=queries.my_homework(current_user))


def _form_defaults(session) -> dict:
    """Builder defaults: the last draft's settings, else the attending participants in groups of 4, 3 rounds."""
    drafts = breakouts.draft_rounds(session)
    if drafts:
        s = drafts[0].settings
        return {"participants": s.get("participants"), "group_size": s.get("group_size"),
                "rounds": s.get("rounds"), "seed": s.get("seed", 0), **s.get("weights", {})}
    attending = queries.participants(session.cohort, attending_only=True)
    return {"participants": [u.id for u in attending], "group_size": 4, "rounds": 3}


def _set_participant_choices(form: BuilderForm, session) -> None:
    """Participants of the edition as checkbox choices."""
    form.participants.choices = breakouts.participant_choices(session.cohort)


def _builder_page(session, form: BuilderForm, error: str | None = None, status: int = 200):
    """The builder page, or (htmx) the rounds fragment only."""
    _set_participant_choices(form, session)
    context = {
        "session": session, "cohort": session.cohort, "form": form, "error": error,
        "rounds": queries.session_rounds(session), "coaches": queries.coaches(session.cohort),
        "rules": db.session.scalars(db.select(breakouts.BreakoutRule).filter_by(cohort_id=session.cohort_id)).all(),
    }
    template = "editions/_rounds.html" if request.htmx else "editions/builder.html"
    return render_template(template, **context), status


def _after_change(session, error: str | None = None, *, form: BuilderForm | None = None):
    """Commit (or roll back on error), then the fragment for htmx, a redirect for plain forms."""
    if error:
        db.session.rollback()
    else:
        db.session.commit()
    if not request.htmx and not error:
        return redirect(url_for("editions.builder", session_id=session.id) + "#breakout-rounds")
    if not request.htmx:
        form = form or BuilderForm(data=_form_defaults(session))
    return _builder_page(session, form or BuilderForm(data=_form_defaults(session)), error, 400 if error else 200)


def _profile_visible(user) -> bool:
    """Whether the current user may see this fellow member's profile (the profiles area's rule)."""
    try:
        from app.profiles.queries import can_view_profile
    except ImportError:
        return True
    return user.profile is not None and can_view_profile(current_user, user.profile)


@bp.app_context_processor
def my_groups_helpers() -> dict:
    """Helpers for editions/_my_groups.html, which the home page includes outside this blueprint."""
    return {"editions_my_groups": queries.my_published_groups, "profile_visible": _profile_visible}
