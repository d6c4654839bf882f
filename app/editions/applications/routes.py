"""Routes for applications: a manager applies; the coach reviews, scores, decides and picks a diverse cohort."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.decorators import coach_required
from app.editions import queries as edition_queries
from app.editions.applications import queries, selection, services, shortlist_job
from app.editions.applications.eligibility import call_refusal
from app.editions.applications.forms import ApplicationForm, DecisionForm
from app.editions.blueprint import bp
from app.extensions import db
from app.fragments import wants_fragment


@bp.route("/<int:edition_id>/apply", methods=["GET", "POST"])
@login_required
def apply(edition_id: int):
    """Apply to an edition's open call; refusals (deadline, country) are shown with their reason."""
    edition = edition_queries.get_edition_or_404(edition_id)
    existing = queries.application_of(edition, current_user)
    form = ApplicationForm(obj=existing)
    refusal = call_refusal(edition)
    if form.validate_on_submit() and not refusal:
        try:
            services.apply_to_edition(
                edition,
                current_user,
                motivation=form.motivation.data,
                challenges=form.challenges.data,
                commitments=form.ticked_commitments(),
            )
        except services.ApplicationRefused as refused:
            db.session.rollback()
            refusal = str(refused)
        else:
            db.session.commit()
            flash(f"Your application to {edition.name} was received.", "success")
            return redirect(url_for("editions.apply", edition_id=edition.id))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "editions/apply.html", edition=edition, form=form, refusal=refusal, application=existing
    ), status


@bp.get("/<int:edition_id>/applications")
@coach_required
def applications(edition_id: int):
    """The coach's review list with eligibility and the live coverage of the selection."""
    edition = edition_queries.get_edition_or_404(edition_id)
    return _review(edition)


@bp.post("/applications/<int:application_id>/decision")
@coach_required
def decide(application_id: int):
    """Score and accept/decline/shortlist one application; the list and coverage re-render."""
    application = queries.get_application_or_404(application_id)
    form = DecisionForm()
    if form.validate_on_submit():
        services.decide_application(application, status=form.decision.data, score=form.score.data)
        db.session.commit()
        if not wants_fragment():
            flash(f"{application.user.name}: {application.status}.", "success")
    else:
        db.session.rollback()
        flash("; ".join(e for errors in form.errors.values() for e in errors), "error")
    return _review(
        application.edition, redirect_when_full=True, status=200 if not form.errors else 400
    )


@bp.post("/<int:edition_id>/applications/suggest")
@coach_required
def suggest(edition_id: int):
    """Shortlist a diverse cohort of eligible applicants with the matcher's select_cohort."""
    edition = edition_queries.get_edition_or_404(edition_id)
    try:
        chosen, summary = selection.suggest_cohort(edition)
    except selection.SelectionError as problem:
        db.session.rollback()
        flash(str(problem), "error")
        return _review(edition, redirect_when_full=True, status=400)
    services.shortlist(edition, [a.id for a in chosen])
    db.session.commit()
    flash(
        f"Suggested {len(chosen)} more applicants (shortlisted). {'. '.join(summary)}. "
        "Review the shortlist, then accept it.",
        "success",
    )
    return _review(edition, redirect_when_full=True)


@bp.post("/<int:edition_id>/applications/accept-shortlist")
@coach_required
def accept_shortlist(edition_id: int):
    """Accept every shortlisted applicant: they become participants and are told."""
    edition = edition_queries.get_edition_or_404(edition_id)
    waiting = shortlist_job.start_accepting(edition)
    db.session.commit()
    if waiting:
        # The job runs beside the request; the page polls its progress (see _applications.html).
        shortlist_job.dispatch(
            current_app._get_current_object(), edition.id, base_url=request.host_url
        )
    else:
        flash(
            "Nobody is shortlisted: shortlist applicants, or press Suggest a diverse cohort.",
            "error",
        )
    return _review(edition, redirect_when_full=True)


def _review(edition, *, redirect_when_full: bool = False, status: int = 200):
    """The review list: the fragment for htmx, a redirect after a plain POST, else the full page."""
    if redirect_when_full and not wants_fragment():
        return redirect(url_for("editions.applications", edition_id=edition.id))
    rows = queries.applications(edition)
    context = {
        "edition": edition,
        "rows": rows,
        "coverage": selection.selection_coverage(edition, rows),
        "decision_form": DecisionForm(),
        "accepting": shortlist_job.is_accepting(edition),
        "accept_progress": shortlist_job.progress(edition),
    }
    template = "editions/_applications.html" if wants_fragment() else "editions/applications.html"
    return render_template(template, **context), status
