"""Coaching an Academy edition: applications, sessions, breakout rounds and groups, homework.

An edition is a `Edition`; everything here hangs off an edition id. Breakout metrics and reasons come
from the matching library and are stored in JSON columns, so a page shows what the coach saw when
the groups were formed or last edited. Statuses and kinds are checked by the database.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.checks import one_of
from app.models.user import utcnow

APPLICATION_STATUSES = ("pending", "shortlisted", "accepted", "declined")
SESSION_MODES = ("online", "in_person")
RULE_KINDS = ("apart", "together")


COMMITMENTS = {
    "registered_manager": "I am registered as a cluster manager in charge of a cluster organisation",
    "eligible_country": "I manage my cluster organisation from an EU or COSME-associated country",
    "attend_all_days": "I will attend all four training days",
    "camera_on": "I will turn my camera on during the online days",
    "do_homework": "I will do the homework between the online and in-person parts",
}


class Application(db.Model):
    """A manager's application to an edition's call, with the coach's score and decision."""

    __tablename__ = "application"
    __table_args__ = (
        UniqueConstraint("edition_id", "user_id"),
        one_of("status", APPLICATION_STATUSES, name="ck_application_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("edition.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    motivation: Mapped[str] = mapped_column(db.Text, default="")
    challenges: Mapped[str] = mapped_column(db.Text, default="")
    #: the commitment keys the applicant ticked, sorted
    commitments: Mapped[list[str]] = mapped_column(db.JSON, default=list)
    eligible: Mapped[bool] = mapped_column(default=False)
    eligibility_notes: Mapped[str] = mapped_column(db.Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    score: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))

    edition: Mapped[Edition] = relationship()  # noqa: F821
    user: Mapped[User] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return (
            f"<Application {self.id} edition={self.edition_id} user={self.user_id} {self.status}>"
        )


class CoachingSession(db.Model):
    """One online or in-person session of an edition; breakout rounds happen in sessions."""

    __tablename__ = "coaching_session"
    __table_args__ = (one_of("mode", SESSION_MODES, name="ck_coaching_session_mode"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("edition.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(160))
    mode: Mapped[str] = mapped_column(String(10), default="online")
    starts_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=False))
    duration_minutes: Mapped[int] = mapped_column(default=90)
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    edition: Mapped[Edition] = relationship()  # noqa: F821
    rounds: Mapped[list[BreakoutRound]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="BreakoutRound.number"
    )

    def __repr__(self) -> str:
        return f"<CoachingSession {self.id} {self.title!r}>"


class BreakoutRound(db.Model):
    """One round of breakout groups in a session; a draft until the coach publishes it."""

    __tablename__ = "breakout_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("coaching_session.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(default=1)
    group_size: Mapped[int] = mapped_column(default=4)
    #: the builder settings the round was formed with (weights, size, participants, seed, batch)
    settings: Mapped[dict] = mapped_column(db.JSON, default=dict)
    #: overall metrics of the session's rounds at the last evaluation
    metrics: Mapped[dict] = mapped_column(db.JSON, default=dict)
    #: rules the groups do not meet, as the matcher described them (with people's names)
    unmet: Mapped[list[str]] = mapped_column(db.JSON, default=list)
    embeddings_source: Mapped[str] = mapped_column(String(120), default="TF-IDF")
    published_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    session: Mapped[CoachingSession] = relationship(back_populates="rounds")
    groups: Mapped[list[BreakoutGroup]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="BreakoutGroup.position"
    )

    @property
    def is_published(self) -> bool:
        """Participants see a round once it is published."""
        return self.published_at is not None

    def __repr__(self) -> str:
        return f"<BreakoutRound {self.id} session={self.session_id} #{self.number}>"


class BreakoutGroup(db.Model):
    """A group in a round: its members, its coach, whether it is locked, its metrics and reasons."""

    __tablename__ = "breakout_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("breakout_round.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    coach_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    locked: Mapped[bool] = mapped_column(default=False)
    #: the group's metrics from the matcher
    metrics: Mapped[dict] = mapped_column(db.JSON, default=dict)
    #: why these people are together, in sentences
    reasons: Mapped[list[str]] = mapped_column(db.JSON, default=list)

    round: Mapped[BreakoutRound] = relationship(back_populates="groups")
    coach: Mapped[User | None] = relationship()  # noqa: F821
    members: Mapped[list[BreakoutMember]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="BreakoutMember.id"
    )

    @property
    def label(self) -> str:
        """Group 1, Group 2 … as people say it."""
        return f"Group {self.position + 1}"

    @property
    def users(self) -> list:
        """The members' User rows."""
        return [m.user for m in self.members]

    def __repr__(self) -> str:
        return f"<BreakoutGroup {self.id} round={self.round_id} #{self.position}>"


class BreakoutMember(db.Model):
    """A participant's seat in a breakout group."""

    __tablename__ = "breakout_member"
    __table_args__ = (UniqueConstraint("group_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("breakout_group.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)

    group: Mapped[BreakoutGroup] = relationship(back_populates="members")
    user: Mapped[User] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<BreakoutMember group={self.group_id} user={self.user_id}>"


class BreakoutRule(db.Model):
    """A keep-apart or keep-together pair the coach set for an edition's breakout groups."""

    __tablename__ = "breakout_rule"
    __table_args__ = (one_of("kind", RULE_KINDS, name="ck_breakout_rule_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("edition.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10), default="apart")
    first_user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    second_user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    first_user: Mapped[User] = relationship(foreign_keys=[first_user_id])  # noqa: F821
    second_user: Mapped[User] = relationship(foreign_keys=[second_user_id])  # noqa: F821

    def __repr__(self) -> str:
        return f"<BreakoutRule {self.kind} {self.first_user_id}-{self.second_user_id}>"


class Homework(db.Model):
    """An assignment between the online and in-person parts, with a due date."""

    __tablename__ = "homework"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("edition.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(160))
    instructions: Mapped[str] = mapped_column(db.Text, default="")
    instructions_html: Mapped[str] = mapped_column(db.Text, default="")
    due_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)

    edition: Mapped[Edition] = relationship()  # noqa: F821
    submissions: Mapped[list[HomeworkSubmission]] = relationship(
        back_populates="homework",
        cascade="all, delete-orphan",
        order_by="HomeworkSubmission.submitted_at",
    )

    @property
    def is_past_due(self) -> bool:
        """The due date (a whole day, in UTC) has passed."""
        return self.due_on < utcnow().date()

    def __repr__(self) -> str:
        return f"<Homework {self.id} {self.title!r}>"


class HomeworkSubmission(db.Model):
    """A participant's answer to an assignment, and the coach's feedback on it."""

    __tablename__ = "homework_submission"
    __table_args__ = (UniqueConstraint("homework_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    homework_id: Mapped[int] = mapped_column(
        ForeignKey("homework.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(db.Text, default="")
    link: Mapped[str] = mapped_column(String(300), default="")
    submitted_at: Mapped[datetime] = mapped_column(db.DateTime(timezone=True), default=utcnow)
    feedback: Mapped[str] = mapped_column(db.Text, default="")
    feedback_at: Mapped[datetime | None] = mapped_column(db.DateTime(timezone=True))

    homework: Mapped[Homework] = relationship(back_populates="submissions")
    user: Mapped[User] = relationship()  # noqa: F821

    def __repr__(self) -> str:
        return f"<HomeworkSubmission homework={self.homework_id} user={self.user_id}>"
