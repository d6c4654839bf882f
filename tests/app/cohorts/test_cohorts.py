"""Cohort pages and services: the Academy editions, their members, and the reference editions."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from app import reference
from app.cohorts.queries import cohorts_of
from app.cohorts.services import add_member, ensure_reference_cohorts
from app.extensions import db
from app.models import Cohort, CohortMember
from app.signals import cohort_member_added


def test_ensure_reference_cohorts_creates_the_three_real_editions(app):
    cohorts = ensure_reference_cohorts()
    assert [c.name for c in cohorts] == [e["name"] for e in reference.past_cohorts()]
    first, second, third = cohorts
    assert (first.place, first.host) == ("Strasbourg, France", "University of Strasbourg")
    assert (first.online_start, first.online_end) == (date(2022, 12, 1), date(2022, 12, 2))
    assert (first.in_person_start, first.in_person_end) == (date(2023, 3, 2), date(2023, 3, 3))
    assert (second.place, second.online_start, second.in_person_start) == (
        "Turin, Italy",
        None,
        date(2023, 9, 21),
    )
    assert (third.online_end, third.in_person_end) == (date(2024, 1, 25), date(2024, 3, 12))


def test_ensure_reference_cohorts_is_idempotent(app):
    ensure_reference_cohorts()
    db.session.commit()
    again = ensure_reference_cohorts()
    assert db.session.scalar(select(func.count()).select_from(Cohort)) == 3
    assert len(again) == 3


def test_add_member_signals_a_new_member_once(make_user, make_cohort):
    cohort, user = make_cohort(), make_user()
    received = []

    def receiver(sender, user, role):
        received.append((sender, user, role))

    cohort_member_added.connect(receiver)
    try:
        add_member(cohort, user, role="participant")
        add_member(cohort, user, role="coach")  # a role change, not a new member
    finally:
        cohort_member_added.disconnect(receiver)
    assert received == [(cohort, user, "participant")]
    membership = db.session.scalar(select(CohortMember).where(CohortMember.user_id == user.id))
    assert membership.role == "coach"


def test_add_member_refuses_an_unknown_role(make_user, make_cohort):
    with pytest.raises(ValueError, match="role"):
        add_member(make_cohort(), make_user(), role="spectator")


def test_cohorts_of_lists_a_users_editions_newest_first(make_user, make_cohort):
    user = make_user()
    older = make_cohort(name="Old", members=(user,), online_start=date(2022, 12, 1))
    newer = make_cohort(name="New", members=(user,), online_start=date(2024, 1, 23))
    make_cohort(name="Not mine")
    assert cohorts_of(user) == [newer, older]


def test_cohort_list_shows_dates_place_and_member_count(client, make_user, make_cohort):
    ensure_reference_cohorts()
    cohort = make_cohort(
        name="4th Cluster Booster Academy",
        place="Lisbon, Portugal",
        members=(make_user(), make_user()),
        online_start=date(2025, 1, 1),
    )
    response = client.get("/cohorts/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.index("4th Cluster") < html.index("3rd Cluster") < html.index("1st Cluster")
    assert "Lisbon, Portugal" in html and "Strasbourg, France" in html
    assert "1 Dec 2022 – 2 Dec 2022" in html and "2 Mar 2023 – 3 Mar 2023" in html
    assert f'href="/cohorts/{cohort.id}"' in html
    assert "<td>2</td>" in html


def test_cohort_page_groups_members_by_role(client, make_user, make_cohort):
    cohort = make_cohort(name="Academy", members=(make_user(name="Pia Participant"),))
    add_member(cohort, make_user(name="Colin Coach", role="coach"), role="coach")
    html = client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
    assert "Participants (1)" in html and "Coaches (1)" in html
    assert html.index("Pia Participant") < html.index("Coaches (1)") < html.index("Colin Coach")


@pytest.mark.parametrize(
    ("viewer_kind", "listed", "linked"),
    [
        ("visitor", {"Open Olga"}, {"Open Olga"}),
        ("stranger", {"Open Olga"}, {"Open Olga"}),
        (
            "member",
            {"Open Olga", "Cohort Cian", "Me Myself"},
            {"Open Olga", "Cohort Cian", "Me Myself"},
        ),
        ("coach", {"Open Olga", "Cohort Cian", "Hidden Hugo"}, {"Open Olga", "Cohort Cian"}),
        (
            "admin",
            {"Open Olga", "Cohort Cian", "Hidden Hugo"},
            {"Open Olga", "Cohort Cian", "Hidden Hugo"},
        ),
    ],
)
def test_cohort_page_respects_profile_visibility(
    client, login, make_user, make_cohort, viewer_kind, listed, linked
):
    members = (
        make_user(name="Open Olga", visibility="community"),
        make_user(name="Cohort Cian", visibility="cohorts"),
        make_user(name="Hidden Hugo", visibility="hidden"),
    )
    cohort = make_cohort(members=members)
    browser = client
    if viewer_kind != "visitor":
        role = viewer_kind if viewer_kind in ("coach", "admin") else "participant"
        viewer = make_user(name="Me Myself", role=role, visibility="hidden")
        if viewer_kind == "member":
            add_member(cohort, viewer, role="participant")
        browser = login(viewer)
    html = browser.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
    everyone = {"Open Olga", "Cohort Cian", "Hidden Hugo", "Me Myself"}
    assert {name for name in everyone if name in html.split("<main")[1]} == listed
    for member in members:
        assert (f'href="/profiles/{member.profile.id}">{member.name}' in html) is (
            member.name in linked
        )


def test_member_without_a_profile_is_listed_by_name(client, make_user, make_cohort):
    cohort = make_cohort(members=(make_user(name="No Profile Nora", with_profile=False),))
    assert "No Profile Nora" in client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)


def test_unknown_cohort_is_404(client):
    assert client.get("/cohorts/999").status_code == 404


def test_cohort_page_counts_every_participant_and_says_how_many_are_not_shown(
    client, make_user, make_cohort
):
    members = (
        make_user(name="Open Olga", visibility="community"),
        make_user(name="Hidden Hugo", visibility="hidden"),
        make_user(name="Hidden Hanna", visibility="hidden"),
    )
    cohort = make_cohort(members=members)
    add_member(cohort, make_user(name="Colin Coach", role="coach"), role="coach")
    html = client.get(f"/cohorts/{cohort.id}").get_data(as_text=True)
    assert "Participants (3)" in html
    assert "2 more have not shared their profile with you." in html
    listing = client.get("/cohorts/").get_data(as_text=True)
    assert re.search(rf"{cohort.name}</a></td>.*?<td>3</td>\s*<td>1</td>", listing, re.S)
