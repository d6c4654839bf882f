"""Meeting days end to end through the routes: set up, register, wishes, build, move, publish."""

from __future__ import annotations

import icalendar
import pytest
from sqlalchemy import select

from app.extensions import db
from app.meetings import services
from app.models import Meeting, MeetingEvent, MeetingParticipant, MeetingWish, Notification
from tests.conftest import HTMX

EVENT_FORM = {
    "name": "Brokerage day Graz",
    "place": "Graz",
    "timezone": "Europe/Vienna",
    "edition_id": "0",
    "open_to": "anyone",
    "first_day": "2027-05-04",
    "last_day": "",
    "window_start": "09:00",
    "window_end": "12:00",
    "slot_minutes": "20",
    "breaks": "10:20-10:40",
    "table_names": "Table 1\nTable 2\nTable 3",
    "min_meetings": "2",
    "max_meetings": "6",
    "wish_cap": "10",
}


def test_organiser_creates_an_event_with_slots_around_the_break(login, coach):
    response = login(coach).post("/meetings/new", data=EVENT_FORM)
    assert response.status_code == 302
    event = db.session.scalar(select(MeetingEvent))
    # 09:00-10:20 is four slots, 10:40-12:00 four more: the break is kept free.
    assert len(event.slots) == 8
    assert event.tables == ["Table 1", "Table 2", "Table 3"]
    page = login(coach).get(f"/meetings/{event.id}")
    assert b"Brokerage day Graz" in page.data


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"breaks": "08:00-08:30"}, "breaks", b"outside the day"),
        ({"breaks": "10:00-10:30\n10:15-10:45"}, "breaks", b"two breaks overlap"),
        ({"breaks": "ten to eleven"}, "breaks", b"is not a break like 12:30-13:30"),
        ({"window_end": "08:00"}, "window_end", b"the day must end after it starts"),
        ({"slot_minutes": "3"}, "slot_minutes", b"Number must be between 5 and 60"),
        ({"min_meetings": "7"}, "min_meetings", b"The minimum cannot be above the maximum."),
        ({"timezone": "Mars/Olympus"}, "timezone", b"is not a time zone"),
        ({"table_names": ""}, "table_names", b"This field is required."),
        ({"open_to": "edition"}, "edition_id", b"Choose the edition"),
    ],
)
def test_bad_event_input_is_shown_at_its_field_and_nothing_is_written(
    login, coach, changes, field, message
):
    response = login(coach).post("/meetings/new", data=EVENT_FORM | changes)
    assert response.status_code == 200
    assert message in response.data
    assert f'id="{field}-error"'.encode() in response.data
    assert db.session.scalar(select(MeetingEvent)) is None


def test_a_participant_registers_and_marks_availability(login, event, ana):
    client = login(ana)
    assert client.post(f"/meetings/{event.id}/register").status_code == 302
    first = event.slots[0].id
    response = client.post(f"/meetings/{event.id}/availability", data={"slots": [first]})
    assert response.status_code == 302
    participant = db.session.scalar(select(MeetingParticipant).filter_by(user_id=ana.id))
    assert participant.available_slot_ids == {first}


def test_availability_with_htmx_returns_the_form_fragment(login, registered):
    event, ana, _ = registered
    response = login(ana).post(
        f"/meetings/{event.id}/availability", data={"slots": [event.slots[1].id]}, headers=HTMX
    )
    assert response.status_code == 200
    assert b"<html" not in response.data
    assert b"Availability saved." in response.data


def test_availability_naming_an_unknown_slot_is_refused_and_nothing_changes(login, registered):
    event, ana, _ = registered
    response = login(ana).post(
        f"/meetings/{event.id}/availability", data={"slots": [999999]}, headers=HTMX
    )
    assert response.status_code == 200  # htmx swaps only 2xx: the error is in the fragment
    assert b"is not one of this event" in response.data
    participant = db.session.scalar(select(MeetingParticipant).filter_by(user_id=ana.id))
    assert participant.available_json is None


def test_wish_buttons_use_the_interface_words(login, registered):
    event, ana, joao = registered
    page = login(ana).get(f"/meetings/{event.id}")
    for words in (b"Must meet", b"Would like to meet", b"No thanks"):
        assert words in page.data
    assert "João Ferreira".encode() in page.data


