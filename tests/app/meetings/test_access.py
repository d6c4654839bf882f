"""Who may reach which meetings route: anonymous, participant, alumni, coach, admin."""

from __future__ import annotations

import pytest

ROLES = ("anonymous", "participant", "alumni", "coach", "admin")

# (method, path template, allowed roles, status for the allowed)
ORGANISER = ("coach", "admin")
EVERYONE = ("participant", "alumni", "coach", "admin")
ROUTES = [
    ("get", "/meetings/", EVERYONE, 200),
    ("get", "/meetings/{event}", EVERYONE, 200),
    ("get", "/meetings/{event}/agenda", EVERYONE, 200),
    ("get", "/meetings/{event}/agenda.ics", EVERYONE, 200),
    ("get", "/meetings/new", ORGANISER, 200),
    ("get", "/meetings/{event}/edit", ORGANISER, 200),
    ("post", "/meetings/{event}/edit", ORGANISER, 200),  # an empty form is shown with its errors
    ("get", "/meetings/{event}/schedule", ORGANISER, 200),
    ("post", "/meetings/{event}/build", ORGANISER, 302),
    ("post", "/meetings/{event}/meetings/{meeting}/lock", ORGANISER, 302),
    ("post", "/meetings/{event}/meetings/{meeting}/move", ORGANISER, 400),  # no slot given
    ("post", "/meetings/{event}/publish", ORGANISER, 302),
    ("post", "/meetings/{event}/phase", ORGANISER, 400),  # no phase given
    ("get", "/meetings/{event}/print/people", ORGANISER, 200),
    ("get", "/meetings/{event}/print/tables", ORGANISER, 200),
    ("get", "/meetings/{event}/report", ORGANISER, 200),
    ("post", "/meetings/{event}/meetings/{meeting}/cancel", ORGANISER, 302),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "allowed", "status"), ROUTES, ids=[r[1] + " " + r[0] for r in ROUTES]
)
def test_route_access_by_role(
    client, login, make_user, scheduled, role, method, path, allowed, status
):
    event, _, _, meeting = scheduled
    event.phase = "published"
    url = path.format(event=event.id, meeting=meeting.id)
    browser = client if role == "anonymous" else login(make_user(role=role))
    response = getattr(browser, method)(url)
    if role == "anonymous":
        assert response.status_code == 302 and "/login" in response.location
    elif role in allowed:
        assert response.status_code == status
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ("participant", "alumni"))
def test_participants_see_no_organiser_buttons(login, make_user, scheduled, role):
    event, _, _, _ = scheduled
    page = login(make_user(role=role)).get(f"/meetings/{event.id}")
    assert b"Build schedule" not in page.data and b"Schedule</a>" not in page.data


def test_the_nav_has_a_meetings_entry(login, make_user):
    page = login(make_user()).get("/meetings/")
    assert b">Meetings</a>" in page.data


def test_an_edition_only_event_refuses_outsiders(login, make_event, make_user, make_edition):
    member = make_user()
    edition = make_edition(members=(member,))
    event = make_event(open_to="edition", edition_id=edition.id)
    outsider = login(make_user())
    outsider.post(f"/meetings/{event.id}/register")
    page = outsider.get(f"/meetings/{event.id}").data
    assert b"This event is for the participants of" in page and b"Save availability" not in page
    login(member).post(f"/meetings/{event.id}/register")
    assert b"Save availability" in login(member).get(f"/meetings/{event.id}").data


def test_a_participant_cannot_follow_up_someone_elses_meeting(login, make_user, scheduled):
    event, _, _, meeting = scheduled
    response = login(make_user()).post(
        f"/meetings/{event.id}/follow-up/{meeting.id}", data={"held": "yes"}
    )
    assert response.status_code == 404
