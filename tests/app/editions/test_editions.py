"""Editions, sessions, homework, the dashboard, and who may reach which page."""

from __future__ import annotations

from datetime import date

import pytest
from flask import render_template_string

from app.extensions import db
from app.models import Edition
from app.models.coaching import CoachingSession, Homework, HomeworkSubmission

EDITION = {
    "name": "5th Academy",
    "place": "Sofia",
    "online_start": "2026-12-01",
    "online_end": "2026-12-02",
    "in_person_start": "2027-03-02",
    "in_person_end": "2027-03-03",
    "min_size": 25,
    "max_size": 40,
    "application_deadline": "2026-10-31",
    "applications_open": "y",
}


def test_coach_sees_the_editions_list(login, coach, edition):
    response = login(coach).get("/editions/")
    assert response.status_code == 200 and b"4th Academy" in response.data


def test_coach_creates_an_edition_with_dates_and_call(login, coach):
    response = login(coach).post("/editions/new", data=EDITION)
    assert response.status_code == 302
    edition = db.session.scalars(db.select(Edition).filter_by(name="5th Academy")).one()
    assert (
        edition.online_start == date(2026, 12, 1)
        and edition.applications_open
        and edition.place == "Sofia"
    )


def test_new_edition_form_renders(login, coach):
    assert b"Online days start" in login(coach).get("/editions/new").data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, b"Give the edition a name"),
        ({"online_end": "2026-11-01"}, b"Online end cannot be before"),
        ({"in_person_end": "2027-03-01"}, b"In-person end cannot be before"),
        ({"min_size": 30, "max_size": 20}, b"Largest cohort must be at least"),
        ({"application_deadline": ""}, b"Set a deadline before opening"),
        ({"name": "x" * 121}, b"Name: 120 characters at most"),
    ],
)
def test_bad_edition_input_is_explained(login, coach, changes, message):
    response = login(coach).post("/editions/new", data=EDITION | changes)
    assert response.status_code == 200 and message in response.data
    assert b'aria-invalid="true"' in response.data


def test_coach_edits_an_edition(login, coach, edition):
    client = login(coach)
    assert b"Edit 4th Academy" in client.get(f"/editions/{edition.id}/edit").data
    response = client.post(
        f"/editions/{edition.id}/edit", data=EDITION | {"name": "4th Academy (Sofia)"}
    )
    assert response.status_code == 302 and edition.name == "4th Academy (Sofia)"


def test_edition_overview(login, coach, edition):
    response = login(coach).get(f"/editions/{edition.id}")
    assert response.status_code == 200 and b"Participants (12" in response.data


def test_toggling_the_call(login, coach, edition):
    client = login(coach)
    client.post(f"/editions/{edition.id}/call")
    assert not edition.applications_open
    client.post(f"/editions/{edition.id}/call")
    assert edition.applications_open


def test_opening_a_call_without_deadline_is_refused(login, coach, make_edition):
    edition = make_edition(name="No deadline")
    login(coach).post(f"/editions/{edition.id}/call")
    assert not edition.applications_open


def test_sessions_are_created_listed_and_edited(login, coach, edition):
    client = login(coach)
    data = {
        "title": "In-person day 1",
        "mode": "in_person",
        "starts_at": "2027-03-02T09:00",
        "duration_minutes": 120,
    }
    assert b"Starts at" in client.get(f"/editions/{edition.id}/sessions/new").data
    assert client.post(f"/editions/{edition.id}/sessions/new", data=data).status_code == 302
    session = db.session.scalars(db.select(CoachingSession)).one()
    assert session.mode == "in_person" and session.starts_at.hour == 9
    assert b"In-person day 1" in client.get(f"/editions/{edition.id}/sessions").data
    assert client.get(f"/editions/sessions/{session.id}/edit").status_code == 200
    assert (
        client.post(
            f"/editions/sessions/{session.id}/edit", data=data | {"title": "Day 3"}
        ).status_code
        == 302
    )
    assert session.title == "Day 3"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, b"Give the session a title"),
        ({"starts_at": ""}, b"Give a date and time"),
        ({"duration_minutes": 5}, b"Number must be between 10 and 600"),
    ],
)
def test_bad_session_input_is_explained(login, coach, edition, changes, message):
    data = {
        "title": "Day",
        "mode": "online",
        "starts_at": "2027-03-02T09:00",
        "duration_minutes": 60,
    } | changes
    response = login(coach).post(f"/editions/{edition.id}/sessions/new", data=data)
    assert response.status_code == 200 and message in response.data


