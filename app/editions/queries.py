"""Reads of the editions area: load-or-404 helpers (with their access checks), lists and coverage."""

from __future__ import annotations

from collections import Counter
from datetime import date

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Cohort, CohortMember, Profile, User
from app.models.coaching import (
    Application,
    BreakoutGroup,
    BreakoutMember,
    BreakoutRound,
    BreakoutRule,
    CoachingSession,
    Homework,
    HomeworkSubmission,
)


def _get_or_404(model, object_id: int):
    """The row with this id, or a 404."""
    row = db.session.get(model, object_id)
    if row is None:
        abort(404)
    return row


def get_edition_or_404(cohort_id: int) -> Cohort:
    """An edition by id, or 404."""
    return _get_or_404(Cohort, cohort_id)


def get_application_or_404(application_id: int) -> Application:
    """An application by id, or 404 (coach views only)."""
    return _get_or_404(Application, application_id)


def get_session_or_404(session_id: int) -> CoachingSession:
    """A coaching session by id, or 404."""
    return _get_or_404(CoachingSession, session_id)


def get_round_or_404(round_id: int) -> BreakoutRound:
    """A breakout round by id, or 404."""
    return _get_or_404(BreakoutRound, round_id)


def get_group_or_404(group_id: int) -> BreakoutGroup:
    """A breakout group by id, or 404."""
    return _get_or_404(BreakoutGroup, group_id)


def get_rule_or_404(rule_id: int) -> BreakoutRule:
    """A keep-apart/together rule by id, or 404."""
    return _get_or_404(BreakoutRule, rule_id)


def get_submission_or_404(submission_id: int) -> HomeworkSubmission:
    """A homework submission by id, or 404."""
    return _get_or_404(HomeworkSubmission, submission_id)


def get_homework_or_404(homework_id: int, *, readable_by: User) -> Homework:
    """An assignment coaches and the edition's members may read; anyone else gets 403."""
    homework = _get_or_404(Homework, homework_id)
    if not readable_by.is_coach and membership(homework.cohort_id, readable_by) is None:
        abort(403)
    return homework


def membership(cohort_id: int, user: User) -> CohortMember | None:
    """The user's membership of the edition, if any."""
    return db.session.scalar(select(CohortMember).filter_by(cohort_id=cohort_id, user_id=user.id))


def editions() -> list[Cohort]:
    """Every edition, newest first."""
    return list(db.session.scalars(select(Cohort).order_by(Cohort.created_at.desc(), Cohort.id.desc())))


def open_calls(today: date | None = None) -> list[Cohort]:
    """Editions whose call for applications is open and not past its deadline."""
    today = today or date.today()
    rows = db.session.scalars(select(Cohort).where(Cohort.applications_open.is_(True)).order_by(Cohort.application_deadline))
    return [c for c in rows if c.application_deadline is None or c.application_deadline >= today]


def application_of(cohort: Cohort, user: User) -> Application | None:
    """The user's application to the edition, if they applied."""
    return db.session.scalar(select(Application).filter_by(cohort_id=cohort.id, user_id=user.id))


def applications(cohort: Cohort, *, status: str | None = None) -> list[Application]:
    """The edition's applications with the applicants' profiles, best score first."""
    query = (
        select(Application)
        .where(Application.cohort_id == cohort.id)
        .options(selectinload(Application.user).selectinload(User.profile).selectinload(Profile.ecosystem_links))
        .order_by(Application.score.desc().nulls_last(), Application.created_at)
    )
    if status:
        query = query.where(Application.status == status)
    return list(db.session.scalars(query))


def participants(cohort: Cohort, *, attending_only: bool = False) -> list[User]:
    """The edition's participants (members with role participant), by name."""
    query = (
        select(User)
        .join(CohortMember, CohortMember.user_id == User.id)
        .where(CohortMember.cohort_id == cohort.id, CohortMember.role == "participant")
        .options(selectinload(User.profile).selectinload(Profile.ecosystem_links))
        .order_by(User.name)
    )
    if attending_only:
        query = query.where(CohortMember.attending.is_(True))
    return list(db.session.scalars(query))


