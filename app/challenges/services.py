"""Writes for the challenges area. Each verb flushes and sends its signal; the request commits once."""

from __future__ import annotations

from sqlalchemy import delete

from app.extensions import db
from app.models import Challenge, Reply, User, utcnow
from app.signals import challenge_saved, challenge_solved, reply_marked_helpful, reply_posted
from app.text import render_markdown


class NotTheAuthor(PermissionError):
    """Only the challenge's author decides which reply helped and whether it is solved."""


def _require_author(challenge: Challenge, user: User) -> None:
    # The routes check this in get_challenge_or_404 already; the CLI and other callers get it here.
    if challenge.author_id is None or challenge.author_id != user.id:
        raise NotTheAuthor(f"{user!r} is not the author of {challenge!r}")


def post_challenge(
    author: User, *, title: str, body: str, themes: list[str], ecosystem: str | None = None
) -> Challenge:
    """Post a challenge in the author's country and tell listeners it was created."""
    challenge = Challenge(
        author=author,
        title=title,
        body=body,
        body_html=render_markdown(body),
        ecosystem=ecosystem or None,
        country=author.profile.country if author.profile else None,
        status="open",
    )
    challenge.themes = list(themes)
    db.session.add(challenge)
    db.session.flush()
    challenge_saved.send(challenge, created=True, changed_text=True)
    return challenge


def edit_challenge(
    challenge: Challenge, *, title: str, body: str, themes: list[str], ecosystem: str | None = None
) -> Challenge:
    """Change a challenge's text and tags; listeners learn whether the text changed."""
    changed_text = (title, body) != (challenge.title, challenge.body)
    challenge.title = title
    if body != challenge.body:
        challenge.body = body
        challenge.body_html = render_markdown(body)
    if list(themes) != challenge.themes:
        # Drop the old rows first: re-adding a theme with the same key in one flush would collide.
        challenge.theme_links.clear()
        db.session.flush()
        challenge.themes = list(themes)
    challenge.ecosystem = ecosystem or None
    db.session.flush()
    challenge_saved.send(challenge, created=False, changed_text=changed_text)
    return challenge


REMOVED_TITLE = "Removed by the author"


def delete_challenge(challenge: Challenge) -> None:
    """Delete a challenge; when others replied, keep their replies under a challenge "removed by
    the author" (its own text gone), so their work and their notifications' links stay."""
    if any(reply.author_id != challenge.author_id for reply in challenge.replies):
        challenge.title = REMOVED_TITLE
        challenge.body = challenge.body_html = ""
        challenge.removed_at = utcnow()
        if (
            challenge.accepted_reply is not None
            and challenge.accepted_reply.author_id == challenge.author_id
        ):
            challenge.accepted_reply = None
        db.session.flush()
        db.session.execute(
            delete(Reply).where(
                Reply.challenge_id == challenge.id, Reply.author_id == challenge.author_id
            )
        )
        db.session.flush()
        db.session.expire(challenge, ["replies"])
        return
    # Break the challenge → accepted reply cycle before the rows go.
    challenge.accepted_reply = None
    db.session.flush()
    db.session.delete(challenge)
    db.session.flush()


def post_reply(challenge: Challenge, author: User, *, body: str) -> Reply:
    """Add a reply to a challenge and tell listeners (the challenge's author gets notified)."""
    reply = Reply(challenge=challenge, author=author, body=body, body_html=render_markdown(body))
    db.session.add(reply)
    db.session.flush()
    reply_posted.send(reply)
    return reply


def edit_reply(reply: Reply, *, body: str) -> Reply:
    """Change a reply's text."""
    reply.body = body
    reply.body_html = render_markdown(body)
    db.session.flush()
    return reply


def delete_reply(reply: Reply) -> None:
    """Delete a reply; if it was the accepted answer, the challenge has none any more."""
    challenge = reply.challenge
    if challenge.accepted_reply_id == reply.id:
        challenge.accepted_reply = None
        db.session.flush()
    challenge.replies.remove(reply)
    db.session.delete(reply)
    db.session.flush()


def mark_helpful(challenge: Challenge, reply: Reply, *, by: User) -> Reply:
    """Make `reply` the challenge's accepted answer; a previously accepted one stops being it."""
    _require_author(challenge, by)
    if reply.challenge_id != challenge.id:
        raise ValueError(f"{reply!r} does not belong to {challenge!r}")
    for other in challenge.replies:
        other.helpful = other.id == reply.id
    challenge.accepted_reply = reply
    db.session.flush()
    reply_marked_helpful.send(reply)
    return reply


def mark_solved(challenge: Challenge, *, by: User) -> Challenge:
    """Mark the challenge solved and tell listeners."""
    _require_author(challenge, by)
    if not challenge.is_solved:
        challenge.status = "solved"
        challenge.solved_at = utcnow()
        db.session.flush()
        challenge_solved.send(challenge)
    return challenge


def reopen_challenge(challenge: Challenge, *, by: User) -> Challenge:
    """Open a solved challenge again, for when the solution did not hold."""
    _require_author(challenge, by)
    challenge.status = "open"
    challenge.solved_at = None
    db.session.flush()
    return challenge
