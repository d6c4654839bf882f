"""Views of the messages area: read a thread, write to it (htmx swaps the thread in place)."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.fragments import wants_fragment
from app.messages import queries, services
from app.messages.blueprint import bp
from app.messages.forms import MessageForm

INVALID = 422


@bp.get("/introductions/<int:introduction_id>/messages")
@login_required
def thread(introduction_id: int):
    """The thread of an accepted introduction, for its two people only."""
    introduction = queries.get_thread_or_404(introduction_id, reader=current_user)
    return _render(introduction, MessageForm())


@bp.post("/introductions/<int:introduction_id>/messages")
@login_required
def send(introduction_id: int):
    """Send a message; the thread comes back (htmx) or the page reloads at the new message."""
    introduction = queries.get_thread_or_404(introduction_id, reader=current_user)
    form = MessageForm()
    if not form.validate_on_submit():
        return _render(introduction, form, INVALID)
    message = services.send_message(current_user, introduction, body=form.body.data)
    db.session.commit()
    if wants_fragment():
        return _render(introduction, MessageForm(formdata=None))
    return redirect(url_for(".thread", introduction_id=introduction.id) + f"#message-{message.id}")


def _render(introduction, form: MessageForm, status: int = 200):
    """The thread page, or (htmx) the thread partial it includes."""
    template = "messages/_thread.html" if wants_fragment() else "messages/thread.html"
    context = {
        "introduction": introduction,
        "other": introduction.other_side(current_user),
        "messages": queries.thread_messages(introduction),
        "form": form,
    }
    return render_template(template, **context), status
