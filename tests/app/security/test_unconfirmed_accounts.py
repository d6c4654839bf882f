"""An account whose email is not confirmed is listed nowhere, for any role, and cannot reach out
(issue 11, case 11). The rule lives in app/profile_visibility.py; these tests walk every list of
people: the directory and its search, the map and country counts, ecosystems × countries, the
home page counts, find-peers, the JSON API, the exports, and meeting days."""

from __future__ import annotations

import pytest

from app import maps
from app.extensions import db
from app.main.queries import community_counts
from app.meetings import services as meeting_services
from app.models import Introduction, MeetingParticipant
from app.peers.queries import unsuggestible_user_ids
from app.profile_visibility import can_view_profile
from tests.app.api.conftest import api_as, token_for  # noqa: F401  (fixtures)
from tests.app.peers.conftest import community, give_vectors, unit  # noqa: F401  (fixtures)

UNA = "Una Unconfirmed"
ROLES = ["anonymous", "participant", "coach", "admin"]


@pytest.fixture
def people(make_user):
    """Una (unconfirmed, alone in Malta and in the "textile" ecosystem) and one of each role."""
    una = make_user(
        name=UNA,
        email="una@cluster.mt",
        country="MT",
        ecosystems=["textile"],
        organisation="Malta Marine Cluster",
        verified=False,
    )
    others = {role: make_user(role=role, name=f"Verified {role}") for role in ROLES[1:]}
    db.session.commit()
    return {"una": una, **others}


@pytest.fixture
def as_role(people, client, login):
    """as_role(role) → (viewer, test client) for that role; anonymous is a plain client."""

    def _as(role):
        if role == "anonymous":
            return None, client
        return people[role], login(people[role])

    return _as


def confirm(user):
    from app.auth.registration import confirm_email

    confirm_email(user)
    db.session.commit()


@pytest.mark.parametrize("role", ROLES)
def test_the_directory_and_its_search_never_list_an_unconfirmed_account(people, as_role, role):
    _, client = as_role(role)
    for path in ("/profiles/", "/profiles/?q=Una", "/profiles/?country=MT"):
        assert UNA not in client.get(path).get_data(as_text=True), path

    confirm(people["una"])
    assert UNA in client.get("/profiles/?q=Una").get_data(as_text=True)


@pytest.mark.parametrize("role", ROLES)
def test_an_unconfirmed_profile_page_is_a_404_for_everyone_else(people, as_role, role):
    _, client = as_role(role)
    assert client.get(f"/profiles/{people['una'].profile.id}").status_code == 404


def test_the_owner_still_opens_and_edits_their_profile(people, login):
    client = login(people["una"])
    assert client.get(f"/profiles/{people['una'].profile.id}").status_code == 200
    page = client.get("/profiles/me/edit")
    assert page.status_code == 200 and "Confirm your email address" in page.get_data(as_text=True)


@pytest.mark.parametrize("role", ROLES)
def test_the_map_the_grid_and_the_counts_leave_an_unconfirmed_account_out(
    app, people, as_role, role
):
    viewer, client = as_role(role)
    with app.test_request_context():
        if viewer is not None:
            from flask_login import login_user

            login_user(viewer)
        from flask_login import current_user

        who = current_user._get_current_object()
        assert "MT" not in maps.managers_per_country(who)
        grid = maps.ecosystem_country_grid(who)
        assert "MT" not in [code for code, _ in grid["countries"]]
        before = community_counts(who).managers

        confirm(people["una"])
        assert maps.managers_per_country(who)["MT"] == 1
        assert community_counts(who).managers == before + 1


@pytest.mark.parametrize("role", ROLES[1:])
def test_the_api_lists_and_opens_no_unconfirmed_profile(people, api_as, role):  # noqa: F811
    api = api_as(people[role])
    listed = api.get("/api/v1/profiles?per_page=100").get_json()
    assert UNA not in str(listed)
    assert api.get(f"/api/v1/profiles/{people['una'].profile.id}").status_code == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_directory_exports_leave_an_unconfirmed_account_out(people, as_role, role, fmt):
    _, client = as_role(role)
    response = client.get(f"/profiles/export.{fmt}")
    assert response.status_code == 200
    assert "Malta Marine Cluster" not in response.get_data(as_text=True)


def test_find_peers_never_suggests_an_unconfirmed_account(community, login):  # noqa: F811
    community["bo"].email_verified_at = None
    db.session.commit()

    assert "Bo Berg" not in login(community["ana"]).get("/peers/").get_data(as_text=True)
    assert community["bo"].id in unsuggestible_user_ids(community["ana"])


@pytest.mark.parametrize("role", ROLES[1:])
def test_no_role_may_view_an_unconfirmed_profile(people, role):
    assert not can_view_profile(people[role], people["una"].profile)
    assert can_view_profile(people["una"], people["una"].profile)


def test_an_unconfirmed_account_cannot_request_introductions(people, login):
    bo = people["participant"]
    client = login(people["una"])

    response = client.post(f"/peers/introduce/{bo.id}", data={"message": "Hello, shall we talk?"})

    assert response.status_code == 422
    assert "Confirm your email address first" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Introduction.id))) == 0


def test_nobody_can_request_an_introduction_to_an_unconfirmed_account(people, login):
    client = login(people["participant"])
    assert client.get(f"/peers/introduce/{people['una'].id}").status_code == 404


def test_once_confirmed_the_introduction_goes_through(people, login):
    confirm(people["una"])
    response = login(people["una"]).post(
        f"/peers/introduce/{people['participant'].id}", data={"message": "Hello, shall we talk?"}
    )
    assert response.status_code == 302


def test_an_unconfirmed_account_cannot_register_for_a_meeting_day(people, login):
    from datetime import date, time

    event = meeting_services.create_event(
        people["coach"],
        days=[date(2027, 3, 10)],
        window_start=time(9, 0),
        window_end=time(10, 0),
        breaks=[],
        name="Matchmaking day Valletta",
        timezone="Europe/Malta",
        open_to="anyone",
        slot_minutes=30,
        table_names="Table A",
        min_meetings=1,
        max_meetings=2,
        wish_cap=5,
    )
    db.session.commit()
    client = login(people["una"])

    response = client.post(f"/meetings/{event.id}/register", follow_redirects=True)

    assert "Confirm your email address first" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(MeetingParticipant.id))) == 0


def test_admins_find_unconfirmed_accounts_on_the_users_page(people, login):
    page = login(people["admin"]).get("/admin/?q=Una").get_data(as_text=True)
    assert UNA in page and "Email not confirmed" in page
