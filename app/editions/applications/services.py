"""Writes for applications: apply, decide, shortlist and accept. They flush, never commit."""

from __future__ import annotations

from app.editions.applications.eligibility import Eligibility, check_applicant
from app.editions.members.services import add_member
from app.editions.services import tell
from app.extensions import db
from app.models import Edition, EditionMember, User, utcnow
from app.models.coaching import Application
from app.security import external_url


class ApplicationRefused(Exception):
    """An application the call does not accept (closed, past deadline, ineligible country)."""


def apply_to_edition(
    edition: Edition, user: User, *, motivation: str, challenges: str, commitments: list[str]
) -> Application:
    """Store an application after checking eligibility; raise ApplicationRefused with the reason."""
    verdict: Eligibility = check_applicant(edition, user, commitments)
    if verdict.refusal:
        raise ApplicationRefused(verdict.refusal)
    application = db.session.scalar(
        db.select(Application).filter_by(edition_id=edition.id, user_id=user.id)
    ) or Application(edition_id=edition.id, user_id=user.id)
    application.motivation = motivation
    application.challenges = challenges
    application.commitments = sorted(commitments)
    application.eligible = verdict.eligible
    application.eligibility_notes = verdict.notes
    db.session.add(application)
    db.session.flush()
    tell(
        user,
        event="application_received",
        subject=f"Your application to {edition.name}",
        message=f"We received your application to {edition.name}. The coaches will review it after the deadline.",
        formal=True,
    )
    return application


def decide_application(
    application: Application, *, status: str, score: int | None = None
) -> Application:
    """Score an application and set its status; accepting adds the applicant as a participant."""
    previous = application.status
    application.score = score if score is not None else application.score
    application.status = status
    if status in ("accepted", "declined") and status != previous:
        application.decided_at = utcnow()
        _announce_decision(application)
    if status == "accepted":
        add_participant(application.edition, application.user)
    elif previous == "accepted":
        remove_participant(application.edition, application.user)
    db.session.flush()
    return application


def _announce_decision(application: Application) -> None:
    """Email and notify the applicant about the decision."""
    edition = application.edition
    if application.status == "accepted":
        message = f"Welcome to {edition.name}! Your application was accepted; see you on the first online day."
    else:
        message = (
            f"Thank you for applying to {edition.name}. We could not offer you a place this time."
        )
    tell(
        application.user,
        event=f"application_{application.status}",
        subject=f"{edition.name}: your application",
        message=message,
        link=external_url("editions.my_groups"),
        formal=True,
    )


def add_participant(edition: Edition, user: User) -> EditionMember:
    """Make the user a participant of the edition (through the editions area)."""
    existing = db.session.scalar(
        db.select(EditionMember).filter_by(edition_id=edition.id, user_id=user.id)
    )
    if existing:
        return existing
    return add_member(edition, user, role="participant")


def remove_participant(edition: Edition, user: User) -> None:
    """Undo an acceptance: the user stops being a participant of the edition."""
    member = db.session.scalar(
        db.select(EditionMember).filter_by(
            edition_id=edition.id, user_id=user.id, role="participant"
        )
    )
    if member:
        db.session.delete(member)
        db.session.flush()


def shortlist(edition: Edition, application_ids: list[int]) -> int:
    """Make exactly these waiting applications the shortlist (others go back to pending); returns its size."""
    chosen = set(application_ids)
    waiting = db.session.scalars(
        db.select(Application).where(
            Application.edition_id == edition.id, Application.status.in_(("pending", "shortlisted"))
        )
    ).all()
    for application in waiting:
        application.status = "shortlisted" if application.id in chosen else "pending"
    db.session.flush()
    return sum(a.id in chosen for a in waiting)


def accept_shortlist(edition: Edition) -> int:
    """Accept every shortlisted application of the edition; returns how many were accepted."""
    applications = db.session.scalars(
        db.select(Application).filter_by(edition_id=edition.id, status="shortlisted")
    ).all()
    for application in applications:
        decide_application(application, status="accepted")
    return len(applications)
