"""Writes for homework: post an assignment, submit an answer, give feedback. They flush, never commit."""

from __future__ import annotations

from datetime import date

from app.editions.services import tell
from app.extensions import db
from app.models import Edition, User, utcnow
from app.models.coaching import Homework, HomeworkSubmission
from app.security import external_url
from app.text import render_markdown


def post_homework(edition: Edition, *, title: str, instructions: str, due_on: date) -> Homework:
    """Post an assignment to the edition and tell its participants."""
    homework = Homework(
        edition_id=edition.id,
        title=title,
        instructions=instructions,
        instructions_html=render_markdown(instructions),
        due_on=due_on,
    )
    db.session.add(homework)
    db.session.flush()
    link = external_url("editions.homework", homework_id=homework.id)
    for member in edition.members:
        if member.role == "participant":
            tell(
                member.user,
                event="homework_posted",
                subject=f"Homework: {title}",
                message=f"New homework for {edition.name}: {title}, due {due_on:%-d %b %Y}.",
                link=link,
            )
    return homework


def submit_homework(homework: Homework, user: User, *, text: str, link: str) -> HomeworkSubmission:
    """Store (or replace) the participant's answer."""
    submission = db.session.scalar(
        db.select(HomeworkSubmission).filter_by(homework_id=homework.id, user_id=user.id)
    ) or HomeworkSubmission(homework_id=homework.id, user_id=user.id)
    submission.text = text
    submission.link = link or ""
    submission.submitted_at = utcnow()
    db.session.add(submission)
    db.session.flush()
    return submission


def give_feedback(submission: HomeworkSubmission, *, feedback: str) -> HomeworkSubmission:
    """Store the coach's feedback and tell the participant."""
    submission.feedback = feedback
    submission.feedback_at = utcnow()
    db.session.flush()
    link = external_url("editions.homework", homework_id=submission.homework_id)
    tell(
        submission.user,
        event="homework_feedback",
        subject=f"Feedback on {submission.homework.title}",
        message=f"Your coach gave feedback on “{submission.homework.title}”.",
        link=link,
    )
    return submission
