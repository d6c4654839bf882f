"""Routes for sessions and their breakout groups: sessions, keep-apart/together rules, and the
builder (generate, move, lock, regenerate, coaches, publish, export, history, my groups).

Every change answers the same way (`_builder_response`): htmx gets the rounds fragment, a plain
form a redirect back to the builder, and an error the builder again with the message.
"""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.decorators import coach_required
from app.editions import queries as edition_queries
from app.editions.blueprint import bp
from app.editions.breakouts import queries, services
from app.editions.breakouts.forms import BuilderForm, RuleForm, SessionForm
from app.editions.homework import queries as homework_queries
from app.extensions import db
from app.forms import options
from app.fragments import wants_fragment
from app.profile_visibility import can_view_profile


@bp.get("/<int:edition_id>/sessions")
@coach_required
def sessions(edition_id: int):
    """The edition's sessions, online and in person."""
    edition = edition_queries.get_edition_or_404(edition_id)
    return render_template(
        "editions/sessions.html", edition=edition, sessions=queries.sessions(edition)
    )


@bp.route("/<int:edition_id>/sessions/new", methods=["GET", "POST"])
@coach_required
def new_session(edition_id: int):
    """Add a session to the edition."""
    edition = edition_queries.get_edition_or_404(edition_id)
    form = SessionForm()
    if form.validate_on_submit():
        session = services.save_session(None, edition, **_session_fields(form))
        db.session.commit()
        flash(f"Session “{session.title}” added.", "success")
        return redirect(url_for("editions.builder", session_id=session.id))
    return render_template("editions/session_form.html", form=form, edition=edition, session=None)


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
@coach_required
def edit_session(session_id: int):
    """Change a session's title, format, date and time."""
    session = queries.get_session_or_404(session_id)
    form = SessionForm(obj=session)
    if form.validate_on_submit():
        services.save_session(session, session.edition, **_session_fields(form))
        db.session.commit()
        flash("Session saved.", "success")
        return redirect(url_for("editions.builder", session_id=session.id))
    return render_template(
        "editions/session_form.html", form=form, edition=session.edition, session=session
    )


def _session_fields(form: SessionForm) -> dict:
    """The session form's data as keyword arguments."""
    return {
        name: getattr(form, name).data
        for name in ("title", "mode", "starts_at", "duration_minutes")
    }


@bp.post("/sessions/<int:session_id>/rules")
@coach_required
def add_rule(session_id: int):
    """Add a keep-apart or keep-together pair for the edition's groups."""
    session = queries.get_session_or_404(session_id)
    form = RuleForm()
    form.first.choices = form.second.choices = options(
        {u.id: u.name for u in edition_queries.participants(session.edition)}
    )
    if form.validate_on_submit():
        services.add_rule(
            session.edition,
            kind=form.kind.data,
            first_user_id=form.first.data,
            second_user_id=form.second.data,
        )
        db.session.commit()
        flash("Rule added; it applies the next time groups are generated.", "success")
    else:
        flash("; ".join(e for errors in form.errors.values() for e in errors), "error")
    return redirect(url_for("editions.builder", session_id=session.id) + "#rules")


@bp.post("/rules/<int:rule_id>/delete")
@coach_required
def delete_rule(rule_id: int):
    """Remove a keep-apart / keep-together rule."""
    rule = queries.get_rule_or_404(rule_id)
    edition_id, session_id = rule.edition_id, request.form.get("session_id", type=int)
    services.delete_rule(rule)
    db.session.commit()
    flash("Rule removed.", "success")
    if session_id:
        return redirect(url_for("editions.builder", session_id=session_id) + "#rules")
    return redirect(url_for("editions.show", edition_id=edition_id))


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
    if not form.validate_on_submit():
        error = "; ".join(e for errors in form.errors.values() for e in errors)
        return _builder_response(session, error=error, form=form)
    settings = services.BuilderSettings(
        form.participants.data,
        form.group_size.data,
        form.rounds.data,
        form.weights(),
        form.seed.data or 0,
    )
    return _change(session, services.form_rounds, session, settings, form=form)


@bp.post("/sessions/<int:session_id>/regenerate")
@coach_required
def regenerate(session_id: int):
    """Form the draft rounds again, keeping locked groups."""
    session = queries.get_session_or_404(session_id)
    return _change(session, services.reform_unlocked, session)


@bp.post("/rounds/<int:round_id>/move")
@coach_required
def move(round_id: int):
    """Move one participant to another group (drag and drop, or the Move-to select); metrics re-score."""
    breakout_round = queries.get_round_or_404(round_id)
    target = queries.get_group_or_404(request.form.get("group_id", type=int) or 0)
    user_id = request.form.get("user_id", type=int) or 0
    return _change(
        breakout_round.session,
        services.move_member,
        breakout_round,
        user_id=user_id,
        to_group=target,
    )


@bp.post("/groups/<int:group_id>/lock")
@coach_required
def lock(group_id: int):
    """Lock or unlock a group."""
    group = queries.get_group_or_404(group_id)
    return _change(group.round.session, services.toggle_lock, group)


