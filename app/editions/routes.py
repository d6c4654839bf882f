"""Routes for editions themselves: the coaches' list, create and edit, the call, the overview.

Applications, breakouts (sessions, rules, builder) and homework are sub-feature packages beside
this module, and the dashboard is dashboard.py; all register on the one `editions` blueprint.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from app.decorators import coach_required
from app.editions import queries, services
from app.editions.applications import queries as application_queries
from app.editions.blueprint import bp
from app.editions.breakouts import queries as breakout_queries
from app.editions.forms import EditionForm
from app.editions.homework import queries as homework_queries
from app.editions.members.queries import role_counts
from app.extensions import db


@bp.get("/")
@coach_required
def index():
    """Coach's list of editions."""
    return render_template(
        "editions/index.html", editions=queries.editions(), role_counts=role_counts()
    )


@bp.get("/calls")
@login_required
def calls():
    """Open calls for applications any logged-in manager can answer."""
    mine = {c.id: application_queries.application_of(c, current_user) for c in queries.open_calls()}
    return render_template("editions/calls.html", calls=queries.open_calls(), mine=mine)


@bp.route("/new", methods=["GET", "POST"])
@coach_required
def new():
    """Create an edition."""
    form = EditionForm()
    if form.validate_on_submit():
        edition = services.save_edition(None, **_edition_fields(form))
        db.session.commit()
        flash(f"Edition “{edition.name}” created.", "success")
        return redirect(url_for("editions.show", edition_id=edition.id))
    return render_template("editions/form.html", form=form, edition=None)


@bp.route("/<int:edition_id>/edit", methods=["GET", "POST"])
@coach_required
def edit(edition_id: int):
    """Edit an edition's dates, place and call."""
    edition = queries.get_edition_or_404(edition_id)
    form = EditionForm(obj=edition)
    if form.validate_on_submit():
        services.save_edition(edition, **_edition_fields(form))
        db.session.commit()
        flash("Edition saved.", "success")
        return redirect(url_for("editions.show", edition_id=edition.id))
    return render_template("editions/form.html", form=form, edition=edition)


@bp.post("/<int:edition_id>/call")
@coach_required
def toggle_call(edition_id: int):
    """Open or close the call for applications (it needs a deadline to open)."""
    edition = queries.get_edition_or_404(edition_id)
    try:
        opened = services.toggle_call(edition)
    except services.CallRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(f"Call {'opened' if opened else 'closed'}.", "success")
    return redirect(url_for("editions.show", edition_id=edition.id))


@bp.get("/<int:edition_id>")
@coach_required
def show(edition_id: int):
    """An edition's overview: dates, call, members, sessions and homework."""
    edition = queries.get_edition_or_404(edition_id)
    return render_template(
        "editions/show.html",
        edition=edition,
        participants=queries.participants(edition),
        sessions=breakout_queries.sessions(edition),
        homework_list=homework_queries.homework_list(edition),
        pending=len(application_queries.applications(edition, status="pending")),
    )


def _edition_fields(form: EditionForm) -> dict:
    """The edition form's data as keyword arguments for save_edition."""
    return {name: getattr(form, name).data for name in services.EDITION_FIELDS}
