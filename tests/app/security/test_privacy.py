"""Deleting an account removes or anonymises everything about the person, in every table, and the
export holds all of it first (case 7; the policy is app/privacy.py)."""

from __future__ import annotations

import json
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
    Practice,
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
from app.privacy import OTHER_COLUMNS, PERSONAL_COLUMNS, POLICY, SECRET_COLUMNS, columns_of
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
    "ANA-JOB-TITLE",
    "ANA-WISH-DECLINED",
    "ANA-ADOPTION-STORY",
    "ANA-ELIGIBILITY-NOTES",
]


@pytest.fixture
def everywhere(make_user, make_edition, make_challenge, make_reply, login):
    """Ana with a row in every table that can hold a person; Bo and coach Cleo around her."""
    ana = make_user(
        name="Ana Novak",
        email="ana@example.eu",
        website="https://ana-cluster.example",
        job_title="ANA-JOB-TITLE",
        region="ANA-REGION",
        languages="sl, en",
    )
    ana.timezone = "Europe/Ljubljana"
    bo = make_user(name="Bo Berg", email="bo@example.eu")
    cleo = make_user(name="Cleo Coach", email="cleo@example.eu", role="coach")
    edition = make_edition(members=(ana, bo))
    hers = make_challenge(ana, title="Raising fees")
    make_reply(hers, bo, body="Bo's answer on Ana's challenge")
    make_reply(make_challenge(bo, title="Bo's question"), ana, body="Ana's reply")
    store_vectors("profile", ana.profile.id, about=unit(0))
    store_vectors("challenge", hers.id, text=unit(1))
    introduction = Introduction(
        sender_id=ana.id,
        recipient_id=bo.id,
        message="Hello Bo",
        status="accepted",
        suggestion_mode="helpers",
        suggestion_score=0.8,
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
            MeetingParticipant(
                event_id=event.id, user_id=ana.id, available_json=f"[{slot.id}, 424242]"
            ),
            MeetingParticipant(event_id=event.id, user_id=bo.id),
            MeetingWish(
                event_id=event.id,
                requester_id=ana.id,
                target_id=bo.id,
                choice="must",
                answer="declined",
                decline_reason="ANA-WISH-DECLINED",
            ),
            Meeting(
                event_id=event.id,
                slot_id=slot.id,
                a_id=ana.id,
                b_id=bo.id,
                mode="helpers",
                outcome="joint_action",
            ),
        ]
    )
    practice = make_practice(
        ana,
        title="Member speed-dating",
        problem="ANA-PRACTICE-PROBLEM",
        needs_time="ANA-NEEDS-TIME",
        needs_budget="ANA-NEEDS-BUDGET",
        needs_team="ANA-NEEDS-TEAM",
        results="ANA-PRACTICE-RESULTS",
        languages="sl",
    )
    practice.moderation_note = "ANA-MODERATION-NOTE"
    practice.versions[0].note = "ANA-VERSION-NOTE"
    collection = PracticeCollection(
        edition_id=edition.id, curator_id=ana.id, title="Toolkit", description="ANA-COLLECTION"
    )
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
            PracticeAdoption(
                practice_id=practice.id,
                user_id=ana.id,
                story="ANA-ADOPTION-STORY",
                result="ANA-ADOPTION-RESULT",
                country="SI",
            ),
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
            HiddenSuggestion(user_id=ana.id, hidden_user_id=bo.id, suggestion_mode="surprise"),
            HiddenSuggestion(user_id=bo.id, hidden_user_id=ana.id),
            Notification(
                user_id=ana.id,
                event="reply_posted",
                message="Bo replied",
                link="/challenges/424242",
            ),
            NotificationPreference(
                user_id=ana.id,
                muted_events="introduction_requested",
                email_enabled=True,
                weekly_digest=True,
            ),
            OutboxMessage(
                recipient="ana@example.eu", subject="Hello Ana Novak", body="...", user_id=ana.id
            ),
            LoginAttempt(email="ana@example.eu", ip="10.0.0.1"),
            Application(
                edition_id=edition.id,
                user_id=ana.id,
                motivation="MOTIVATION-OF-ANA",
                challenges="ANA-APPLICATION-CHALLENGES",
                eligibility_notes="ANA-ELIGIBILITY-NOTES",
            ),
            BreakoutRule(
                edition_id=edition.id, kind="apart", first_user_id=ana.id, second_user_id=bo.id
            ),
        ]
    )
    homework = Homework(edition_id=edition.id, title="Map your members", due_on=date(2024, 3, 1))
    session = CoachingSession(
        edition_id=edition.id, title="Kick-off", starts_at=datetime(2024, 3, 11, 10)
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


def test_every_column_of_every_table_is_sorted_once(app):
    for table in db.metadata.sorted_tables:
        listed = [
            name
            for listing in (PERSONAL_COLUMNS, SECRET_COLUMNS, OTHER_COLUMNS)
            for name in listing.get(table.name, "").split()
        ]
        assert len(listed) == len(set(listed)), f"{table.name}: a column is sorted twice"
        missing = {c.name for c in table.columns} - set(listed)
        assert not missing, (
            f"{table.name}.{sorted(missing)} is in no list of app/privacy.py: add it to "
            "PERSONAL_COLUMNS (about a person: export it, and say what deletion does in POLICY), "
            "SECRET_COLUMNS or OTHER_COLUMNS"
        )
        assert set(listed) <= {c.name for c in table.columns}, f"{table.name}: unknown column"
    for listing in (PERSONAL_COLUMNS, SECRET_COLUMNS, OTHER_COLUMNS):
        assert set(listing) <= set(POLICY)


def test_tables_that_hold_nobody_have_no_personal_columns(app):
    for table, line in POLICY.items():
        if line == "-":
            assert set(columns_of(table).values()) == {"other"}, table


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
            "group_id": everywhere["group_id"],
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


def anas_rows(ana_id: int):
    """(table, row) for every row that is Ana's: a user column names her (not someone hiding
    her), or, for a row without a user column, its profile, challenge or practice is hers."""
    owned_parents = {
        "profile_id": {
            r["id"] for r in all_rows(db.metadata.tables["profile"]) if r["user_id"] == ana_id
        },
        "challenge_id": {
            r["id"] for r in all_rows(db.metadata.tables["challenge"]) if r["author_id"] == ana_id
        },
        "practice_id": {
            r["id"] for r in all_rows(db.metadata.tables["practice"]) if r["author_id"] == ana_id
        },
    }
    for table in db.metadata.sorted_tables:
        user_columns = [
            c.name for c in table.columns for fk in c.foreign_keys if fk.column.table.name == "user"
        ]
        if table.name == "user":
            user_columns = ["id"]
        naming = [c for c in user_columns if f"{table.name}.{c}" not in OTHERS_ABOUT_HER]
        for row in all_rows(table):
            if table.name == "login_attempt":  # kept by email, not by user id
                if row["email"] == ANA_EMAIL:
                    yield table, row
            elif user_columns:
                if any(row[c] == ana_id for c in naming):
                    yield table, row
            elif any(row.get(key) in ids for key, ids in owned_parents.items()):
                yield table, row


ANA_EMAIL = "ana@example.eu"
# Rows that name Ana but are someone else's record (Bo hiding her from his suggestions).
OTHERS_ABOUT_HER = {"hidden_suggestion.hidden_user_id"}


def personal_text_columns(table):
    kinds = columns_of(table.name)
    return [
        c.name
        for c in table.columns
        if kinds.get(c.name) == "personal" and isinstance(c.type, String | Text)
    ]


def test_the_fixture_fills_every_personal_text_column_of_anas_rows(everywhere):
    filled = {
        (table.name, column)
        for table, row in anas_rows(everywhere["ana"].id)
        for column in personal_text_columns(table)
        if row[column]
    }
    wanted = {
        (table.name, column)
        for table in db.metadata.sorted_tables
        for column in personal_text_columns(table)
    }
    assert not sorted(wanted - filled), "\n".join(map(str, sorted(wanted - filled)))


def test_every_personal_text_of_the_persons_rows_is_in_their_export(everywhere):
    exported = json.dumps(
        everywhere["client"].get("/account/export.json").get_json(), ensure_ascii=False
    )

    missing = [
        f"{table.name}.{column}={row[column]!r}"
        for table, row in anas_rows(everywhere["ana"].id)
        for column in personal_text_columns(table)
        if row[column] and json.dumps(row[column], ensure_ascii=False)[1:-1] not in exported
    ]
    assert missing == []


def test_the_export_holds_no_secret(everywhere):
    exported = json.dumps(everywhere["client"].get("/account/export.json").get_json())
    secrets = [
        (table.name, column, row[column])
        for table, row in anas_rows(everywhere["ana"].id)
        for column in SECRET_COLUMNS.get(table.name, "").split()
    ]
    assert {name for name, _, _ in secrets} == set(SECRET_COLUMNS)  # each kind was looked at
    assert [f"{t}.{c}" for t, c, value in secrets if value and value in exported] == []


def test_the_export_holds_practices_meetings_messages_and_tokens(everywhere, make_user):
    bo = everywhere["bo"]
    theirs = make_practice(bo, title="Bo's cluster barometer")
    db.session.add(PracticeCoauthor(practice_id=theirs.id, user_id=everywhere["ana"].id))
    event_id = db.session.scalar(select(MeetingEvent.id))
    db.session.add(
        MeetingWish(
            event_id=event_id, requester_id=bo.id, target_id=everywhere["ana"].id, choice="want"
        )
    )
    db.session.commit()

    data = everywhere["client"].get("/account/export.json").get_json()

    practices = {p["title"]: p["role"] for p in data["practices"]}
    assert practices == {"Member speed-dating": "author", "Bo's cluster barometer": "co-author"}
    assert [a["story"] for a in data["practice_adoptions"]] == ["ANA-ADOPTION-STORY"]
    assert [f["reason"] for f in data["practice_flags"]] == ["Outdated"]
    assert "ANA-VERSION-NOTE" in [v["note"] for v in data["practice_versions"]]
    assert data["meetings"]["registrations"][0]["available_json"].endswith("424242]")
    assert data["meetings"]["wishes"][0]["decline_reason"] == "ANA-WISH-DECLINED"
    assert [w["choice"] for w in data["meetings"]["wishes_received"]] == ["want"]
    assert data["meetings"]["meetings"][0]["outcome"] == "joint_action"
    assert data["introductions"][0]["messages"] == [
        {**data["introductions"][0]["messages"][0], "body": "Tuesday?", "from": "me"}
    ]
    [token] = data["api_tokens"]
    assert token["name"] == "CRM sync" and "token_hash" not in token


def test_deleting_recounts_the_adopters_of_the_practices_they_adopted(everywhere):
    practice = db.session.scalar(select(Practice))
    practice.adopters_count = 1
    db.session.commit()

    everywhere["client"].post("/account/delete", data={"password": PASSWORD, "confirm": "y"})

    assert db.session.get(Practice, practice.id).adopters_count == 0


def test_deleting_forgets_their_wishes_in_the_last_schedule_build(everywhere):
    event = db.session.scalar(select(MeetingEvent))
    ana, bo = everywhere["ana"].id, everywhere["bo"].id
    event.last_build_json = json.dumps(
        {
            "unscheduled": [
                {"from": str(ana), "to": str(bo), "why": "no common free slot"},
                {"from": str(bo), "to": "99", "why": "tables full"},
            ],
            "summary": {"meetings": 1},
        }
    )
    db.session.commit()

    everywhere["client"].post("/account/delete", data={"password": PASSWORD, "confirm": "y"})

    build = json.loads(db.session.get(MeetingEvent, event.id).last_build_json)
    assert build == {
        "unscheduled": [{"from": str(bo), "to": "99", "why": "tables full"}],
        "summary": {"meetings": 1},
    }
