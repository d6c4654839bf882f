"""Editing a meeting event after creation: what may change, what is refused, who is told.

The fixture event: 10 March 2027, 09:00-10:30 Lisbon time, 30-minute slots (three), tables A and B.
"""

from __future__ import annotations

import icalendar
import pytest
from sqlalchemy import select

from app.extensions import db
from app.meetings import services
from app.models import Meeting, MeetingEvent, MeetingParticipant, MeetingSlot, Notification

FORM = {
    "name": "Matchmaking day Lisbon",
    "place": "Lisbon",
    "timezone": "Europe/Lisbon",
    "first_day": "2027-03-10",
    "last_day": "",
    "window_start": "09:00",
    "window_end": "10:30",
    "slot_minutes": "30",
    "breaks": "",
    "table_names": "Table A\nTable B",
    "min_meetings": "1",
    "max_meetings": "3",
    "wish_cap": "5",
}


def edit(client, event, **changes):
    return client.post(f"/meetings/{event.id}/edit", data=FORM | changes)


def slot_times(event) -> list[str]:
    db.session.expire_all()
    slots = db.session.scalars(
        select(MeetingSlot).filter_by(event_id=event.id).order_by(MeetingSlot.starts_at)
    )
    return [f"{s.starts_at:%H:%M}" for s in slots]  # UTC (= Lisbon time in March)


def test_the_edit_form_is_filled_with_the_event_as_it_is(login, coach, event):
    page = login(coach).get(f"/meetings/{event.id}/edit").get_data(as_text=True)
    assert 'value="Matchmaking day Lisbon"' in page and 'value="09:00"' in page
    assert 'value="10:30"' in page and 'value="2027-03-10"' in page and "Save changes" in page
    assert 'name="open_to"' not in page  # who may take part stays as registered


def test_an_organiser_renames_moves_and_lengthens_the_day(login, coach, event):
    response = edit(
        login(coach),
        event,
        name="Lisbon brokerage",
        place="LX Factory",
        window_end="11:30",
        breaks="10:00-10:30",
    )
    assert response.status_code == 302
    db.session.expire_all()
    changed = db.session.get(MeetingEvent, event.id)
    assert (changed.name, changed.place) == ("Lisbon brokerage", "LX Factory")
    assert slot_times(event) == ["09:00", "09:30", "10:30", "11:00"]


def test_unchanged_slots_keep_their_ids_so_availability_stays(login, coach, registered):
    event, ana, _ = registered
    first = event.slots[0].id
    services.set_availability(
        db.session.scalar(select(MeetingParticipant).filter_by(user_id=ana.id)), slot_ids={first}
    )
    db.session.commit()
    edit(login(coach), event, wish_cap="9", max_meetings="2")
    db.session.expire_all()
    participant = db.session.scalar(select(MeetingParticipant).filter_by(user_id=ana.id))
    assert participant.available_slot_ids == {first}
    assert db.session.get(MeetingEvent, event.id).wish_cap == 9


def test_removing_a_slot_with_a_meeting_is_refused_at_the_field_and_nothing_changes(
    login, coach, scheduled
):
    event, _, _, meeting = scheduled
    at = f"{meeting.slot.starts_at:%H:%M}"
    response = edit(login(coach), event, slot_minutes="45", name="Renamed")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="slot_minutes-error"' in page and "holding 1 meeting" in page
    assert "Ana Kovač and João Ferreira" in page and "move or cancel those meetings" in page
    db.session.expire_all()
    assert db.session.get(MeetingEvent, event.id).name == "Matchmaking day Lisbon"
    assert at in slot_times(event) and len(slot_times(event)) == 3


def test_a_time_zone_change_that_moves_booked_slots_is_refused_at_the_time_zone(
    login, coach, scheduled
):
    event, _, _, _ = scheduled
    response = edit(login(coach), event, timezone="Asia/Tokyo")  # 09:00 there is 00:00 UTC
    assert b'id="timezone-error"' in response.data and b"holding 1 meeting" in response.data


