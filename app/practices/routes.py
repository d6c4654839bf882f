"""Routes of the practice library: browse, share, read, edit, moderate, adopt, flag, download.

Each view parses, calls one service, commits once and renders, redirects or returns the partial
its page includes (htmx). Who may see or edit a practice is decided in queries.py.
"""

from __future__ import annotations

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.challenges.queries import get_challenge_or_404
from app.decorators import coach_required
from app.extensions import db
from app.fragments import wants_fragment
from app.models import PRACTICE_TYPES, PracticeAttachment
from app.practices import queries, services, suggestions, uploads
from app.practices.blueprint import bp
from app.practices.collections.queries import visible_collections
from app.practices.forms import (
    VISIBILITY_NAMES,
    AdoptionForm,
    DescribeChallengeForm,
    EditPracticeForm,
    FlagForm,
    PracticeForm,
    UnpublishForm,
)
from app.practices.history import queries as history_queries
from app.request_guards import accepts_files

INVALID = 422  # a form that failed validation is re-shown with this status


@bp.context_processor
def template_helpers() -> dict:
    """Names the practice templates share; the routes enforce the same rules as these helpers."""
    return {
        "practice_types": PRACTICE_TYPES,
        "visibility_names": VISIBILITY_NAMES,
        "sorts": queries.SORTS,
        "can_edit_practice": lambda practice: queries.may_edit(current_user, practice),
        "can_moderate": queries.may_moderate(current_user),
        "coach_collections": lambda: visible_collections(current_user),
    }


@bp.get("/")
def index():
    """The library: filter by theme, ecosystem, maturity and type, search by words or by meaning
    ("Find practices like this", "More practices like this challenge"), sort, page."""
    filters = queries.PracticeFilters.from_args(request.args)
    describe = DescribeChallengeForm(request.args if "like" in request.args else None)
    ranked, status = _ranked(filters, describe)
    page = None
    if ranked is None:
        page = queries.practice_page(
            filters, current_user, page=request.args.get("page", 1, type=int)
        )
    context = {"page": page, "filters": filters, "ranked": ranked, "describe": describe}
    if wants_fragment():
        response = make_response(render_template("practices/_results.html", **context), status)
    else:
        mine = queries.my_challenges(current_user)
        page_html = render_template("practices/index.html", my_challenges=mine, **context)
        response = make_response(page_html, status)
    response.vary.add("HX-Request")  # the same URL answers with a fragment or a page
    return response


def _ranked(filters, describe) -> tuple[suggestions.RankedList | None, int]:
    """The list ranked by meaning when the page asks for it (?like=text or ?challenge=id)."""
    if "like" in request.args:
        if not describe.validate():
            return None, INVALID
        return suggestions.ranked_list(filters, current_user, text=describe.like.data), 200
    challenge_id = request.args.get("challenge", type=int)
    if challenge_id:
        challenge = get_challenge_or_404(challenge_id)
        return suggestions.ranked_list(filters, current_user, challenge=challenge), 200
    return None, 200


@bp.route("/new", methods=["GET", "POST"])
@login_required
@accepts_files
def new():
    """Share a practice (with attachments)."""
    form = PracticeForm()
    if form.validate_on_submit():
        practice = services.share_practice(current_user, form.content())
        services.attach_files(practice, current_user, form.checked_files, record_version=False)
        db.session.commit()
        flash("Your practice is published. Members can now find it and adopt it.", "success")
        return redirect(url_for(".detail", practice_id=practice.id))
    if not form.is_submitted() and current_user.profile:
        form.ecosystems.data = current_user.profile.ecosystems
    return render_template("practices/new.html", form=form), INVALID if form.errors else 200


@bp.get("/<int:practice_id>")
def detail(practice_id: int):
    """A practice with how to run it, its attachments, adoptions and history."""
    practice = queries.get_practice_or_404(practice_id, viewer=current_user)
    return render_template("practices/detail.html", **_detail_context(practice))


@bp.route("/<int:practice_id>/edit", methods=["GET", "POST"])
@login_required
@accepts_files
def edit(practice_id: int):
    """Authors and co-authors edit their practice; coaches and admins edit any."""
    practice = queries.get_practice_or_404(
        practice_id, viewer=current_user, editable_by=current_user
    )
    form = EditPracticeForm(obj=practice)
    if not form.is_submitted():
        form.fill_from(practice)
    if form.validate_on_submit():
        changed = services.edit_practice(
            practice, current_user, form.content(), note=form.note.data or ""
        )
        services.attach_files(practice, current_user, form.checked_files)
        db.session.commit()
        flash(
            "Your changes are saved." if changed or form.checked_files else "Nothing changed.",
            "success",
        )
        return redirect(url_for(".detail", practice_id=practice.id))
    status = INVALID if form.errors else 200
    return render_template("practices/edit.html", form=form, practice=practice), status


