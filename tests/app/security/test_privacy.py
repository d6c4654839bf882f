"""Deleting an account removes or anonymises everything about the person, in every table, and the
export holds all of it first (case 7; the policy is app/privacy.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import String, Text, select, text

from app.api.services import create_token
from app.extensions import db
from app.models import (
    Application,
    BreakoutGroup,
    BreakoutMember,
    BreakoutRound,
    BreakoutRule,
    Challenge,
    CoachingSession,
    HiddenSuggestion,
    Homework,
    HomeworkSubmission,
    Introduction,
    IntroductionMessage,
    IntroductionOutcome,
    LoginAttempt,
    Meeting,
    MeetingEvent,
    MeetingFeed,
    MeetingParticipant,
    MeetingRating,
    MeetingReminder,
    MeetingSlot,
    MeetingWish,
    Notification,
    NotificationPreference,
    OutboxMessage,
    PracticeAdoption,
    PracticeAttachment,
    PracticeCoauthor,
    PracticeCollection,
    PracticeCollectionItem,
    PracticeFlag,
    PracticeLink,
    PracticeSolution,
    Reply,
    User,
)
from app.privacy import POLICY
from tests.app.peers.conftest import store_vectors, unit
from tests.factories import PASSWORD, make_practice

# Strings only Ana's rows contain: none may survive her deletion, in any column of any table.
ANA_TRACES = [
    "Ana Novak",
    "ana@example.eu",
    "MOTIVATION-OF-ANA",
    "https://ana.example/homework",
    "ANA-APPLICATION-CHALLENGES",
    "NOTE-ABOUT-ANA",
]


@pytest.fixture
def everywhere(make_user, make_cohort, make_challenge, make_reply, login):
    """Ana with a row in every table that can hold a person; Bo and coach Cleo around her."""
    ana = make_user(name="Ana Novak", email="ana@example.eu")
    bo = make_user(name="Bo Berg", email="bo@example.eu")
    cleo = make_user(name="Cleo Coach", email="cleo@example.eu", role="coach")
    cohort = make_cohort(members=(ana, bo))
    hers = make_challenge(ana, title="Raising fees")
    make_reply(hers, bo, body="Bo's answer on Ana's challenge")
    make_reply(make_challenge(bo, title="Bo's question"), ana, body="Ana's reply")
    store_vectors("profile", ana.profile.id, about=unit(0))
    store_vectors("challenge", hers.id, text=unit(1))
    introduction = Introduction(
        sender_id=ana.id, recipient_id=bo.id, message="Hello Bo", status="accepted"
    )
    db.session.add(introduction)
    db.session.flush()
    db.session.add(
        IntroductionMessage(introduction_id=introduction.id, author_id=ana.id, body="Tuesday?")
    )
    create_token(ana, name="CRM sync", scope="read")
    event = MeetingEvent(name="Matchmaking day", created_by_id=ana.id)
    db.session.add(event)
    db.session.flush()
    slot = MeetingSlot(
        event_id=event.id,
        starts_at=datetime(2027, 3, 2, 9, 0, tzinfo=UTC),
        ends_at=datetime(2027, 3, 2, 9, 20, tzinfo=UTC),
    )
    db.session.add(slot)
    db.session.flush()
    db.session.add_all(
        [
            MeetingParticipant(event_id=event.id, user_id=ana.id),
            MeetingParticipant(event_id=event.id, user_id=bo.id),
            MeetingWish(event_id=event.id, requester_id=ana.id, target_id=bo.id, choice="must"),
            Meeting(event_id=event.id, slot_id=slot.id, a_id=ana.id, b_id=bo.id),
        ]
    )
    practice = make_practice(ana, title="Member speed-dating")
    collection = PracticeCollection(cohort_id=cohort.id, curator_id=ana.id, title="Toolkit")
    db.session.add(collection)
    db.session.flush()
    db.session.add_all(
        [
            PracticeCoauthor(practice_id=practice.id, user_id=ana.id),
            PracticeLink(practice_id=practice.id, url="https://example.eu/guide", label="Guide"),
            PracticeAttachment(
                practice_id=practice.id,
                uploaded_by_id=ana.id,
                stored_name="0" * 32,
                display_name="guide.pdf",
                content_type="application/pdf",
                size=10,
            ),
            PracticeAdoption(practice_id=practice.id, user_id=ana.id, story="We ran it"),
            PracticeFlag(practice_id=practice.id, user_id=ana.id, reason="Outdated"),
            PracticeSolution(challenge_id=hers.id, practice_id=practice.id),
            PracticeCollectionItem(collection_id=collection.id, practice_id=practice.id),
        ]
    )
    db.session.flush()
    db.session.add_all(
        [
            IntroductionOutcome(
                introduction_id=introduction.id, user_id=bo.id, kind="met", note="NOTE-ABOUT-ANA"
            ),
            IntroductionOutcome(
                introduction_id=introduction.id, user_id=ana.id, kind="met", note="Good talk"
            ),
            HiddenSuggestion(user_id=ana.id, hidden_user_id=bo.id),
            HiddenSuggestion(user_id=bo.id, hidden_user_id=ana.id),
            Notification(user_id=ana.id, event="reply_posted", message="Bo replied"),
            NotificationPreference(
                user_id=ana.id, muted_events="", email_enabled=True, weekly_digest=True
            ),
            OutboxMessage(
                recipient="ana@example.eu", subject="Hello Ana Novak", body="...", user_id=ana.id
            ),
            LoginAttempt(email="ana@example.eu", ip="10.0.0.1"),
            Application(
                cohort_id=cohort.id,
                user_id=ana.id,
                motivation="MOTIVATION-OF-ANA",
                challenges="ANA-APPLICATION-CHALLENGES",
            ),
            BreakoutRule(
                cohort_id=cohort.id, kind="apart", first_user_id=ana.id, second_user_id=bo.id
            ),
        ]
    )
    homework = Homework(cohort_id=cohort.id, title="Map your members", due_on=date(2024, 3, 1))
    session = CoachingSession(
        cohort_id=cohort.id, title="Kick-off", starts_at=datetime(2024, 3, 11, 10)
    )
    db.session.add_all([homework, session])
    db.session.flush()
    db.session.add(
        HomeworkSubmission(
            homework_id=homework.id,
            user_id=ana.id,
            text="My map",
            link="https://ana.example/homework",
            feedback="Well done, Ana Novak",
        )
    )
    breakout_round = BreakoutRound(
        session_id=session.id, number=1, unmet=["Ana Novak and Bo Berg met before"]
    )
    db.session.add(breakout_round)
    db.session.flush()
    led = BreakoutGroup(
        round_id=breakout_round.id,
        position=0,
        coach_id=ana.id,
        reasons=["Ana Novak leads"],
    )
    other = BreakoutGroup(round_id=breakout_round.id, position=1, coach_id=cleo.id)
    db.session.add_all([led, other])
    db.session.flush()
    db.session.add_all(
        [
            BreakoutMember(group_id=led.id, user_id=ana.id),
            BreakoutMember(group_id=led.id, user_id=bo.id),
        ]
    )
    meeting = db.session.scalar(select(Meeting).filter_by(event_id=event.id))
    db.session.add_all(
        [
            MeetingFeed(user_id=ana.id, token_hash="f" * 64),
            MeetingRating(meeting_id=meeting.id, user_id=ana.id, outcome="knowledge"),
            MeetingRating(meeting_id=meeting.id, user_id=bo.id, outcome="joint_action"),
            MeetingReminder(
                event_id=event.id, user_id=ana.id, step="due", sent_on=date(2027, 9, 2)
            ),
        ]
    )
    db.session.commit()
    client = login(ana)  # a login session too
    return {"ana": ana, "bo": bo, "client": client, "challenge_id": hers.id, "group_id": led.id}


def all_rows(table):
    return db.session.execute(select(table)).mappings().all()


def test_every_table_has_a_line_in_the_policy(app):
    assert sorted(POLICY) == sorted(table.name for table in db.metadata.sorted_tables)


def test_tables_without_a_policy_hold_nobody(app):
    for table in db.metadata.sorted_tables:
        if POLICY[table.name] == "-":
            assert not [
                fk
                for column in table.columns
                for fk in column.foreign_keys
                if fk.column.table.name == "user"
            ]


def test_deleting_leaves_nothing_about_the_person_in_any_table(everywhere):
    ana_id = everywhere["ana"].id
    tables = db.metadata.sorted_tables
    assert not [t.name for t in tables if not all_rows(t)]

    response = everywhere["client"].post(
        "/account/delete", data={"password": PASSWORD, "confirm": "y"}
    )
    assert response.status_code == 302
    db.session.expire_all()

    for table in tables:
        user_columns = [
            c.name for c in table.columns for fk in c.foreign_keys if fk.column.table.name == "user"
        ]
        if table.name == "user":
            user_columns = ["id"]
        text_columns = [c.name for c in table.columns if isinstance(c.type, String | Text)]
        for row in all_rows(table):
            for column in user_columns:
                assert row[column] != ana_id, (
                    f"{table.name}.{column} still points at the deleted person"
                )
            for column in text_columns:
                value = str(row[column] or "")
                for trace in ANA_TRACES:
                    assert trace not in value, f"{table.name}.{column} still holds {trace!r}"


def test_others_records_stay_without_the_person(everywhere):
    everywhere["client"].post("/account/delete", data={"password": PASSWORD, "confirm": "y"})
    db.session.expire_all()

    challenge = db.session.get(Challenge, everywhere["challenge_id"])
    assert challenge.author_id is None
    assert [r.body for r in challenge.replies] == ["Bo's answer on Ana's challenge"]
    assert db.session.scalar(select(Reply).filter_by(body="Ana's reply")).author_id is None
    group = db.session.get(BreakoutGroup, everywhere["group_id"])
    assert group.coach_id is None and [m.user_id for m in group.members] == [everywhere["bo"].id]
    assert group.reasons == ["Former member leads"]
    assert db.session.get(User, everywhere["bo"].id) is not None


def test_the_round_csv_no_longer_lists_the_person(everywhere, login, make_user):
    coach = make_user(role="coach")
    db.session.commit()
    round_id = db.session.scalar(select(BreakoutRound.id))
    everywhere["client"].post("/account/delete", data={"password": PASSWORD, "confirm": "y"})

    csv = login(coach).get(f"/editions/rounds/{round_id}/export.csv").get_data(as_text=True)

    assert "Ana" not in csv and "Bo Berg" in csv


def test_the_export_holds_everything_about_the_person(everywhere):
    data = everywhere["client"].get("/account/export.json").get_json()

    assert data["applications"][0]["motivation"] == "MOTIVATION-OF-ANA"
    assert data["homework"][0] == {
        **data["homework"][0],
        "link": "https://ana.example/homework",
        "feedback": "Well done, Ana Novak",
        "homework": "Map your members",
    }
    assert data["breakout_groups"] == [
        {
            "session": "Kick-off",
            "round": 1,
            "group": data["breakout_groups"][0]["group"],
            "published": False,
        }
    ]
    assert len(data["breakout_groups_coached"]) == 1
    assert data["breakout_rules"][0]["kind"] == "apart"
    assert [o["note"] for o in data["introduction_outcomes"]] == ["Good talk"]
    assert data["hidden_suggestions"] and data["notification_settings"]["weekly_digest"] is True
    assert data["mails"][0]["subject"] == "Hello Ana Novak"
    assert data["login_sessions"]


def test_sqlite_enforces_foreign_keys(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL always enforces them")
    assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