def test_removing_a_table_with_a_meeting_is_refused(login, coach, scheduled):
    event, _, _, meeting = scheduled
    meeting.table = 2
    db.session.commit()
    response = edit(login(coach), event, table_names="Table A")
    assert b'id="table_names-error"' in response.data and b"Table B would go" in response.data
    assert db.session.get(MeetingEvent, event.id).tables == ["Table A", "Table B"]


def test_a_maximum_below_someones_meetings_is_refused(login, coach, make_user, scheduled):
    event, ana, _, meeting = scheduled
    other = make_user(name="Bo Berg")
    services.register(event, other)
    db.session.add(
        Meeting(
            event_id=event.id,
            slot_id=next(s.id for s in event.slots if s.id != meeting.slot_id),
            a_id=min(ana.id, other.id),
            b_id=max(ana.id, other.id),
        )
    )
    db.session.commit()
    response = edit(login(coach), event, max_meetings="1")
    assert b'id="max_meetings-error"' in response.data
    assert "Ana Kovač has 2 meetings already" in response.get_data(as_text=True)
    assert db.session.get(MeetingEvent, event.id).max_meetings == 3


def test_a_free_slot_goes_and_leaves_the_availability_of_those_who_marked_it(
    login, coach, registered
):
    event, ana, joao = registered
    last = event.slots[-1].id
    services.set_availability(
        db.session.scalar(select(MeetingParticipant).filter_by(user_id=ana.id)),
        slot_ids={event.slots[0].id, last},
    )
    db.session.commit()
    assert edit(login(coach), event, window_end="10:00").status_code == 302
    db.session.expire_all()
    participant = db.session.scalar(select(MeetingParticipant).filter_by(user_id=ana.id))
    assert last not in participant.available_slot_ids and len(slot_times(event)) == 2
    told = db.session.scalars(select(Notification.message).filter_by(user_id=ana.id)).all()
    assert any("changed the time slots" in m for m in told)
    # João never chose slots (free in all): nothing changes for him, nobody tells him.
    assert not db.session.scalars(select(Notification).filter_by(user_id=joao.id)).all()


def test_a_new_place_raises_sequence_and_tells_both_after_publishing(login, coach, scheduled):
    event, ana, joao, meeting = scheduled
    login(coach).post(f"/meetings/{event.id}/publish")
    before = db.session.get(Meeting, meeting.id).sequence
    assert edit(login(coach), event, place="Porto").status_code == 302
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).sequence == before + 1
    (entry,) = icalendar.Calendar.from_ical(
        login(ana).get(f"/meetings/{event.id}/agenda.ics").data
    ).walk("VEVENT")
    assert "Porto" in str(entry["LOCATION"]) and int(entry["SEQUENCE"]) == before + 1
    for user in (ana, joao):
        told = db.session.scalars(select(Notification.message).filter_by(user_id=user.id))
        assert any("details of your meetings" in m for m in told)


def test_renaming_only_another_table_leaves_the_meeting_alone(login, coach, scheduled):
    event, _, _, meeting = scheduled
    meeting.table = 1
    db.session.commit()
    edit(login(coach), event, table_names="Table A\nGarden")
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).sequence == 0
    edit(login(coach), event, table_names="Terrace\nGarden")
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).sequence == 1


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"timezone": "Mars/Olympus"}, "timezone", b"is not a time zone"),
        ({"breaks": "08:00-08:30"}, "breaks", b"outside the day"),
        ({"min_meetings": "5"}, "min_meetings", b"The minimum cannot be above the maximum."),
        ({"name": ""}, "name", b"This field is required."),
    ],
)
def test_bad_edits_are_shown_at_their_field(login, coach, event, changes, field, message):
    response = edit(login(coach), event, **changes)
    assert response.status_code == 200 and message in response.data
    assert f'id="{field}-error"'.encode() in response.data
    assert db.session.get(MeetingEvent, event.id).name == "Matchmaking day Lisbon"
