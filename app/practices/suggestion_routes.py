"""Routes that show practices where they help: for a challenge, beside a practice, on the home page.

Each answers htmx with the partial that other pages load after themselves (so a page never waits
on the ranking), and answers a plain request with a page that includes the same partial.
"""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from app.challenges.queries import get_challenge_or_404
from app.extensions import db
from app.fragments import wants_fragment
from app.models import Practice
from app.practices import queries, services, suggestions
from app.practices.blueprint import bp
from app.practices.pages import render_page_or_fragment


@bp.get("/for-challenge/<int:challenge_id>")
def for_challenge(challenge_id: int):
    """ "Practices that address this" for a challenge, with the reason for each."""
    challenge = get_challenge_or_404(challenge_id)
    return render_page_or_fragment(
        "for_challenge", challenge=challenge, **_challenge_context(challenge)
    )


@bp.post("/for-challenge/<int:challenge_id>/solved-with")
@login_required
def solved_with(challenge_id: int):
    """The challenge's author says which practice solved it (or removes the link)."""
    challenge = get_challenge_or_404(challenge_id, owned_by=current_user)
    if not challenge.is_solved:
        abort(
            409,
            description="Mark the challenge solved first, then choose the practice that solved it.",
        )
    practice_id = request.form.get("practice_id", type=int) or 0
    practice = (
        queries.get_practice_or_404(practice_id, viewer=current_user) if practice_id else None
    )
    services.choose_solution(challenge, practice)
    db.session.commit()
    if wants_fragment():
        return render_page_or_fragment(
            "for_challenge", challenge=challenge, **_challenge_context(challenge)
        )
    flash(
        "Saved: the challenge shows the practice that solved it."
        if practice
        else "The link is removed.",
        "success",
    )
    return redirect(url_for("challenges.detail", challenge_id=challenge.id))


@bp.get("/<int:practice_id>/like-this")
def like_this(practice_id: int):
    """ "Practices like this": the closest other practices, with the reason for each."""
    practice = queries.get_practice_or_404(practice_id, viewer=current_user)
    found = suggestions.practices_like(practice, current_user)
    return render_page_or_fragment("like_this", practice=practice, suggestions=found)


@bp.get("/for-me")
@login_required
def for_me():
    """The home page's "Practices for my ecosystems"."""
    return render_page_or_fragment(
        "for_me", practices=suggestions.practices_for_ecosystems(current_user)
    )


def _challenge_context(challenge) -> dict:
    solution = suggestions.solution_of(challenge)
    found = suggestions.practices_for_challenge(challenge, current_user)
    if solution is not None and not any(s.practice.id == solution.practice_id for s in found):
        # The chosen practice is always shown, even when the ranking would not offer it.
        visible = queries.visible_practices_clause(current_user)
        chosen = db.session.scalar(
            select(Practice).where(Practice.id == solution.practice_id, visible)
        )
        if chosen is None:
            solution = None
    return {
        "suggestions": found,
        "solution": solution,
        "chooses_solution": challenge.is_solved
        and current_user.is_authenticated
        and current_user.id == challenge.author_id,
    }