def test_homework_round_trip(login, coach, edition):
    member = edition.members[0].user
    client = login(coach)
    assert client.get(f"/editions/{edition.id}/homework/new").status_code == 200
    response = client.post(
        f"/editions/{edition.id}/homework/new",
        data={
            "title": "Map your members",
            "instructions": "List **three** services.",
            "due_on": "2027-02-01",
        },
    )
    assert response.status_code == 302
    homework = db.session.scalars(db.select(Homework)).one()
    assert b"Map your members" in client.get(f"/editions/{edition.id}/homework").data
    participant_client = login(member)
    assert b"Submit your answer" in participant_client.get(f"/editions/homework/{homework.id}").data
    assert (
        participant_client.post(
            f"/editions/homework/{homework.id}/submit",
            data={"text": "Matchmaking, training, export desk.", "link": "https://example.eu/plan"},
        ).status_code
        == 302
    )
    submission = db.session.scalars(db.select(HomeworkSubmission)).one()
    assert b"Matchmaking" in client.get(f"/editions/homework/{homework.id}").data
    assert (
        client.post(
            f"/editions/submissions/{submission.id}/feedback", data={"feedback": "Good start."}
        ).status_code
        == 302
    )
    assert b"Good start." in participant_client.get(f"/editions/homework/{homework.id}").data
    assert b"feedback received" in participant_client.get("/editions/my-groups").data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, b"Write your answer"),
        ({"text": "ok", "link": "not a url"}, b"Link: give a full web address"),
    ],
)
def test_bad_homework_submission_is_explained(login, edition, data, message):
    homework = Homework(
        edition_id=edition.id, title="Plan", instructions="Do it", due_on=date(2027, 1, 1)
    )
    db.session.add(homework)
    db.session.flush()
    response = login(edition.members[0].user).post(
        f"/editions/homework/{homework.id}/submit", data=data
    )
    assert response.status_code == 400 and message in response.data


def test_outsider_cannot_read_or_submit_homework(login, participant, edition):
    homework = Homework(
        edition_id=edition.id, title="Plan", instructions="Do it", due_on=date(2027, 1, 1)
    )
    db.session.add(homework)
    db.session.flush()
    client = login(participant)
    assert client.get(f"/editions/homework/{homework.id}").status_code == 403
    assert (
        client.post(f"/editions/homework/{homework.id}/submit", data={"text": "x"}).status_code
        == 403
    )


def test_empty_feedback_is_refused(login, coach, edition):
    homework = Homework(
        edition_id=edition.id, title="Plan", instructions="Do it", due_on=date(2027, 1, 1)
    )
    db.session.add(homework)
    db.session.flush()
    submission = HomeworkSubmission(
        homework_id=homework.id, user_id=edition.members[0].user_id, text="x"
    )
    db.session.add(submission)
    db.session.flush()
    login(coach).post(f"/editions/submissions/{submission.id}/feedback", data={"feedback": ""})
    assert submission.feedback == ""


def test_dashboard_shows_coverage_homework_and_who_met_whom(app, login, coach, edition, generated):
    from app.editions.breakouts.services import publish

    with app.test_request_context():
        publish(generated[0].session)
    response = login(coach).get(f"/editions/{edition.id}/dashboard")
    assert response.status_code == 200
    assert b'<svg id="met-matrix"' in response.data and b"round(s) together" in response.data
    assert b"introductions requested" in response.data


def test_my_groups_partial_renders_for_the_home_page(app, login, edition, generated):
    from app.editions.breakouts.services import publish

    with app.test_request_context():
        publish(generated[0].session)
    db.session.commit()
    member = generated[0].groups[0].members[0].user
    with app.test_request_context():
        from flask_login import login_user

        login_user(member)
        html = render_template_string('{% include "editions/_my_groups.html" ignore missing %}')
    assert "My breakout groups" in html and generated[0].groups[0].members[1].user.name in html


def test_homework_link_must_be_a_web_address(login, edition):
    homework = Homework(
        edition_id=edition.id, title="Plan", instructions="Do it", due_on=date(2027, 1, 1)
    )
    db.session.add(homework)
    db.session.flush()
    response = login(edition.members[0].user).post(
        f"/editions/homework/{homework.id}/submit",
        data={"text": "ok", "link": "javascript://alert(1)"},
    )
    assert response.status_code == 400 and b"Link: give a full web address" in response.data


def test_dashboard_counts_participants_introductions(login, coach, edition):
    from app.models import Introduction

    first, second = (m.user_id for m in edition.members[:2])
    db.session.add(
        Introduction(sender_id=first, recipient_id=second, status="accepted", message="Hello")
    )
    db.session.flush()
    response = login(coach).get(f"/editions/{edition.id}/dashboard")
    assert b'<strong id="introductions-count">1</strong>' in response.data
