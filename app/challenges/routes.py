"""Routes of the challenges area: the list, posting, the detail page, editing and deleting challenges.

Reply, "Helpful" and "Solved" routes live in app/challenges/replies.py on the same blueprint.
"""

from __future__ import annotations

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.challenges import services
from app.challenges.blueprint import bp
from app.challenges.forms import ChallengeForm, ReplyForm
from app.challenges.permissions import template_helpers
from app.challenges.queries import ChallengeFilters, challenge_page, get_challenge_or_404
from app.extensions import db
from app.fragments import wants_fragment

bp.context_processor(template_helpers)

INVALID = 422  # a form that failed validation is re-shown with this status


@bp.get("/")
def index():
    """Challenges, filtered by theme, ecosystem, country, status and a search, newest first."""
    filters = ChallengeFilters.from_args(request.args)
    page = challenge_page(filters, viewer=current_user, page=request.args.get("page", 1, type=int))
    template = "challenges/_results.html" if wants_fragment() else "challenges/index.html"
    response = make_response(render_template(template, page=page, filters=filters))
    response.vary.add("HX-Request")  # the same URL answers with a fragment or a page
    return response


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """Post a challenge."""
    form = ChallengeForm()
    if form.validate_on_submit():
        challenge = services.post_challenge(current_user, **challenge_fields(form))
        db.session.commit()
        flash("Your challenge is posted. Peers can now reply to it.", "success")
        return redirect(url_for(".detail", challenge_id=challenge.id))
    if not form.is_submitted():
        form.ecosystem.data = first_ecosystem(current_user)
    return render_template("challenges/new.html", form=form), INVALID if form.errors else 200


@bp.get("/<int:challenge_id>")
def detail(challenge_id: int):
    """A challenge with its replies and the reply form."""
    challenge = get_challenge_or_404(challenge_id)
    return render_template("challenges/detail.html", challenge=challenge, reply_form=ReplyForm())


@bp.route("/<int:challenge_id>/edit", methods=["GET", "POST"])
@login_required
def edit(challenge_id: int):
    """Edit one's own challenge (admins may edit any)."""
    challenge = get_challenge_or_404(challenge_id, editable_by=current_user)
    form = ChallengeForm(obj=challenge)
    form.submit.label.text = "Save changes"
    if form.validate_on_submit():
        services.edit_challenge(challenge, **challenge_fields(form))
        db.session.commit()
        flash("Your changes are saved.", "success")
        return redirect(url_for(".detail", challenge_id=challenge.id))
    status = INVALID if form.errors else 200
    return render_template("challenges/edit.html", form=form, challenge=challenge), status


@bp.post("/<int:challenge_id>/delete")
@login_required
def delete(challenge_id: int):
    """Delete one's own challenge (admins may delete any)."""
    challenge = get_challenge_or_404(challenge_id, editable_by=current_user)
    services.delete_challenge(challenge)
    db.session.commit()
    if challenge.is_removed:
        flash(
            "Your challenge is removed. Others' replies stay under “Removed by the author”.",
            "success",
        )
    else:
        flash("The challenge and its replies are deleted.", "success")
    return redirect(url_for(".index"))


def challenge_fields(form: ChallengeForm) -> dict:
    """The service's keyword arguments from a validated challenge form."""
    return {
        "title": form.title.data,
        "body": form.body.data,
        "themes": form.themes.data,
        "ecosystem": form.ecosystem.data or None,
    }


def first_ecosystem(user) -> str | None:
    """The ecosystem a new challenge defaults to: the author's first one."""
    ecosystems = user.profile.ecosystems if user.profile else []
    return ecosystems[0] if ecosystems else None