def test_a_wish_with_htmx_returns_the_buttons_and_tells_the_other_person(login, registered):
    event, ana, joao = registered
    response = login(ana).post(
        f"/meetings/{event.id}/wish", data={"target": joao.id, "choice": "must"}, headers=HTMX
    )
    assert response.status_code == 200
    assert b'aria-pressed="true">Must meet' in response.data
    assert b"<html" not in response.data
    note = db.session.scalar(select(Notification).filter_by(user_id=joao.id))
    assert "Ana Kovač would like to meet you" in note.message


def test_a_wish_without_htmx_redirects_to_the_event(login, registered):
    event, ana, joao = registered
    response = login(ana).post(
        f"/meetings/{event.id}/wish", data={"target": joao.id, "choice": "want"}
    )
    assert response.status_code == 302
    assert db.session.scalar(select(MeetingWish)).choice == "want"


@pytest.mark.parametrize(
    "target, message",
    [("self", b"you cannot ask to meet yourself"), ("stranger", b"has not registered")],
)
def test_a_wish_to_oneself_or_a_non_participant_is_refused(
    login, registered, make_user, target, message
):
    event, ana, _ = registered
    target_id = ana.id if target == "self" else make_user(name="Stranger").id
    response = login(ana).post(
        f"/meetings/{event.id}/wish", data={"target": target_id, "choice": "must"}, headers=HTMX
    )
    assert response.status_code == 200
    assert message in response.data
    assert db.session.scalar(select(MeetingWish)) is None


def test_outgoing_wishes_are_capped(app, login, make_event, make_user, ana):
    event = make_event(wish_cap=1)
    others = [make_user() for _ in range(2)]
    for user in (ana, *others):
        services.register(event, user)
    db.session.commit()
    client = login(ana)
    client.post(f"/meetings/{event.id}/wish", data={"target": others[0].id, "choice": "want"})
    response = client.post(
        f"/meetings/{event.id}/wish", data={"target": others[1].id, "choice": "want"}, headers=HTMX
    )
    assert response.status_code == 200
    assert b"you already have 1 wishes" in response.data
    assert len(db.session.scalars(select(MeetingWish)).all()) == 1
    # "No thanks" is not a wish to meet, so the cap does not stop it.
    ok = client.post(
        f"/meetings/{event.id}/wish", data={"target": others[1].id, "choice": "no"}, headers=HTMX
    )
    assert ok.status_code == 200


def test_no_thanks_is_never_shown_to_the_person_it_is_about(app, login, registered):
    event, ana, joao = registered
    with app.test_request_context():
        services.set_wish(event, ana, target_id=joao.id, choice="no")
    db.session.commit()
    page = login(joao).get(f"/meetings/{event.id}")
    assert "Ana Kovač".encode() not in page.data.split(b'id="asked"')[1]


