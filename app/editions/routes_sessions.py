"""Routes for an edition's sessions and the keep-apart / keep-together rules of its breakout groups."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from app.decorators import coach_required
from app.editions import queries, services
from app.editions.forms import RuleForm, SessionForm
from app.editions.routes import bp
from app.extensions import db
from app.forms import options
from app.models.coaching import BreakoutRule


@bp.get("/<int:cohort_id>/sessions")
@coach_required
def sessions(cohort_id: int):
    """The edition's sessions, online and in person."""
    cohort = queries.get_edition_or_404(cohort_id)
    return render_template("editions/sessions.html", cohort=cohort, sessions=queries.sessions(cohort))


@bp.route("/<int:cohort_id>/sessions/new", methods=["GET", "POST"])
@coach_required
def new_session(cohort_id: int):
    """Add a session to the edition."""
    cohort = queries.get_edition_or_404(cohort_id)
    form = SessionForm()
    if form.validate_on_submit():
        session = services.save_session(None, cohort, **_session_fields(form))
        db.session.commit()
        flash(f"Session “{session.title}” added.", "success")
        return redirect(url_for("editions.builder", session_id=session.id))
    return render_template("editions/session_form.html", form=form, cohort=cohort, session=None)


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
@coach_required
def edit_session(session_id: int):
    """Change a session's title, format, date and time."""
    session = queries.get_session_or_404(session_id)
    form = SessionForm(obj=session)
    if form.validate_on_submit():
        services.save_session(session, session.cohort, **_session_fields(form))
        db.session.commit()
        flash("Session saved.", "success")
        return redirect(url_for("editions.builder", session_id=session.id))
    return render_template("editions/session_form.html", form=form, cohort=session.cohort, session=session)


@bp.post("/sessions/<int:session_id>/rules")
@coach_required
def add_rule(session_id: int):
    """Add a keep-apart or keep-together pair for the edition's groups."""
    session = queries.get_session_or_404(session_id)
    form = RuleForm()
    form.first.choices = form.second.choices = options({u.id: u.name for u in queries.participants(session.cohort)})
    if form.validate_on_submit():
        db.session.add(BreakoutRule(cohort_id=session.cohort_id, kind=form.kind.data,
                                    first_user_id=form.first.data, second_user_id=form.second.data))
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
    session_id = request.form.get("session_id", type=int)
    db.session.delete(rule)
    db.session.commit()
    flash("Rule removed.", "success")
    if session_id:
        return redirect(url_for("editions.builder", session_id=session_id) + "#rules")
    return redirect(url_for("editions.show", cohort_id=rule.cohort_id))


def _session_fields(form: SessionForm) -> dict:
    """The session form's data as keyword arguments."""
    return {name: getattr(form, name).data for name in ("title", "mode", "starts_at", "duration_minutes")}
