"""Reads for homework: assignments, submissions (with who may read them), a participant's list."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select

from app.editions.queries import membership
from app.extensions import db
from app.models import Edition, EditionMember, User
from app.models.coaching import (
    Homework,
    HomeworkSubmission,
)


def get_submission_or_404(submission_id: int) -> HomeworkSubmission:
    """A homework submission by id, or 404."""
    return db.get_or_404(HomeworkSubmission, submission_id)


def get_homework_or_404(homework_id: int, *, readable_by: User) -> Homework:
    """An assignment coaches and the edition's members may read; anyone else gets 403."""
    homework = db.get_or_404(Homework, homework_id)
    if not readable_by.is_coach and membership(homework.edition_id, readable_by) is None:
        abort(403)
    return homework


def homework_list(edition: Edition) -> list[Homework]:
    """The edition's assignments by due date."""
    return list(
        db.session.scalars(
            select(Homework).filter_by(edition_id=edition.id).order_by(Homework.due_on)
        )
    )


def my_homework(user: User) -> list[tuple[Homework, HomeworkSubmission | None]]:
    """Assignments of the editions the user takes part in, with their submission if any."""
    query = (
        select(Homework)
        .join(EditionMember, EditionMember.edition_id == Homework.edition_id)
        .where(EditionMember.user_id == user.id, EditionMember.role == "participant")
        .order_by(Homework.due_on)
    )
    mine = {
        s.homework_id: s
        for s in db.session.scalars(select(HomeworkSubmission).filter_by(user_id=user.id))
    }
    return [(h, mine.get(h.id)) for h in db.session.scalars(query)]