def test_the_asked_person_declines_and_the_asker_never_sees_it(app, login, registered):
    event, ana, joao = registered
    with app.test_request_context():
        wish = services.set_wish(event, ana, target_id=joao.id, choice="want")
    db.session.commit()
    response = login(joao).post(
        f"/meetings/{event.id}/asked/{wish.id}",
        data={"answer": "decline", "reason": "We already work together"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert b"You declined: We already work together." in response.data
    page = login(ana).get(f"/meetings/{event.id}")
    assert b"declined" not in page.data and b"We already work together" not in page.data


def test_accepting_without_htmx_redirects(app, login, registered):
    event, ana, joao = registered
    with app.test_request_context():
        wish = services.set_wish(event, ana, target_id=joao.id, choice="must")
    db.session.commit()
    response = login(joao).post(f"/meetings/{event.id}/asked/{wish.id}", data={"answer": "accept"})
    assert response.status_code == 302
    assert db.session.get(MeetingWish, wish.id).answer == "accepted"


def test_nobody_answers_a_wish_addressed_to_someone_else(app, login, registered, make_user):
    event, ana, joao = registered
    with app.test_request_context():
        wish = services.set_wish(event, ana, target_id=joao.id, choice="must")
    db.session.commit()
    response = login(make_user()).post(
        f"/meetings/{event.id}/asked/{wish.id}", data={"answer": "accept"}
    )
    assert response.status_code == 404


def test_build_schedule_puts_the_wished_pair_on_the_grid(login, coach, registered):
    event, ana, joao = registered
    login(ana).post(f"/meetings/{event.id}/wish", data={"target": joao.id, "choice": "must"})
    response = login(coach).post(f"/meetings/{event.id}/build")
    assert response.status_code == 302
    meeting = db.session.scalar(select(Meeting))
    assert {meeting.a_id, meeting.b_id} == {ana.id, joao.id}
    assert any("Must meet" in reason for reason in meeting.reasons)
    grid = login(coach).get(f"/meetings/{event.id}/schedule")
    assert b"Build schedule" in grid.data and b"Publish schedule" in grid.data
    assert "Ana Kovač</strong> + <strong>João Ferreira".encode() in grid.data or (
        "João Ferreira</strong> + <strong>Ana Kovač".encode() in grid.data
    )


def test_build_with_htmx_returns_the_grid_fragment(login, coach, registered):
    event, _, _ = registered
    response = login(coach).post(f"/meetings/{event.id}/build", headers=HTMX)
    assert response.status_code == 200
    assert b'id="schedule-grid"' in response.data and b"<html" not in response.data


def test_moving_a_meeting_keeps_its_uid_and_raises_its_sequence(login, coach, scheduled):
    event, _, _, meeting = scheduled
    uid, target = meeting.uid, next(s for s in event.slots if s.id != meeting.slot_id)
    response = login(coach).post(
        f"/meetings/{event.id}/meetings/{meeting.id}/move",
        data={"slot": target.id, "table": 2},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert b'id="schedule-grid"' in response.data and b"<html" not in response.data
    moved = db.session.get(Meeting, meeting.id)
    assert (moved.slot_id, moved.table, moved.uid, moved.sequence) == (target.id, 2, uid, 1)


def test_a_move_without_htmx_redirects_to_the_schedule(login, coach, scheduled):
    event, _, _, meeting = scheduled
    response = login(coach).post(
        f"/meetings/{event.id}/meetings/{meeting.id}/move",
        data={"slot": meeting.slot_id, "table": 2},
    )
    assert response.status_code == 302
    assert db.session.get(Meeting, meeting.id).table == 2


def test_a_move_into_an_unavailable_slot_is_refused(app, login, coach, scheduled):
    event, ana, _, meeting = scheduled
    participant = db.session.scalar(select(MeetingParticipant).filter_by(user_id=ana.id))
    services.set_availability(participant, slot_ids={meeting.slot_id})
    db.session.commit()
    other = next(s for s in event.slots if s.id != meeting.slot_id)
    response = login(coach).post(
        f"/meetings/{event.id}/meetings/{meeting.id}/move",
        data={"slot": other.id, "table": 1},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Ana Kovač is not available in that slot".encode() in response.data
    assert db.session.get(Meeting, meeting.id).slot_id == meeting.slot_id


def test_a_locked_meeting_survives_a_rebuild_where_it_was_put(login, coach, scheduled):
    event, _, _, meeting = scheduled
    client = login(coach)
    target = event.slots[-1]
    client.post(
        f"/meetings/{event.id}/meetings/{meeting.id}/move", data={"slot": target.id, "table": 2}
    )
    assert client.post(f"/meetings/{event.id}/meetings/{meeting.id}/lock").status_code == 302
    client.post(f"/meetings/{event.id}/build")
    kept = db.session.get(Meeting, meeting.id)
    assert (kept.slot_id, kept.table, kept.locked) == (target.id, 2, True)


def test_cancelling_a_draft_meeting_removes_it(login, coach, scheduled):
    event, _, _, meeting = scheduled
    response = login(coach).post(f"/meetings/{event.id}/meetings/{meeting.id}/cancel", headers=HTMX)
    assert response.status_code == 200
    assert db.session.get(Meeting, meeting.id) is None


def test_publish_notifies_and_both_see_the_meeting_in_my_agenda(login, coach, scheduled):
    event, ana, joao, meeting = scheduled
    assert login(coach).post(f"/meetings/{event.id}/publish").status_code == 302
    for user, other in ((ana, joao), (joao, ana)):
        page = login(user).get(f"/meetings/{event.id}/agenda")
        assert b"My agenda" in page.data and b"Add to calendar (.ics)" in page.data
        assert other.name.encode() in page.data
        assert b"Table A" in page.data or b"Table B" in page.data
        assert b'data-event-zone="Europe/Lisbon"' in page.data
        messages = db.session.scalars(select(Notification.message).filter_by(user_id=user.id))
        assert any("Your agenda for" in m for m in messages)


def test_the_ics_keeps_its_uid_and_raises_sequence_after_a_move(login, coach, scheduled):
    event, ana, _, meeting = scheduled
    login(coach).post(f"/meetings/{event.id}/publish")
    first = icalendar.Calendar.from_ical(login(ana).get(f"/meetings/{event.id}/agenda.ics").data)
    (before,) = first.walk("VEVENT")
    target = next(s for s in event.slots if s.id != meeting.slot_id)
    login(coach).post(
        f"/meetings/{event.id}/meetings/{meeting.id}/move", data={"slot": target.id, "table": 1}
    )
    response = login(ana).get(f"/meetings/{event.id}/agenda.ics")
    assert response.mimetype == "text/calendar"
    (after,) = icalendar.Calendar.from_ical(response.data).walk("VEVENT")
    assert str(after["UID"]) == str(before["UID"]) == meeting.uid
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART") != before.decoded("DTSTART")
    assert str(after.decoded("DTSTART").tzinfo) == "Europe/Lisbon"
    note = db.session.scalars(select(Notification.message).filter_by(user_id=ana.id)).all()
    assert any("has moved" in m for m in note)


def test_a_published_meeting_cancelled_stays_in_the_calendar_as_cancelled(login, coach, scheduled):
    event, ana, _, meeting = scheduled
    login(coach).post(f"/meetings/{event.id}/publish")
    login(coach).post(f"/meetings/{event.id}/meetings/{meeting.id}/cancel")
    (entry,) = icalendar.Calendar.from_ical(
        login(ana).get(f"/meetings/{event.id}/agenda.ics").data
    ).walk("VEVENT")
    assert str(entry["STATUS"]) == "CANCELLED" and int(entry["SEQUENCE"]) == 1


def test_the_agenda_before_publishing_says_so_and_the_ics_is_not_there(login, scheduled):
    event, ana, _, _ = scheduled
    assert b"not published yet" in login(ana).get(f"/meetings/{event.id}/agenda").data
    assert login(ana).get(f"/meetings/{event.id}/agenda.ics").status_code == 404


def test_follow_up_and_the_report_count_outcomes_by_wish_type(login, coach, scheduled):
    event, ana, _, meeting = scheduled
    login(coach).post(f"/meetings/{event.id}/publish")
    assert (
        login(coach).post(f"/meetings/{event.id}/phase", data={"phase": "follow_up"}).status_code
        == 302
    )
    assert b"Did you meet?" in login(ana).get(f"/meetings/{event.id}/agenda").data
    response = login(ana).post(
        f"/meetings/{event.id}/follow-up/{meeting.id}", data={"held": "yes", "outcome": "knowledge"}
    )
    assert response.status_code == 302
    report = login(coach).get(f"/meetings/{event.id}/report")
    assert b"Wish: Must meet" in report.data and b"Knowledge gained" in report.data
    assert db.session.get(Meeting, meeting.id).outcome == "knowledge"


def test_printable_agendas_per_person_and_per_table(login, coach, scheduled):
    event, ana, joao, _ = scheduled
    people = login(coach).get(f"/meetings/{event.id}/print/people")
    assert people.status_code == 200 and "Ana Kovač".encode() in people.data
    tables = login(coach).get(f"/meetings/{event.id}/print/tables")
    assert tables.status_code == 200 and b"Table A" in tables.data


def test_bad_input_without_htmx_redirects_with_the_message(login, registered):
    event, ana, _ = registered
    response = login(ana).post(
        f"/meetings/{event.id}/availability", data={"slots": [999999]}, follow_redirects=True
    )
    assert b"is not one of this event" in response.data


def test_a_refused_move_without_htmx_shows_the_grid_with_the_reason(login, coach, scheduled):
    event, ana, _, meeting = scheduled
    participant = db.session.scalar(select(MeetingParticipant).filter_by(user_id=ana.id))
    services.set_availability(participant, slot_ids={meeting.slot_id})
    db.session.commit()
    other = next(s for s in event.slots if s.id != meeting.slot_id)
    response = login(coach).post(
        f"/meetings/{event.id}/meetings/{meeting.id}/move", data={"slot": other.id, "table": 1}
    )
    assert response.status_code == 400
    assert "Ana Kovač is not available in that slot".encode() in response.data


def test_without_wishes_the_build_fills_slots_with_the_matchers_pairs_and_reasons(
    login, coach, registered
):
    event, ana, joao = registered
    assert login(coach).post(f"/meetings/{event.id}/build").status_code == 302
    meeting = db.session.scalar(select(Meeting))
    assert meeting.kind in ("suggestion", "minimum")
    assert "Different countries: Slovenia ↔ Portugal" in meeting.reasons


def test_building_with_fewer_than_two_participants_says_why(login, coach, event):
    response = login(coach).post(f"/meetings/{event.id}/build", headers=HTMX)
    assert b"at least two people must register first" in response.data
    assert db.session.scalar(select(Meeting)) is None
