"""The six-month follow-up: rating what came of each meeting, and `flask send-meeting-reminders`.

"Today" is passed in (or replaced), never read from the clock, so the dates below are fixed: the
fixture event is on 10 March 2027, its six-month rating is due on 10 September 2027.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.extensions import db
from app.meetings.follow_up import queries as follow_up
from app.meetings.follow_up.services import send_meeting_reminders
from app.models import MeetingRating, MeetingReminder, Notification

DUE = date(2027, 9, 10)


@pytest.fixture
def published(login, coach, scheduled):
    event, ana, joao, meeting = scheduled
    login(coach).post(f"/meetings/{event.id}/publish")
    return event, ana, joao, meeting


def reminders_to(user) -> list[str]:
    return list(
        db.session.scalars(
            select(Notification.message).filter_by(user_id=user.id, event="meeting_follow_up")
        )
    )


def test_the_rating_is_due_six_months_after_the_last_day(published):
    event = published[0]
    assert follow_up.rating_opens_on(event) == DUE
    assert not follow_up.rating_open(event, on=date(2027, 9, 9))
    assert follow_up.rating_open(event, on=DUE)


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (date(2027, 3, 10), 6, date(2027, 9, 10)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2027, 7, 31), 6, date(2028, 1, 31)),
    ],
)
def test_six_months_later_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert follow_up.add_months(day, months) == expected


def test_nothing_is_sent_before_the_rating_is_due(app, published, mailbox):
    with app.app_context():
        assert send_meeting_reminders(today=date(2027, 9, 9)) == 0
    assert mailbox == []


def test_reminders_go_once_per_step_and_never_twice(app, published, mailbox):
    _, ana, joao, _ = published
    assert send_meeting_reminders(today=DUE) == 2  # Ana and João
    assert send_meeting_reminders(today=DUE) == 0  # a second run the same day
    assert send_meeting_reminders(today=date(2027, 9, 23)) == 0  # 13 days later: too soon
    assert send_meeting_reminders(today=date(2027, 9, 24)) == 2  # two weeks: the reminder
    assert send_meeting_reminders(today=date(2027, 12, 24)) == 0  # and nothing after that
    db.session.commit()
    messages = reminders_to(ana)
    assert len(messages) == 2 and messages[1].startswith("Reminder: six months after")
    assert len(reminders_to(joao)) == 2
    steps = db.session.scalars(select(MeetingReminder.step).filter_by(user_id=ana.id)).all()
    assert sorted(steps) == ["due", "reminder"]
    mails = [m for m in mailbox if m["recipient"] == ana.email]
    assert len(mails) == 2 and "/agenda#six-months" in mails[0]["body"]


def test_a_late_first_run_sends_only_the_first_mail(published):
    assert send_meeting_reminders(today=date(2028, 1, 1)) == 2
    assert send_meeting_reminders(today=date(2028, 1, 2)) == 0  # the reminder waits two weeks


def test_whoever_answered_gets_no_reminder(published):
    _, ana, joao, meeting = published
    send_meeting_reminders(today=DUE)
    db.session.add(MeetingRating(meeting_id=meeting.id, user_id=ana.id, outcome="joint_action"))
    db.session.flush()
    assert send_meeting_reminders(today=date(2027, 9, 24)) == 1
    db.session.commit()
    assert len(reminders_to(ana)) == 1 and len(reminders_to(joao)) == 2


def test_a_meeting_that_did_not_happen_or_was_cancelled_is_not_asked_about(published):
    _, _, _, meeting = published
    meeting.held = False
    db.session.commit()
    assert send_meeting_reminders(today=DUE) == 0


def test_an_unpublished_schedule_sends_nothing(scheduled):
    assert send_meeting_reminders(today=DUE) == 0


def test_the_command_sends_and_says_how_many(runner, published):
    result = runner.invoke(args=["send-meeting-reminders", "--today", "2027-09-10"])
    assert result.exit_code == 0 and "Sent 2 six-month follow-up reminder(s)." in result.output
    again = runner.invoke(args=["send-meeting-reminders", "--today", "2027-09-10"])
    assert "Sent 0 " in again.output


def test_a_participant_rates_a_meeting_six_months_on(login, published, monkeypatch):
    event, ana, _, meeting = published
    monkeypatch.setattr(follow_up, "today", lambda: DUE)
    client = login(ana)
    page = client.get(f"/meetings/{event.id}/agenda").data
    assert b"Six months on" in page and b"Cooperation agreement" in page
    response = client.post(
        f"/meetings/{event.id}/six-months/{meeting.id}", data={"outcome": "agreement"}
    )
    assert response.status_code == 302 and response.location.endswith("#six-months")
    assert db.session.scalar(select(MeetingRating.outcome)) == "agreement"
    client.post(f"/meetings/{event.id}/six-months/{meeting.id}", data={"outcome": "knowledge"})
    assert db.session.scalars(select(MeetingRating.outcome)).all() == ["knowledge"]


def test_the_rating_is_refused_before_it_opens_and_says_when(login, published, monkeypatch):
    event, ana, _, meeting = published
    monkeypatch.setattr(follow_up, "today", lambda: date(2027, 3, 11))
    client = login(ana)
    assert (
        b"we will ask what came of each meeting" in client.get(f"/meetings/{event.id}/agenda").data
    )
    client.post(f"/meetings/{event.id}/six-months/{meeting.id}", data={"outcome": "agreement"})
    page = client.get(f"/meetings/{event.id}/agenda").get_data(as_text=True)
    assert "the six-month follow-up opens on 10 September 2027" in page
    assert db.session.scalar(select(MeetingRating)) is None


def test_a_bad_answer_is_refused_with_a_message(login, published, monkeypatch):
    event, ana, _, meeting = published
    monkeypatch.setattr(follow_up, "today", lambda: DUE)
    client = login(ana)
    client.post(f"/meetings/{event.id}/six-months/{meeting.id}", data={"outcome": "fame"})
    assert b"choose one of the four answers" in client.get(f"/meetings/{event.id}/agenda").data
    assert db.session.scalar(select(MeetingRating)) is None


@pytest.mark.parametrize("role", ("anonymous", "other member", "coach", "admin"))
def test_only_the_two_participants_may_rate_their_meeting(
    client, login, make_user, published, monkeypatch, role
):
    event, _, _, meeting = published
    monkeypatch.setattr(follow_up, "today", lambda: DUE)
    roles = {"other member": "participant", "coach": "coach", "admin": "admin"}
    browser = client if role == "anonymous" else login(make_user(role=roles[role]))
    response = browser.post(
        f"/meetings/{event.id}/six-months/{meeting.id}", data={"outcome": "agreement"}
    )
    if role == "anonymous":
        assert response.status_code == 302 and "/login" in response.location
    else:
        assert response.status_code == 404
    assert db.session.scalar(select(MeetingRating)) is None
