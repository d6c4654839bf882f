"""Writes for message threads: send a message and tell the other person (notification and email)."""

from __future__ import annotations

from flask import url_for

from app.extensions import db
from app.models import Introduction, IntroductionMessage, User
from app.notifications.services import notify


def send_message(author: User, introduction: Introduction, *, body: str) -> IntroductionMessage:
    """Add `body` to the thread and notify the other side (in the app, and by email if they allow it)."""
    message = IntroductionMessage(
        introduction_id=introduction.id, author_id=author.id, body=body.strip()
    )
    db.session.add(message)
    db.session.flush()
    recipient = introduction.other_side(author)
    notify(
        recipient,
        event="introduction_message",
        message=f"{author.name} wrote to you: “{_preview(message.body)}”",
        link=url_for("messages.thread", introduction_id=introduction.id) + f"#message-{message.id}",
    )
    return message


def _preview(body: str, length: int = 80) -> str:
    """The start of a message on one line, for notifications."""
    line = " ".join(body.split())
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"
