"""Writes for the peers area: introductions and their outcomes, hiding suggestions, invitations to reply.

Each verb checks its own rules and raises `IntroductionRefused` (a message for people) when a
request must not go through; it flushes and the view commits.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, url_for
from sqlalchemy import func, or_, select

from app.extensions import db
from app.models import Challenge, HiddenSuggestion, Introduction, IntroductionOutcome, User, utcnow
from app.models.peers import OPEN_STATUSES, OUTCOME_KINDS
from app.notifications.services import notify
from app.profile_visibility import CONFIRM_FIRST, can_view_profile


class IntroductionRefused(ValueError):
    """A request or answer that breaks a rule; the message says which and what to do."""


def open_introduction_between(a: User, b: User) -> Introduction | None:
    """A pending or accepted introduction between the two, in either direction."""
    return db.session.scalar(
        select(Introduction).where(
            Introduction.status.in_(OPEN_STATUSES),
            or_(
                (Introduction.sender_id == a.id) & (Introduction.recipient_id == b.id),
                (Introduction.sender_id == b.id) & (Introduction.recipient_id == a.id),
            ),
        )
    )


def requests_sent_today(sender: User) -> int:
    """How many introductions the sender asked for in the last 24 hours."""
    since = utcnow() - timedelta(days=1)
    query = select(func.count(Introduction.id)).where(
        Introduction.sender_id == sender.id, Introduction.created_at >= since
    )
    return db.session.scalar(query) or 0


def request_introduction(
    sender: User,
    recipient: User,
    *,
    message: str,
    suggestion_mode: str | None = None,
    suggestion_score: float | None = None,
) -> Introduction:
    """Ask to be introduced to `recipient`; refused for oneself, duplicates, hidden or closed accounts, and spam.

    `suggestion_mode` / `suggestion_score`: the suggestion card the request came from, if any.
    """
    if not sender.email_verified:
        raise IntroductionRefused(CONFIRM_FIRST)
    if recipient.id == sender.id:
        raise IntroductionRefused("You cannot request an introduction to yourself.")
    if (
        not recipient.is_active_account
        or recipient.profile is None
        or not can_view_profile(sender, recipient.profile)
    ):
        raise IntroductionRefused("This member is not available for introductions.")
    if open_introduction_between(sender, recipient) is not None:
        raise IntroductionRefused(
            f"You already have a pending or accepted introduction with {recipient.name}."
        )
    limit = current_app.config.get("INTRODUCTIONS_PER_DAY", 10)
    if requests_sent_today(sender) >= limit:
        raise IntroductionRefused(
            f"You can request at most {limit} introductions a day. Please try again tomorrow."
        )
    introduction = Introduction(
        sender_id=sender.id,
        recipient_id=recipient.id,
        message=message.strip(),
        status="pending",
        suggestion_mode=suggestion_mode,
        suggestion_score=suggestion_score,
    )
    db.session.add(introduction)
    db.session.flush()
    notify(
        recipient,
        event="introduction_requested",
        message=f"{sender.name} would like an introduction",
        link=url_for("peers.introductions"),
    )
    return introduction


def answer_introduction(introduction: Introduction, *, by: User, accept: bool) -> Introduction:
    """The recipient accepts or declines a pending request; the sender is told either way."""
    if introduction.recipient_id != by.id:
        raise IntroductionRefused("Only the person asked can answer this introduction.")
    if introduction.status != "pending":
        raise IntroductionRefused(f"This introduction is already {introduction.status}.")
    introduction.status = "accepted" if accept else "declined"
    introduction.responded_at = utcnow()
    db.session.flush()
    verb = "accepted" if accept else "declined"
    notify(
        introduction.sender,
        event="introduction_answered",
        message=f"{by.name} {verb} your introduction request",
        link=url_for("peers.introductions"),
    )
    if accept:
        notify(
            by,
            event="introduction_answered",
            message=f"You are now connected with {introduction.sender.name}; contact details are shared",
            link=url_for("peers.introductions"),
        )
    return introduction


def withdraw_introduction(introduction: Introduction, *, by: User) -> Introduction:
    """The sender takes back a request that is still pending."""
    if introduction.sender_id != by.id:
        raise IntroductionRefused("Only the person who asked can withdraw this request.")
    if introduction.status != "pending":
        raise IntroductionRefused(
            f"Only pending requests can be withdrawn; this one is {introduction.status}."
        )
    introduction.status = "withdrawn"
    introduction.responded_at = utcnow()
    db.session.flush()
    return introduction


def record_outcome(
    introduction: Introduction, *, by: User, kind: str, note: str = ""
) -> IntroductionOutcome:
    """One side says what came of an accepted introduction (recording again replaces it)."""
    if not introduction.involves(by):
        raise IntroductionRefused("Only the two people introduced can record what came of it.")
    if introduction.status != "accepted":
        raise IntroductionRefused("You can record an outcome once the introduction is accepted.")
    if kind not in OUTCOME_KINDS:
        raise IntroductionRefused("Choose one of the outcomes offered.")
    outcome = introduction.outcome_of(by) or IntroductionOutcome(
        introduction=introduction, user_id=by.id
    )
    outcome.kind, outcome.note = kind, note.strip()
    db.session.add(outcome)
    db.session.flush()
    return outcome


def hide_suggestion(
    user: User,
    hidden: User,
    *,
    suggestion_mode: str | None = None,
    suggestion_score: float | None = None,
) -> HiddenSuggestion:
    """Remember that `user` finds `hidden` not relevant (idempotent), with the card's tab and score."""
    existing = db.session.scalar(
        select(HiddenSuggestion).where(
            HiddenSuggestion.user_id == user.id, HiddenSuggestion.hidden_user_id == hidden.id
        )
    )
    if existing is not None:
        return existing
    row = HiddenSuggestion(
        user_id=user.id,
        hidden_user_id=hidden.id,
        suggestion_mode=suggestion_mode,
        suggestion_score=suggestion_score,
    )
    db.session.add(row)
    db.session.flush()
    return row


def invite_to_reply(challenge: Challenge, *, by: User, invitee: User) -> None:
    """The challenge's author asks a suggested peer to reply; the peer is notified."""
    if challenge.author_id != by.id:
        raise IntroductionRefused("Only the challenge's author can invite peers to reply.")
    if not by.email_verified:
        raise IntroductionRefused(CONFIRM_FIRST)
    if (
        invitee.id == by.id
        or not invitee.is_active_account
        or invitee.profile is None
        or not can_view_profile(by, invitee.profile)
    ):
        raise IntroductionRefused("This member cannot be invited.")
    notify(
        invitee,
        event="invited_to_reply",
        message=f"{by.name} invites you to reply to “{challenge.title}”",
        link=url_for("challenges.detail", challenge_id=challenge.id),
    )
