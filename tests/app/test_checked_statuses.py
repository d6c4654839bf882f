"""Statuses, kinds, roles and phases are checked by the database: a word the app never writes is refused.

Each checked column is listed here with the tuple its forms and services use; the model builds its
CHECK constraint from that same tuple (app/models/checks.py). Runs on SQLite and, with
TEST_DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import IntegrityError

import matching
from app.extensions import db
from app.models import (
    ApiToken,
    Application,
    BreakoutRule,
    Challenge,
    CoachingSession,
    EditionMember,
    HiddenSuggestion,
    Introduction,
    IntroductionOutcome,
    Meeting,
    MeetingEvent,
    MeetingSlot,
    MeetingWish,
    Practice,
    PracticeAdoption,
    PracticeTag,
    Profile,
    StoredVector,
    User,
)
from app.models.api_token import TOKEN_SCOPES
from app.models.challenge import STATUSES
from app.models.checks import in_list
from app.models.coaching import APPLICATION_STATUSES, RULE_KINDS, SESSION_MODES
from app.models.edition import MEMBER_ROLES
from app.models.meeting import (
    ANSWERS,
    MEETING_KINDS,
    MEETING_MODES,
    OPEN_TO,
    OUTCOMES,
    PHASES,
    WISH_CHOICES,
)
from app.models.peers import INTRODUCTION_STATUSES, OUTCOME_KINDS, SUGGESTION_MODES
from app.models.practice import ADOPTION_KINDS, PRACTICE_TYPES, PRACTICE_VISIBILITIES, TAG_KINDS
from app.models.profile import VISIBILITIES
from app.models.user import ROLES
from app.models.vector import VECTOR_FIELD_NAMES, VECTOR_FIELDS

# (model, column, the words it may hold)
CHECKED = [
    (User, "role", ROLES),
    (EditionMember, "role", MEMBER_ROLES),
    (Challenge, "status", STATUSES),
    (Profile, "visibility", VISIBILITIES),
    (Introduction, "status", INTRODUCTION_STATUSES),
    (Introduction, "suggestion_mode", SUGGESTION_MODES),
    (IntroductionOutcome, "kind", tuple(OUTCOME_KINDS)),
    (HiddenSuggestion, "suggestion_mode", SUGGESTION_MODES),
    (MeetingEvent, "open_to", tuple(OPEN_TO)),
    (MeetingEvent, "phase", tuple(PHASES)),
    (MeetingWish, "choice", tuple(WISH_CHOICES)),
    (MeetingWish, "answer", ANSWERS),
    (Meeting, "kind", MEETING_KINDS),
    (Meeting, "mode", MEETING_MODES),
    (Meeting, "outcome", tuple(OUTCOMES)),
    (Practice, "kind", tuple(PRACTICE_TYPES)),
    (Practice, "visibility", PRACTICE_VISIBILITIES),
    (PracticeAdoption, "kind", ADOPTION_KINDS),
    (PracticeTag, "kind", TAG_KINDS),
    (StoredVector, "owner_kind", tuple(VECTOR_FIELDS)),
    (StoredVector, "field", VECTOR_FIELD_NAMES),
    (ApiToken, "scope", tuple(TOKEN_SCOPES)),
    (Application, "status", APPLICATION_STATUSES),
    (CoachingSession, "mode", SESSION_MODES),
    (BreakoutRule, "kind", RULE_KINDS),
]
IDS = [f"{model.__tablename__}.{column}" for model, column, _ in CHECKED]


def _checks_of(model) -> list[str]:
    """The SQL of the model's CHECK constraints."""
    return [
        str(c.sqltext) for c in model.__table__.constraints if type(c).__name__ == "CheckConstraint"
    ]


@pytest.mark.parametrize(("model", "column", "values"), CHECKED, ids=IDS)
def test_each_status_column_is_checked_with_the_tuple_the_code_uses(model, column, values):
    assert in_list(column, values) in _checks_of(model)


def test_meeting_modes_are_the_matchers_recommendation_modes():
    """A meeting's mode is the matcher mode that suggested it ("" for a wish)."""
    assert MEETING_MODES == ("", *matching.MODES)


@pytest.fixture
def one_of_each(app, make_user, make_edition, make_challenge):
    """One committed row in every table with a checked column, every value valid."""
    ana, bo = make_user(), make_user(role="coach")
    edition = make_edition(members=(ana,))
    make_challenge(ana)
    when = datetime(2026, 3, 11, 9, tzinfo=UTC)
    introduction = Introduction(sender_id=ana.id, recipient_id=bo.id, suggestion_mode="similar")
    event = MeetingEvent(name="Sofia meeting day", edition_id=edition.id)
    slot = MeetingSlot(event=event, starts_at=when, ends_at=when)
    practice = Practice(
        author_id=ana.id, title="Speed-dating", summary="Short meetings", kind="method"
    )
    db.session.add_all([introduction, event, slot, practice])
    db.session.flush()
    session = CoachingSession(edition_id=edition.id, title="Day 1", starts_at=when)
    db.session.add_all(
        [
            IntroductionOutcome(introduction_id=introduction.id, user_id=ana.id, kind="met"),
            HiddenSuggestion(user_id=ana.id, hidden_user_id=bo.id, suggestion_mode="helpers"),
            MeetingWish(event_id=event.id, requester_id=ana.id, target_id=bo.id, choice="must"),
            Meeting(event_id=event.id, slot_id=slot.id, a_id=ana.id, b_id=bo.id, outcome=None),
            PracticeAdoption(practice_id=practice.id, user_id=bo.id, kind="adopted"),
            PracticeTag(practice_id=practice.id, kind="theme", value="services"),
            StoredVector(owner_kind="profile", owner_id=ana.profile.id, field="needs"),
            ApiToken(user_id=ana.id, name="laptop", scope="read", token_hash="x" * 64, hint="cbc_"),
            Application(edition_id=edition.id, user_id=ana.id),
            session,
            BreakoutRule(edition_id=edition.id, first_user_id=ana.id, second_user_id=bo.id),
        ]
    )
    db.session.commit()


@pytest.mark.parametrize(("model", "column", "values"), CHECKED, ids=IDS)
def test_the_database_takes_every_word_the_app_writes_and_refuses_any_other(
    one_of_each, model, column, values
):
    table = model.__table__
    for value in values:
        db.session.execute(update(table).values({column: value}))
    db.session.commit()
    stored = db.session.execute(text(f'SELECT {column} FROM "{table.name}"')).scalars().all()
    assert stored and set(stored) == {values[-1]}

    with pytest.raises(IntegrityError):
        db.session.execute(update(table).values({column: "maybe"}))
        db.session.flush()
    db.session.rollback()
    assert (
        db.session.execute(text(f'SELECT {column} FROM "{table.name}"')).scalars().all() == stored
    )
