"""Who may read a challenge (app/challenges/visibility.py): an edition's challenge is for its author,
that edition's members, coaches and admins; everyone else never sees it, on any page."""

from __future__ import annotations

import pytest

from app.extensions import db

SECRET = "Cold chain partners we are negotiating with"
PUBLIC = "How do we attract more SME members?"


@pytest.fixture
def world(make_user, make_edition, make_challenge):
    """An author and a co-member in one edition, outsiders of every role, an edition and a public challenge."""
    people = {
        "author": make_user(email="author@example.eu", ecosystems=["digital"]),
        "co-member": make_user(email="member@example.eu", ecosystems=["digital"]),
        "participant": make_user(email="outsider@example.eu", ecosystems=["digital"]),
        "alumni": make_user(email="alumni@example.eu", role="alumni", ecosystems=["digital"]),
        "coach": make_user(email="coach@example.eu", role="coach", ecosystems=["digital"]),
        "admin": make_user(email="admin@example.eu", role="admin", ecosystems=["digital"]),
    }
    edition = make_edition(members=(people["author"], people["co-member"]))
    make_edition(members=(people["participant"], people["alumni"]))  # another edition
    secret = make_challenge(
        people["author"], title=SECRET, body="Only for our edition.", edition=edition
    )
    make_challenge(people["author"], title=PUBLIC)
    db.session.commit()
    return people, secret


READERS = ["author", "co-member", "coach", "admin"]
OUTSIDERS = ["participant", "alumni", "anonymous"]


def client_for(who, world, login, client):
    people, _ = world
    return client if who == "anonymous" else login(people[who])


@pytest.mark.parametrize("who", READERS + OUTSIDERS)
def test_the_detail_page_is_only_for_readers(who, world, login, client):
    _, secret = world
    response = client_for(who, world, login, client).get(f"/challenges/{secret.id}")
    assert response.status_code == (200 if who in READERS else 404)
    if who in OUTSIDERS:
        assert SECRET not in response.get_data(as_text=True)


@pytest.mark.parametrize("who", READERS + OUTSIDERS)
@pytest.mark.parametrize("query", ["", "?q=cold+chain", "?ecosystem=digital", "?q=cold&page=1"])
def test_the_list_and_its_search_show_it_only_to_readers(who, query, world, login, client):
    page = client_for(who, world, login, client).get(f"/challenges/{query}").get_data(as_text=True)
    assert (SECRET in page) == (who in READERS)


@pytest.mark.parametrize("who", OUTSIDERS)
def test_the_htmx_list_fragment_hides_it_from_outsiders(who, world, login, client):
    from tests.conftest import HTMX

    page = client_for(who, world, login, client).get("/challenges/?q=cold", headers=HTMX)
    assert SECRET not in page.get_data(as_text=True)


@pytest.mark.parametrize("who", ["co-member", "coach", "participant", "alumni"])
def test_the_home_page_shows_it_only_to_readers(who, world, login, client):
    page = client_for(who, world, login, client).get("/").get_data(as_text=True)
    assert (SECRET in page) == (who in READERS)


@pytest.mark.parametrize("who", ["participant", "alumni", "anonymous"])
def test_outsiders_cannot_reply_to_it(who, world, login, client):
    _, secret = world
    response = client_for(who, world, login, client).post(
        f"/challenges/{secret.id}/replies", data={"body": "I found it anyway"}
    )
    assert response.status_code in (302, 404)
    assert secret.replies == []


def test_the_rule_as_a_query_and_as_a_check_agree(world):
    from sqlalchemy import select

    from app.challenges.visibility import may_read, readable_by
    from app.models import Challenge

    people, secret = world
    for viewer in [*people.values(), None]:
        listed = (
            secret.id in db.session.scalars(select(Challenge.id).where(readable_by(viewer))).all()
        )
        assert listed == may_read(viewer, secret)
