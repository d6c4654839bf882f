"""Moderation (unpublish with a note), outdated flags, and "I adopted this" / "I taught this to my team"."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Notification, Practice, PracticeAdoption, PracticeFlag
from tests.conftest import HTMX


@pytest.mark.parametrize(
    ("role", "status"), [("participant", 403), ("alumni", 403), ("coach", 302), ("admin", 302)]
)
def test_only_coaches_and_admins_unpublish(login, people, practice, role, status):
    response = login(people[role]).post(
        f"/practices/{practice.id}/unpublish", data={"note": "Outdated grant rules."}
    )
    assert response.status_code == status
    db.session.expire_all()
    assert db.session.get(Practice, practice.id).published is (status != 302)


def test_visitors_cannot_unpublish(client, practice):
    assert client.post(f"/practices/{practice.id}/unpublish", data={"note": "x"}).status_code == 302
    assert db.session.get(Practice, practice.id).published


def test_unpublishing_needs_a_note_and_the_author_reads_it(login, author, people, practice):
    coach = login(people["coach"])
    refused = coach.post(f"/practices/{practice.id}/unpublish", data={"note": ""})
    assert refused.status_code == 422 and "Note to the author: say why" in refused.text
    coach.post(
        f"/practices/{practice.id}/unpublish",
        data={"note": "The 2023 call closed; update the budget."},
    )
    page = login(author).get(f"/practices/{practice.id}").text
    assert "Unpublished." in page and "The 2023 call closed" in page
    assert practice.versions[0].changed == "Unpublished"
    assert (
        db.session.scalar(select(Notification).where(Notification.user_id == author.id)) is not None
    )


@pytest.mark.parametrize(
    ("role", "status"), [("participant", 403), ("alumni", 403), ("coach", 302), ("admin", 302)]
)
def test_only_coaches_and_admins_publish_again(login, people, author, make_practice, role, status):
    hidden = make_practice(author, published=False)
    assert login(people[role]).post(f"/practices/{hidden.id}/publish").status_code == status


@pytest.mark.parametrize("role", ["participant", "alumni", "coach", "admin"])
def test_members_flag_a_practice_as_outdated(login, people, practice, role):
    response = login(people[role]).post(
        f"/practices/{practice.id}/flag", data={"reason": "The tool closed."}
    )
    assert response.status_code == 302
    assert db.session.scalar(select(PracticeFlag.reason)) == "The tool closed."


def test_flagging_by_htmx_returns_the_flag_panel(login, people, practice):
    response = login(people["participant"]).post(
        f"/practices/{practice.id}/flag", data={}, headers=HTMX
    )
    assert response.status_code == 200
    assert 'id="practice-flags"' in response.text and "<html" not in response.text
    assert "You flagged this practice as outdated." in response.text


def test_flagging_twice_or_ones_own_practice_is_refused(login, author, people, practice):
    browser = login(people["alumni"])
    browser.post(f"/practices/{practice.id}/flag", data={})
    again = browser.post(f"/practices/{practice.id}/flag", data={}, headers=HTMX)
    assert again.status_code == 409 and "already flagged" in again.text
    own = login(author).post(f"/practices/{practice.id}/flag", data={}, follow_redirects=True)
    assert "edit it instead of flagging it" in own.text


@pytest.mark.parametrize("htmx", [False, True])
def test_an_over_long_reason_is_named_and_nothing_is_flagged(login, people, practice, htmx):
    browser = login(people["participant"])
    data = {"reason": "x" * 301}
    response = browser.post(
        f"/practices/{practice.id}/flag",
        data=data,
        headers=HTMX if htmx else {},
        follow_redirects=not htmx,
    )
    assert "Why is it outdated: at most 300 characters." in response.text
    assert db.session.scalar(select(PracticeFlag)) is None


def test_visitors_cannot_flag(client, practice):
    assert client.post(f"/practices/{practice.id}/flag").status_code == 302
    assert db.session.scalar(select(PracticeFlag)) is None


@pytest.mark.parametrize("role", ["participant", "alumni", "coach", "admin"])
def test_members_adopt_a_practice_with_a_story_and_the_author_is_notified(
    login, author, people, practice, role
):
    browser = login(people[role])
    assert "I adopted this" in browser.get(f"/practices/{practice.id}").text
    data = {"story": "We ran it with 14 SMEs in Porto.", "result": "3 new projects"}
    response = browser.post(f"/practices/{practice.id}/adopt", data=data)
    assert response.status_code == 302
    adoption = db.session.scalar(select(PracticeAdoption))
    assert (adoption.kind, adoption.story, adoption.result) == (
        "adopted",
        data["story"],
        "3 new projects",
    )
    assert adoption.country == people[role].profile.country
    assert db.session.get(Practice, practice.id).adopters_count == 1
    note = db.session.scalar(select(Notification).where(Notification.user_id == author.id))
    assert note.event == "practice_adopted" and people[role].name in note.message
    page = browser.get(f"/practices/{practice.id}").text
    assert "You adopted this." in page and "We ran it with 14 SMEs in Porto." in page


def test_adopting_by_htmx_returns_the_adoption_panel_with_new_counts(login, people, practice):
    response = login(people["participant"]).post(
        f"/practices/{practice.id}/adopt", data={}, headers=HTMX
    )
    assert response.status_code == 200
    assert 'id="adoption"' in response.text and "<html" not in response.text
    assert "Adopted by 1 member" in response.text and "from 1 country" in response.text


def test_adopting_twice_is_refused_in_both_branches(login, people, practice):
    browser = login(people["participant"])
    browser.post(f"/practices/{practice.id}/adopt", data={})
    again = browser.post(f"/practices/{practice.id}/adopt", data={}, headers=HTMX)
    assert again.status_code == 409 and "You already said you adopted this." in again.text
    page = browser.post(f"/practices/{practice.id}/adopt", data={}, follow_redirects=True)
    assert "You already said you adopted this." in page.text
    assert len(db.session.scalars(select(PracticeAdoption)).all()) == 1


def test_an_over_long_story_is_named_at_its_field(login, people, practice):
    response = login(people["participant"]).post(
        f"/practices/{practice.id}/adopt", data={"story": "x" * 2001}
    )
    assert response.status_code == 422 and "How it went: at most 2,000 characters." in response.text
    assert db.session.scalar(select(PracticeAdoption)) is None


def test_authors_do_not_adopt_their_own_practice(login, author, practice):
    response = login(author).post(f"/practices/{practice.id}/adopt", data={}, headers=HTMX)
    assert response.status_code == 409 and "You wrote this practice" in response.text


def test_visitors_are_asked_to_log_in_to_adopt(client, practice):
    assert "Log in" in client.get(f"/practices/{practice.id}").text
    assert client.post(f"/practices/{practice.id}/adopt").status_code == 302
    assert db.session.scalar(select(PracticeAdoption)) is None


@pytest.mark.parametrize("htmx", [False, True])
def test_teaching_it_to_my_team_counts_onward_teaching(login, people, practice, htmx):
    browser = login(people["alumni"])
    response = browser.post(f"/practices/{practice.id}/taught", headers=HTMX if htmx else {})
    assert response.status_code == (200 if htmx else 302)
    adoption = db.session.scalar(select(PracticeAdoption))
    assert adoption.kind == "taught"
    assert db.session.get(Practice, practice.id).adopters_count == 0  # teaching is counted apart
    assert "taught onwards by 1" in browser.get(f"/practices/{practice.id}").text


def test_adopters_from_the_same_country_count_as_one_country(client, login, make_user, practice):
    for _ in range(3):
        login(make_user(country="PT")).post(f"/practices/{practice.id}/adopt", data={})
    login(make_user(country="FI")).post(f"/practices/{practice.id}/adopt", data={})
    assert db.session.get(Practice, practice.id).adopters_count == 4
    assert "from 2 countries" in client.get(f"/practices/{practice.id}").text
