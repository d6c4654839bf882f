"""Reads for message threads: the thread one may open, and its messages in order."""

from __future__ import annotations

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Introduction, IntroductionMessage, User


def get_thread_or_404(introduction_id: int, *, reader: User) -> Introduction:
    """The accepted introduction `reader` is part of, or 404 (a pending or foreign one has no thread)."""
    introduction = db.session.get(Introduction, introduction_id)
    if (
        introduction is None
        or not introduction.involves(reader)
        or introduction.status != "accepted"
    ):
        abort(404)
    return introduction


def thread_messages(introduction: Introduction) -> list[IntroductionMessage]:
    """The thread's messages, oldest first."""
    return list(
        db.session.scalars(
            select(IntroductionMessage)
            .where(IntroductionMessage.introduction_id == introduction.id)
            .options(selectinload(IntroductionMessage.author))
            .order_by(IntroductionMessage.created_at, IntroductionMessage.id)
        )
    )


def message_counts(introduction_ids: list[int]) -> dict[int, int]:
    """Introduction id → how many messages its thread holds (for "Messages (3)" links)."""
    if not introduction_ids:
        return {}
    rows = db.session.execute(
        select(IntroductionMessage.introduction_id, func.count())
        .where(IntroductionMessage.introduction_id.in_(introduction_ids))
        .group_by(IntroductionMessage.introduction_id)
    )
    return dict(rows.all())
