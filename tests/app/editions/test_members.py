"""Edition pages and services: the Academy editions, their members, and the reference editions."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from app import reference
from app.editions.members.queries import editions_of
from app.editions.members.services import add_member, ensure_reference_editions
from app.extensions import db
from app.models import Edition, EditionMember
from app.signals import edition_member_added


def test_ensure_reference_editions_creates_the_three_real_editions(app):
    editions = ensure_reference_editions()
    assert [c.name for c in editions] == [e["name"] for e in reference.past_editions()]
    first, second, third = editions
    assert (first.place, first.host) == ("Strasbourg, France", "University of Strasbourg")
    assert (first.online_start, first.online_end) == (date(2022, 12, 1), date(2022, 12, 2))
    assert (first.in_person_start, first.in_person_end) == (date(2023, 3, 2), date(2023, 3, 3))
    assert (second.place, second.online_start, second.in_person_start) == (
        "Turin, Italy",
        None,
        date(2023, 9, 21),
    )
    assert (third.online_end, third.in_person_end) == (date(2024, 1, 25), date(2024, 3, 12))


def test_ensure_reference_editions_is_idempotent(app):
    ensure_reference_editions()
    db.session.commit()
    again = ensure_reference_editions()
    assert db.session.scalar(select(func.count()).select_from(Edition)) == 3
    assert len(again) == 3


def test_add_member_signals_a_new_member_once(make_user, make_edition):
    edition, user = make_edition(), make_user()
    received = []

    def receiver(sender, user, role):
        received.append((sender, user, role))

    edition_member_added.connect(receiver)
    try:
        add_member(edition, user, role="participant")
        add_member(edition, user, role="coach")  # a role change, not a new member
    finally:
        edition_member_added.disconnect(receiver)
    assert received == [(edition, user, "participant")]
    membership = db.session.scalar(select(EditionMember).where(EditionMember.user_id == user.id))
    assert membership.role == "coach"


def test_add_member_refuses_an_unknown_role(make_user, make_edition):
    with pytest.raises(ValueError, match="role"):
        add_member(make_edition(), make_user(), role="spectator")


def test_editions_of_lists_a_users_editions_newest_first(make_user, make_edition):
    user = make_user()
    older = make_edition(name="Old", members=(user,), online_start=date(2022, 12, 1))
    newer = make_edition(name="New", members=(user,), online_start=date(2024, 1, 23))
    make_edition(name="Not mine")
    assert editions_of(user) == [newer, older]


def test_edition_list_shows_dates_place_and_member_count(client, make_user, make_edition):
    ensure_reference_editions()
    edition = make_edition(
        name="4th Cluster Booster Academy",
        place="Lisbon, Portugal",
        members=(make_user(), make_user()),
        online_start=date(2025, 1, 1),
    )
    response = client.get("/editions/academy")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.index("4th Cluster") < html.index("3rd Cluster") < html.index("1st Cluster")
    assert "Lisbon, Portugal" in html and "Strasbourg, France" in html
    assert "1 Dec 2022 – 2 Dec 2022" in html and "2 Mar 2023 – 3 Mar 2023" in html
    assert f'href="/editions/{edition.id}/members"' in html
    assert "<td>2</td>" in html


def test_edition_page_groups_members_by_role(client, make_user, make_edition):
    edition = make_edition(name="Academy", members=(make_user(name="Pia Participant"),))
    add_member(edition, make_user(name="Colin Coach", role="coach"), role="coach")
    html = client.get(f"/editions/{edition.id}/members").get_data(as_text=True)
    assert "Participants (1)" in html and "Coaches (1)" in html
    assert html.index("Pia Participant") < html.index("Coaches (1)") < html.index("Colin Coach")


@pytest.mark.parametrize(
    ("viewer_kind", "listed", "linked"),
    [
        ("visitor", {"Open Olga"}, {"Open Olga"}),
        ("stranger", {"Open Olga"}, {"Open Olga"}),
        (
            "member",
            {"Open Olga", "Edition Cian", "Me Myself"},
            {"Open Olga", "Edition Cian", "Me Myself"},
        ),
        ("coach", {"Open Olga", "Edition Cian", "Hidden Hugo"}, {"Open Olga", "Edition Cian"}),
        (
            "admin",
            {"Open Olga", "Edition Cian", "Hidden Hugo"},
            {"Open Olga", "Edition Cian", "Hidden Hugo"},
        ),
    ],
)
def test_edition_page_respects_profile_visibility(
    client, login, make_user, make_edition, viewer_kind, listed, linked
):
    members = (
        make_user(name="Open Olga", visibility="community"),
        make_user(name="Edition Cian", visibility="cohorts"),
        make_user(name="Hidden Hugo", visibility="hidden"),
    )
    edition = make_edition(members=members)
    browser = client
    if viewer_kind != "visitor":
        role = viewer_kind if viewer_kind in ("coach", "admin") else "participant"
        viewer = make_user(name="Me Myself", role=role, visibility="hidden")
        if viewer_kind == "member":
            add_member(edition, viewer, role="participant")
        browser = login(viewer)
    html = browser.get(f"/editions/{edition.id}/members").get_data(as_text=True)
    everyone = {"Open Olga", "Edition Cian", "Hidden Hugo", "Me Myself"}
    assert {name for name in everyone if name in html.split("<main")[1]} == listed
    for member in members:
        assert (f'href="/profiles/{member.profile.id}">{member.name}' in html) is (
            member.name in linked
        )


def test_member_without_a_profile_is_listed_by_name(client, make_user, make_edition):
    edition = make_edition(members=(make_user(name="No Profile Nora", with_profile=False),))
    assert "No Profile Nora" in client.get(f"/editions/{edition.id}/members").get_data(as_text=True)


def test_unknown_edition_is_404(client):
    assert client.get("/editions/999/members").status_code == 404


def test_edition_page_counts_every_participant_and_says_how_many_are_not_shown(
    client, make_user, make_edition
):
    members = (
        make_user(name="Open Olga", visibility="community"),
        make_user(name="Hidden Hugo", visibility="hidden"),
        make_user(name="Hidden Hanna", visibility="hidden"),
    )
    edition = make_edition(members=members)
    add_member(edition, make_user(name="Colin Coach", role="coach"), role="coach")
    html = client.get(f"/editions/{edition.id}/members").get_data(as_text=True)
    assert "Participants (3)" in html
    assert "2 more have not shared their profile with you." in html
    listing = client.get("/editions/academy").get_data(as_text=True)
    assert re.search(rf"{edition.name}</a></td>.*?<td>3</td>\s*<td>1</td>", listing, re.S)