@bp.post("/groups/<int:group_id>/coach")
@coach_required
def set_coach(group_id: int):
    """Assign (or clear) the coach of a group, overriding the suggestion."""
    group = queries.get_group_or_404(group_id)
    coach_id = request.form.get("coach_id", type=int)
    return _change(group.round.session, services.set_coach, group, coach_id=coach_id)


@bp.post("/rounds/<int:round_id>/suggest-coaches")
@coach_required
def suggest_coaches(round_id: int):
    """Re-suggest a coach for every group of the round from their expertise."""
    breakout_round = queries.get_round_or_404(round_id)
    return _change(breakout_round.session, services.suggest_coaches, breakout_round)


@bp.post("/sessions/<int:session_id>/publish")
@coach_required
def publish(session_id: int):
    """Publish the draft rounds: participants see their groups."""
    session = queries.get_session_or_404(session_id)
    try:
        published = services.publish(session)
    except services.BreakoutError as problem:
        db.session.rollback()
        return _builder_response(session, error=str(problem))
    db.session.commit()
    flash(f"Published {len(published)} rounds; participants were told.", "success")
    return _builder_response(session)


@bp.get("/rounds/<int:round_id>/export.csv")
@coach_required
def export_csv(round_id: int):
    """The round's groups as CSV (one line per member)."""
    breakout_round = queries.get_round_or_404(round_id)
    name = f"breakouts-session{breakout_round.session_id}-round{breakout_round.number}.csv"
    return Response(
        queries.round_as_csv(breakout_round),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )


@bp.get("/rounds/<int:round_id>/print")
@coach_required
def print_round(round_id: int):
    """A printable page of one round's groups."""
    breakout_round = queries.get_round_or_404(round_id)
    return render_template(
        "editions/print_round.html", round=breakout_round, session=breakout_round.session
    )


@bp.get("/<int:edition_id>/rounds")
@coach_required
def history(edition_id: int):
    """Every round of the edition so far, in order."""
    edition = edition_queries.get_edition_or_404(edition_id)
    return render_template(
        "editions/history.html", edition=edition, rounds=queries.edition_rounds(edition)
    )


@bp.get("/my-groups")
@login_required
def my_groups():
    """A participant's published breakout groups with their fellow members, and their homework."""
    return render_template(
        "editions/my_groups.html", homework=homework_queries.my_homework(current_user)
    )


def _form_defaults(session) -> dict:
    """Builder defaults: the last draft's settings, else the attending participants in groups of 4, 3 rounds."""
    drafts = queries.draft_rounds(session)
    if drafts:
        s = drafts[0].settings
        return {
            "participants": s.get("participants"),
            "group_size": s.get("group_size"),
            "rounds": s.get("rounds"),
            "seed": s.get("seed", 0),
            **s.get("weights", {}),
        }
    attending = edition_queries.participants(session.edition, attending_only=True)
    return {"participants": [u.id for u in attending], "group_size": 4, "rounds": 3}


def _set_participant_choices(form: BuilderForm, session) -> None:
    """Participants of the edition as checkbox choices."""
    form.participants.choices = queries.participant_choices(session.edition)


def _builder_page(session, form: BuilderForm, error: str | None = None, status: int = 200):
    """The builder page, or (htmx) the rounds fragment only."""
    _set_participant_choices(form, session)
    context = {
        "session": session,
        "edition": session.edition,
        "form": form,
        "error": error,
        "rounds": queries.session_rounds(session),
        "coaches": edition_queries.coaches(session.edition),
        "rules": queries.rules(session.edition),
    }
    template = "editions/_rounds.html" if wants_fragment() else "editions/builder.html"
    return render_template(template, **context), status


def _change(session, service, *args, form: BuilderForm | None = None, **keywords):
    """Run one builder service: commit it, or roll it back when it refuses; then answer."""
    try:
        service(*args, **keywords)
    except services.BreakoutError as problem:
        db.session.rollback()
        return _builder_response(session, error=str(problem), form=form)
    db.session.commit()
    return _builder_response(session)


def _builder_response(session, *, error: str | None = None, form: BuilderForm | None = None):
    """After a change: the rounds fragment for htmx, a redirect for plain forms, the page with an error."""
    if not wants_fragment() and not error:
        return redirect(url_for("editions.builder", session_id=session.id) + "#breakout-rounds")
    return _builder_page(
        session, form or BuilderForm(data=_form_defaults(session)), error, 400 if error else 200
    )


def _profile_visible(user) -> bool:
    """Whether the current user may see this fellow member's profile (the profiles area's rule)."""
    return user.profile is not None and can_view_profile(current_user, user.profile)


@bp.app_context_processor
def my_groups_helpers() -> dict:
    """Helpers for editions/_my_groups.html, which the home page includes outside this blueprint."""
    return {"editions_my_groups": queries.my_published_groups, "profile_visible": _profile_visible}
