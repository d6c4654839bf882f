"""Routes for replies, the "Helpful" mark and the "Solved" status, on the challenges blueprint.

Each htmx request gets back the fragment it swaps; without JavaScript the same forms POST and redirect.
"""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_login import current_user, login_required

from app.challenges import services
from app.challenges.blueprint import bp
from app.challenges.forms import ReplyForm
from app.challenges.queries import get_challenge_or_404, get_reply_or_404
from app.challenges.routes import INVALID
from app.extensions import db
from app.fragments import wants_fragment


def reply_anchor(challenge_id: int, reply_id: int) -> str:
    """The detail page scrolled to a reply."""
    return url_for(".detail", challenge_id=challenge_id, _anchor=f"reply-{reply_id}")


@bp.post("/<int:challenge_id>/replies")
@login_required
def post_reply(challenge_id: int):
    """Reply to a challenge: htmx appends the reply to the list, a plain POST redirects to it."""
    challenge = get_challenge_or_404(challenge_id)
    if challenge.is_removed:
        abort(409, "This challenge was removed by its author: it takes no new replies.")
    form = ReplyForm()
    if not form.validate_on_submit():
        return reply_form_with_errors(challenge, form)
    reply = services.post_reply(challenge, current_user, body=form.body.data)
    db.session.commit()
    if wants_fragment():
        # The reply goes at the end of the list; a fresh form and the new count swap in out of band.
        return render_template(
            "challenges/_reply_posted.html",
            challenge=challenge,
            reply=reply,
            reply_form=ReplyForm(formdata=None),
        )
    flash("Your reply is posted.", "success")
    return redirect(reply_anchor(challenge.id, reply.id))


def reply_form_with_errors(challenge, form: ReplyForm):
    """The reply form with its errors: in place of the form for htmx, on the whole page otherwise."""
    if wants_fragment():
        response = make_response(
            render_template("challenges/_reply_form.html", challenge=challenge, reply_form=form)
        )
        # 200 so htmx swaps it; the form, not the list, is what gets replaced.
        response.headers["HX-Retarget"] = "#reply-form"
        response.headers["HX-Reswap"] = "outerHTML"
        return response
    return render_template("challenges/detail.html", challenge=challenge, reply_form=form), INVALID


@bp.route("/<int:challenge_id>/replies/<int:reply_id>/edit", methods=["GET", "POST"])
@login_required
def edit_reply(challenge_id: int, reply_id: int):
    """Edit one's own reply (admins may edit any)."""
    challenge = get_challenge_or_404(challenge_id)
    reply = get_reply_or_404(challenge, reply_id, editable_by=current_user)
    form = ReplyForm(obj=reply)
    form.submit.label.text = "Save reply"
    if form.validate_on_submit():
        services.edit_reply(reply, body=form.body.data)
        db.session.commit()
        flash("Your reply is updated.", "success")
        return redirect(reply_anchor(challenge.id, reply.id))
    status = INVALID if form.errors else 200
    return render_template(
        "challenges/edit_reply.html", challenge=challenge, reply=reply, form=form
    ), status


@bp.post("/<int:challenge_id>/replies/<int:reply_id>/delete")
@login_required
def delete_reply(challenge_id: int, reply_id: int):
    """Delete one's own reply (admins may delete any)."""
    challenge = get_challenge_or_404(challenge_id)
    reply = get_reply_or_404(challenge, reply_id, editable_by=current_user)
    services.delete_reply(reply)
    db.session.commit()
    flash("The reply is deleted.", "success")
    return redirect(url_for(".detail", challenge_id=challenge.id, _anchor="replies"))


@bp.post("/<int:challenge_id>/replies/<int:reply_id>/helpful")
@login_required
def mark_helpful(challenge_id: int, reply_id: int):
    """The challenge's author marks the reply that helped; htmx re-renders the reply list."""
    challenge = get_challenge_or_404(challenge_id, owned_by=current_user)
    reply = get_reply_or_404(challenge, reply_id)
    services.mark_helpful(challenge, reply, by=current_user)
    db.session.commit()
    if wants_fragment():
        return render_template("challenges/_replies.html", challenge=challenge)
    flash("Marked as helpful.", "success")
    return redirect(reply_anchor(challenge.id, reply.id))


@bp.post("/<int:challenge_id>/solved")
@login_required
def mark_solved(challenge_id: int):
    """The challenge's author marks it solved; htmx re-renders the status block."""
    challenge = get_challenge_or_404(challenge_id, owned_by=current_user)
    services.mark_solved(challenge, by=current_user)
    return status_changed(challenge, "Marked as solved. Thank the peers who helped!")


@bp.post("/<int:challenge_id>/reopen")
@login_required
def reopen(challenge_id: int):
    """The challenge's author opens it again."""
    challenge = get_challenge_or_404(challenge_id, owned_by=current_user)
    services.reopen_challenge(challenge, by=current_user)
    return status_changed(challenge, "The challenge is open again.")


def status_changed(challenge, message: str):
    """Commit, then answer with the status block (htmx) or a redirect with a flash."""
    db.session.commit()
    if wants_fragment():
        return render_template("challenges/_status.html", challenge=challenge)
    flash(message, "success")
    return redirect(url_for(".detail", challenge_id=challenge.id))
