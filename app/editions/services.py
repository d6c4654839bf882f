"""Writes of the editions area: editions, applications and decisions, sessions, homework. They flush, never commit."""

from __future__ import annotations

from datetime import date

from app.editions.eligibility import Eligibility, check_applicant
from app.extensions import db
from app.mail import send_email
from app.models import Cohort, CohortMember, User, utcnow
from app.models.coaching import Application, CoachingSession, Homework, HomeworkSubmission
from app.security import external_url
from app.text import render_markdown

EDITION_FIELDS = (
    "name", "place", "host", "description", "online_start", "online_end", "in_person_start",
    "in_person_end", "min_size", "max_size", "applications_open", "application_deadline",
)


class ApplicationRefused(Exception):
    """An application the call does not accept (closed, past deadline, ineligible country)."""


def save_edition(cohort: Cohort | None, **fields) -> Cohort:
    """Create an edition (cohort is None) or update one from the edition form's fields."""
    cohort = cohort or Cohort()
    for name in EDITION_FIELDS:
        if name in fields:
            setattr(cohort, name, fields[name])
    db.session.add(cohort)
    db.session.flush()
    return cohort


def tell(user: User, *, event: str, subject: str, message: str, link: str | None = None, formal: bool = False) -> None:
    """Notify a person on the site (the notifications area emails by their preference); `formal` letters
    about applications are always emailed too; without the notifications area, email only."""
    try:
        from app.notifications.services import notify
    except ImportError:  # notifications area not installed: email is the only channel
        notify = None
    if formal or notify is None:
        send_email(user.email, subject, f"{message}\n\n{link or ''}".strip(), user_id=user.id)
    if notify is not None:
        notify(user, event=event, message=message, link=link, email=not formal)


def apply_to_edition(cohort: Cohort, user: User, *, motivation: str, challenges: str, commitments: list[str]) -> Application:
    """Store an application after checking eligibility; raise ApplicationRefused with the reason."""
    verdict: Eligibility = check_applicant(cohort, user, commitments)
    if verdict.refusal:
        raise ApplicationRefused(verdict.refusal)
    application = db.session.scalar(
        db.select(Application).filter_by(cohort_id=cohort.id, user_id=user.id)
    ) or Application(cohort_id=cohort.id, user_id=user.id)
    application.motivation = motivation
    application.challenges = challenges
    application.commitments = commitments
    application.eligible = verdict.eligible
    application.eligibility_notes = verdict.notes
    db.session.add(application)
    db.session.flush()
    tell(user, event="application_received", subject=f"Your application to {cohort.name}",
         message=f"We received your application to {cohort.name}. The coaches will review it after the deadline.",
         formal=True)
    return application


def decide_application(application: Application, *, status: str, score: int | None = None) -> Application:
    """Score an application and set its status; accepting adds the applicant as a participant."""
    previous = application.status
    application.score = score if score is not None else application.score
    application.status = status
    if status in ("accepted", "declined") and status != previous:
        application.decided_at = utcnow()
        _announce_decision(application)
    if status == "accepted":
        add_participant(application.cohort, application.user)
    elif previous == "accepted":
        remove_participant(application.cohort, application.user)
    db.session.flush()
    return application


def _announce_decision(application: Application) -> None:
    """Email and notify the applicant about the decision."""
    cohort = application.cohort
    if application.status == "accepted":
        message = f"Welcome to {cohort.name}! Your application was accepted; see you on the first online day."
    else:
        message = f"Thank you for applying to {cohort.name}. We could not offer you a place this time."
    tell(application.user, event=f"application_{application.status}", subject=f"{cohort.name}: your application",
         message=message, link=external_url("editions.my_groups"), formal=True)


def add_participant(cohort: Cohort, user: User) -> CohortMember:
    """Make the user a participant of the edition (through the cohorts area when it offers it)."""
    try:
        from app.cohorts.services import add_member
    except ImportError:
        add_member = None
    existing = db.session.scalar(db.select(CohortMember).filter_by(cohort_id=cohort.id, user_id=user.id))
    if existing:
        return existing
    if add_member is not None:
        return add_member(cohort, user, role="participant")
    member = CohortMember(cohort=cohort, user=user, role="participant")
    db.session.add(member)
    db.session.flush()
    from app.signals import cohort_member_added

    cohort_member_added.send(cohort, user=user, role="participant")
    return member


def remove_participant(cohort: Cohort, user: User) -> None:
    """Undo an acceptance: the user stops being a participant of the edition."""
    member = db.session.scalar(
        db.select(CohortMember).filter_by(cohort_id=cohort.id, user_id=user.id, role="participant")
    )
    if member:
        db.session.delete(member)
        db.session.flush()


def shortlist(cohort: Cohort, application_ids: list[int]) -> int:
    """Make exactly these waiting applications the shortlist (others go back to pending); returns its size."""
    chosen = set(application_ids)
    waiting = db.session.scalars(
        db.select(Application).where(Application.cohort_id == cohort.id, Application.status.in_(("pending", "shortlisted")))
    ).all()
    for application in waiting:
        application.status = "shortlisted" if application.id in chosen else "pending"
    db.session.flush()
    return sum(a.id in chosen for a in waiting)


def accept_shortlist(cohort: Cohort) -> int:
    """Accept every shortlisted application of the edition; returns how many were accepted."""
    applications = db.session.scalars(db.select(Application).filter_by(cohort_id=cohort.id, status="shortlisted")).all()
    for application in applications:
        decide_application(application, status="accepted")
    return len(applications)


def save_session(session: CoachingSession | None, cohort: Cohort, **fields) -> CoachingSession:
    """Create or update a session of the edition."""
    session = session or CoachingSession(cohort_id=cohort.id)
    for name in ("title", "mode", "starts_at", "duration_minutes"):
        setattr(session, name, fields[name])
    db.session.add(session)
    db.session.flush()
    return session


def post_homework(cohort: Cohort, *, title: str, instructions: str, due_on: date) -> Homework:
    """Post an assignment to the edition and tell its participants."""
    homework = Homework(cohort_id=cohort.id, title=title, instructions=instructions,
                        instructions_html=render_markdown(instructions), due_on=due_on)
    db.session.add(homework)
    db.session.flush()
    link = external_url("editions.homework", homework_id=homework.id)
    for member in cohort.members:
        if member.role == "participant":
            tell(member.user, event="homework_posted", subject=f"Homework: {title}",
                 message=f"New homework for {cohort.name}: {title}, due {due_on:%-d %b %Y}.", link=link)
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
    tell(submission.user, event="homework_feedback", subject=f"Feedback on {submission.homework.title}",
         message=f"Your coach gave feedback on “{submission.homework.title}”.", link=link)
    return submission