def coaches(cohort: Cohort | None = None) -> list[User]:
    """The edition's coaches, else every active coach and admin, by name."""
    if cohort is not None:
        members = [m.user for m in cohort.members if m.role == "coach"]
        if members:
            return sorted(members, key=lambda u: u.name)
    query = select(User).where(User.role.in_(("coach", "admin")), User.is_active_account.is_(True)).order_by(User.name)
    return list(db.session.scalars(query.options(selectinload(User.profile))))


def profile_mix(users: list[User]) -> dict[str, Counter]:
    """How many people per country, ecosystem and maturity level (from their profiles)."""
    mix = {"countries": Counter(), "ecosystems": Counter(), "maturity": Counter()}
    for user in users:
        if user.profile is None:
            continue
        mix["countries"][user.profile.country] += 1
        mix["ecosystems"].update(user.profile.ecosystems)
        mix["maturity"][user.profile.maturity] += 1
    return mix


def edition_rounds(cohort: Cohort) -> list[BreakoutRound]:
    """Every breakout round of the edition, in session and round order."""
    query = (
        select(BreakoutRound)
        .join(CoachingSession)
        .where(CoachingSession.cohort_id == cohort.id)
        .options(selectinload(BreakoutRound.groups).selectinload(BreakoutGroup.members))
        .order_by(CoachingSession.starts_at, CoachingSession.id, BreakoutRound.number)
    )
    return list(db.session.scalars(query))


def sessions(cohort: Cohort) -> list[CoachingSession]:
    """The edition's sessions in time order."""
    return list(db.session.scalars(select(CoachingSession).filter_by(cohort_id=cohort.id).order_by(CoachingSession.starts_at)))


def homework_list(cohort: Cohort) -> list[Homework]:
    """The edition's assignments by due date."""
    return list(db.session.scalars(select(Homework).filter_by(cohort_id=cohort.id).order_by(Homework.due_on)))


def my_published_groups(user: User) -> list[BreakoutGroup]:
    """The published breakout groups the user sits in, newest session first."""
    query = (
        select(BreakoutGroup)
        .join(BreakoutMember)
        .join(BreakoutRound)
        .join(CoachingSession)
        .where(BreakoutMember.user_id == user.id, BreakoutRound.published_at.is_not(None))
        .options(selectinload(BreakoutGroup.members).selectinload(BreakoutMember.user).selectinload(User.profile))
        .order_by(CoachingSession.starts_at.desc(), BreakoutRound.number)
    )
    return list(db.session.scalars(query))


def my_homework(user: User) -> list[tuple[Homework, HomeworkSubmission | None]]:
    """Assignments of the editions the user takes part in, with their submission if any."""
    query = (
        select(Homework)
        .join(CohortMember, CohortMember.cohort_id == Homework.cohort_id)
        .where(CohortMember.user_id == user.id, CohortMember.role == "participant")
        .order_by(Homework.due_on)
    )
    mine = {s.homework_id: s for s in db.session.scalars(select(HomeworkSubmission).filter_by(user_id=user.id))}
    return [(h, mine.get(h.id)) for h in db.session.scalars(query)]


def session_rounds(session: CoachingSession) -> list[BreakoutRound]:
    """The session's rounds with groups, members, profiles and coaches loaded in a few queries."""
    member_user = selectinload(BreakoutRound.groups).selectinload(BreakoutGroup.members).selectinload(BreakoutMember.user)
    query = (
        select(BreakoutRound)
        .where(BreakoutRound.session_id == session.id)
        .options(
            member_user.selectinload(User.profile).selectinload(Profile.ecosystem_links),
            selectinload(BreakoutRound.groups).selectinload(BreakoutGroup.coach),
        )
        .order_by(BreakoutRound.number)
    )
    return list(db.session.scalars(query))
