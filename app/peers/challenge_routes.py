"""Routes for suggestions on a challenge page, and inviting a suggested peer to reply."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from app.challenges.queries import get_challenge_or_404
from app.extensions import db
from app.fragments import wants_fragment
from app.peers import services
from app.peers.blueprint import bp
from app.peers.challenge_queries import challenge_suggestions
from app.peers.queries import get_user_or_404
from app.peers.routes import INVALID
from app.peers.services import IntroductionRefused


@bp.get("/peers/challenges/<int:challenge_id>/suggestions")
@login_required
def challenge_suggestions_view(challenge_id: int):
    """Peers who faced something similar and peers who could help (loaded by the challenge page via htmx)."""
    challenge = get_challenge_or_404(challenge_id)
    suggestions = challenge_suggestions(challenge, current_user)
    if suggestions.pop("embedded_now"):
        db.session.commit()  # keep the vector computed just now
    template = (
        "peers/_challenge_suggestions_list.html"
        if wants_fragment()
        else "peers/challenge_suggestions.html"
    )
    return render_template(template, challenge=challenge, **suggestions)


@bp.post("/peers/challenges/<int:challenge_id>/invite/<int:user_id>")
@login_required
def invite(challenge_id: int, user_id: int):
    """The author invites a suggested peer to reply; the peer is notified (403 for anyone else)."""
    challenge = get_challenge_or_404(challenge_id, owned_by=current_user)
    invitee = get_user_or_404(user_id)
    try:
        services.invite_to_reply(challenge, by=current_user, invitee=invitee)
    except IntroductionRefused as refused:
        db.session.rollback()
        if wants_fragment():
            return render_template("peers/_invite_status.html", error=str(refused)), INVALID
        flash(str(refused), "error")
        return redirect(url_for("challenges.detail", challenge_id=challenge.id))
    db.session.commit()
    if wants_fragment():
        return render_template("peers/_invite_status.html", invitee=invitee)
    flash(f"We invited {invitee.name} to reply.", "success")
    return redirect(url_for("challenges.detail", challenge_id=challenge.id))
