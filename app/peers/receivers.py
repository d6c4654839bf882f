"""Reactions to other areas' signals: mark vectors stale, notify people about replies.

create_app connects them (`connect_receivers`); like every receiver they flush and never commit.
"""

from __future__ import annotations

from flask import url_for

from app.notifications.services import notify
from app.services import embedding
from app.signals import challenge_saved, profile_saved, reply_marked_helpful, reply_posted


def profile_texts_changed(profile, *, changed_text: bool = True, **_) -> None:
    """Mark changed texts stale, and touch the profile's vector rows so every process's index
    notices changes outside the texts too (country, ecosystems, maturity)."""
    if changed_text or not embedding.has_rows("profile", profile.id):
        embedding.mark_stale("profile", profile.id, embedding.profile_texts(profile))
    embedding.touch("profile", profile.id)


def challenge_text_changed(
    challenge, *, created: bool = False, changed_text: bool = True, **_
) -> None:
    """A new or re-worded challenge needs a new vector."""
    if created or changed_text:
        embedding.mark_stale("challenge", challenge.id, embedding.challenge_texts(challenge))


def _challenge_link(challenge) -> str:
    return url_for("challenges.detail", challenge_id=challenge.id)


def tell_author_about_reply(reply, **_) -> None:
    """The challenge's author hears about each reply by someone else."""
    challenge = reply.challenge
    if challenge.author is not None and reply.author_id != challenge.author_id:
        name = reply.author.name if reply.author else "A former member"
        notify(
            challenge.author,
            event="reply_posted",
            message=f"{name} replied to your challenge “{challenge.title}”",
            link=_challenge_link(challenge),
        )


def tell_replier_it_helped(reply, **_) -> None:
    """A reply's author hears that it was marked helpful."""
    challenge = reply.challenge
    if reply.author is not None and reply.author_id != challenge.author_id:
        notify(
            reply.author,
            event="reply_marked_helpful",
            message=f"Your reply to “{challenge.title}” was marked helpful",
            link=_challenge_link(challenge),
        )


def connect_receivers() -> None:
    """Connect these receivers to their signals (create_app calls it; connecting twice is harmless)."""
    profile_saved.connect(profile_texts_changed)
    challenge_saved.connect(challenge_text_changed)
    reply_posted.connect(tell_author_about_reply)
    reply_marked_helpful.connect(tell_replier_it_helped)