@bp.post("/<int:practice_id>/unpublish")
@coach_required
def unpublish(practice_id: int):
    """A coach or admin takes a practice out of the library, with a note to its author."""
    practice = queries.get_practice_or_404(practice_id, viewer=current_user)
    form = UnpublishForm()
    if not form.validate_on_submit():
        context = _detail_context(practice, unpublish_form=form)
        return render_template("practices/detail.html", **context), INVALID
    services.unpublish_practice(practice, current_user, note=form.note.data)
    db.session.commit()
    flash("The practice is unpublished; its author was told why.", "success")
    return redirect(url_for(".detail", practice_id=practice.id))


@bp.post("/<int:practice_id>/publish")
@coach_required
def publish(practice_id: int):
    """Put an unpublished practice back in the library."""
    practice = queries.get_practice_or_404(practice_id, viewer=current_user)
    services.republish_practice(practice, current_user)
    db.session.commit()
    flash("The practice is published again.", "success")
    return redirect(url_for(".detail", practice_id=practice.id))


@bp.post("/<int:practice_id>/adopt")
@login_required
def adopt(practice_id: int):
    """ "I adopted this", with an optional story and result."""
    practice = queries.get_practice_or_404(practice_id, viewer=current_user)
    form = AdoptionForm()
    if not form.validate_on_submit():
        return _adoption_response(practice, form=form, status=INVALID)
    return _record(practice, "adopted", story=form.story.data or "", result=form.result.data or "")


@bp.post("/<int:practice_id>/taught")
@login_required
def taught(practice_id: int):
    """ "I taught this to my team": counts onward teaching (train the trainers)."""
    practice = queries.get_practice_or_404(practice_id, viewer=current_user)
    return _record(practice, "taught")


@bp.post("/<int:practice_id>/flag")
@login_required
def flag(practice_id: int):
    """A member flags a practice as outdated."""
    practice = queries.get_practice_or_404(practice_id, viewer=current_user)
    form = FlagForm()
    error, status = None, 200
    if form.validate_on_submit():
        try:
            services.flag_outdated(practice, current_user, reason=form.reason.data or "")
            db.session.commit()
        except (services.AlreadyRecorded, services.OwnPractice) as refused:
            db.session.rollback()
            error, status = str(refused), 409
    else:
        status = INVALID
        error = " ".join(message for messages in form.errors.values() for message in messages)
    if wants_fragment():
        context = {"practice": practice, "flag_form": form, "flag_error": error}
        return render_template("practices/_flags.html", **context), status
    flash(
        error or "Thank you: the authors and coaches see that you flagged it as outdated.",
        "error" if error else "success",
    )
    return redirect(url_for(".detail", practice_id=practice.id))


@bp.get("/attachments/<int:attachment_id>")
def attachment(attachment_id: int):
    """Download an attachment of a practice the viewer may see."""
    item = db.get_or_404(PracticeAttachment, attachment_id)
    queries.get_practice_or_404(item.practice_id, viewer=current_user)
    return uploads.serve(
        item.stored_name, display_name=item.display_name, content_type=item.content_type
    )


@bp.post("/attachments/<int:attachment_id>/delete")
@login_required
def delete_attachment(attachment_id: int):
    """Authors, coaches and admins remove an attachment."""
    item = db.get_or_404(PracticeAttachment, attachment_id)
    practice = queries.get_practice_or_404(
        item.practice_id, viewer=current_user, editable_by=current_user
    )
    services.remove_attachment(item, current_user)
    db.session.commit()
    flash(f"“{item.display_name}” is removed.", "success")
    return redirect(url_for(".edit", practice_id=practice.id))


def _record(practice, kind: str, **details):
    """Record an adoption or onward teaching and answer with the adoption panel or a redirect."""
    error = None
    try:
        services.record_adoption(practice, current_user, kind=kind, **details)
        db.session.commit()
    except (services.AlreadyRecorded, services.OwnPractice) as refused:
        db.session.rollback()
        error = str(refused)
    if wants_fragment():
        return _adoption_response(practice, error=error, status=409 if error else 200)
    if error:
        flash(error, "error")
    elif kind == "adopted":
        flash("Thank you: the author hears that you adopted their practice.", "success")
    else:
        flash("Thank you: it counts as taught onwards.", "success")
    return redirect(url_for(".detail", practice_id=practice.id) + "#adoption")


def _adoption_response(practice, *, form=None, error=None, status=200):
    context = {
        "practice": practice,
        "adoption": queries.adoption_summary(practice, current_user),
        "adoption_form": form or AdoptionForm(formdata=None),
        "adoption_error": error,
    }
    if wants_fragment():
        return render_template("practices/_adoption.html", **context), status
    return render_template("practices/detail.html", **_detail_context(practice) | context), status


def _detail_context(practice, **overrides) -> dict:
    context = {
        "practice": practice,
        "adoption": queries.adoption_summary(practice, current_user),
        "stories": queries.adoption_stories(practice),
        "versions": history_queries.versions_of(practice),  # with their editors, in one go
        "adoption_form": AdoptionForm(formdata=None),
        "adoption_error": None,
        "flag_form": FlagForm(formdata=None),
        "flag_error": None,
        "unpublish_form": UnpublishForm(formdata=None),
    }
    return context | overrides
