"""Routes of the peers area: find peers, "not relevant", and introductions.

Challenge suggestions (challenge_routes.py) hang off the same blueprint; the signal receivers
(receivers.py) are connected by create_app.
"""

from __future__ import annotations

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.fragments import wants_fragment
from app.peers import queries, services
from app.peers.blueprint import bp
from app.peers.forms import TABS, IntroductionForm, OutcomeForm, PeerFilters, SuggestionOrigin
from app.peers.services import IntroductionRefused

INVALID = 422  # a refused action is answered with this status


@bp.get("/peers/")
@login_required
def index():
    """Suggested peers for one tab, narrowed by filters; htmx gets the results fragment."""
    form = PeerFilters(request.args)
    tab = form.current_tab
    filters = {
        name: bool(getattr(form, name).data)
        for name in ("exclude_country", "exclude_ecosystem", "exclude_cohort", "alumni_only")
    }
    cards = (
        queries.peer_cards(current_user, tab=tab, filters=filters) if current_user.profile else []
    )
    template = "peers/_results.html" if wants_fragment() else "peers/index.html"
    response = make_response(
        render_template(template, form=form, tab=tab, tabs=TABS, cards=cards, filters=filters)
    )
    response.vary.add("HX-Request")
    return response


@bp.post("/peers/hide/<int:user_id>")
@login_required
def hide(user_id: int):
    """ "Not relevant": never suggest this person again; htmx removes the card."""
    origin = SuggestionOrigin.read(request.form)
    services.hide_suggestion(
        current_user,
        queries.get_user_or_404(user_id),
        suggestion_mode=origin.mode,
        suggestion_score=origin.score,
    )
    db.session.commit()
    if wants_fragment():
        return ""
    flash("We will not suggest this person again.", "success")
    return redirect(request.referrer or url_for(".index"))


@bp.route("/peers/introduce/<int:user_id>", methods=["GET", "POST"])
@login_required
def request_introduction(user_id: int):
    """Ask for an introduction with a short message; htmx swaps the form in and out of the card."""
    recipient = queries.get_introducible_user_or_404(user_id, sender=current_user)
    form = IntroductionForm()
    origin = SuggestionOrigin.read(request.values)  # from the card's link, kept in the form's URL
    error = None
    if form.validate_on_submit():
        try:
            introduction = services.request_introduction(
                current_user,
                recipient,
                message=form.message.data,
                suggestion_mode=origin.mode,
                suggestion_score=origin.score,
            )
        except IntroductionRefused as refused:
            error = str(refused)
        else:
            db.session.commit()
            if wants_fragment():
                return render_template(
                    "peers/_intro_status.html", introduction=introduction, recipient=recipient
                )
            flash(f"Introduction requested. We told {recipient.name}.", "success")
            return redirect(url_for(".introductions"))
    template = "peers/_intro_form.html" if wants_fragment() else "peers/introduce.html"
    status = INVALID if (form.errors or error) else 200
    return render_template(
        template, form=form, recipient=recipient, error=error, origin=origin
    ), status


@bp.get("/peers/introductions")
@login_required
def introductions():
    """Introductions I received and asked for, with contact details once accepted."""
    lists = queries.introductions_of(current_user)
    return render_template("peers/introductions.html", outcome_form=OutcomeForm(), **lists)


@bp.post("/peers/introductions/<int:introduction_id>/<any(accept, decline, withdraw):action>")
@login_required
def answer(introduction_id: int, action: str):
    """Accept or decline a request I received, or withdraw one I sent."""
    introduction = queries.get_introduction_or_404(introduction_id, involving=current_user)
    try:
        if action == "withdraw":
            services.withdraw_introduction(introduction, by=current_user)
        else:
            services.answer_introduction(introduction, by=current_user, accept=action == "accept")
    except IntroductionRefused as refused:
        return _refused(str(refused), introduction)
    db.session.commit()
    return _changed(f"Introduction {introduction.status}.", introduction)


@bp.post("/peers/introductions/<int:introduction_id>/outcome")
@login_required
def outcome(introduction_id: int):
    """Record what came of an accepted introduction."""
    introduction = queries.get_introduction_or_404(introduction_id, involving=current_user)
    form = OutcomeForm()
    if not form.validate_on_submit():
        return _refused(
            " ".join(e for errors in form.errors.values() for e in errors), introduction
        )
    try:
        services.record_outcome(
            introduction, by=current_user, kind=form.kind.data, note=form.note.data or ""
        )
    except IntroductionRefused as refused:
        return _refused(str(refused), introduction)
    db.session.commit()
    return _changed("Thank you: outcome recorded.", introduction)


def _changed(message: str, introduction):
    """A saved change: the updated item for htmx, a flash and redirect otherwise."""
    if wants_fragment():
        return render_template(
            "peers/_introduction.html", introduction=introduction, outcome_form=OutcomeForm()
        )
    flash(message, "success")
    return redirect(url_for(".introductions"))


def _refused(message: str, introduction):
    """A refused action: the item with the message for htmx, a flash and redirect otherwise."""
    db.session.rollback()
    if wants_fragment():
        return render_template(
            "peers/_introduction.html",
            introduction=introduction,
            error=message,
            outcome_form=OutcomeForm(),
        ), INVALID
    flash(message, "error")
    return redirect(url_for(".introductions"))
