"""Practices where they help: for a challenge (with reasons), "Solved with this practice",
"Practices like this", and the home page's practices for my ecosystems."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import PracticeSolution
from app.services import embedding
from tests.conftest import HTMX

FAKE = "tests.app.services.fake_embedder:FakeEmbedder"


@pytest.fixture(autouse=True)
def embed_at_once(app):
    """Embed on save with the instant bag-of-words embedder."""
    app.config.update(EMBEDDING_BACKEND="sync", EMBEDDER_FACTORY=FAKE)


@pytest.fixture
def fees_challenge(make_user, make_challenge):
    asker = make_user(name="Ana Asker", country="PT")
    challenge = make_challenge(
        asker,
        title="Membership fees scare away small companies",
        body="Small companies find our membership fees too high and leave after one year.",
        themes=("membership",),
    )
    embedding.embed_now("challenge", challenge.id, embedding.challenge_texts(challenge))
    db.session.commit()
    return challenge


@pytest.fixture
def library(author, make_practice):
    fees = make_practice(
        author,
        title="Tiered membership fees for small companies",
        summary="Fees that grow with company size keep small companies as members.",
        how_to="1. Split members by size.\n2. Set fees for small companies at a third.\n3. Review yearly.",
        themes=("membership",),
    )
    other = make_practice(
        author,
        title="Hydrogen valley roadmap workshop",
        summary="Regional actors draw a shared hydrogen roadmap.",
        how_to="1. Map electrolyser projects.\n2. Agree on three pilots.\n3. Publish the roadmap.",
        themes=("green",),
    )
    db.session.commit()
    return {"fees": fees, "other": other}


def test_a_challenge_page_loads_practices_that_address_it(client, fees_challenge):
    page = client.get(f"/challenges/{fees_challenge.id}")
    assert f"/practices/for-challenge/{fees_challenge.id}" in page.text


@pytest.mark.parametrize("htmx", [True, False])
def test_practices_that_address_a_challenge_come_with_their_reason(
    client, fees_challenge, library, htmx
):
    response = client.get(
        f"/practices/for-challenge/{fees_challenge.id}", headers=HTMX if htmx else {}
    )
    assert response.status_code == 200
    assert ("<html" in response.text) is not htmx
    assert "Practices that address this" in response.text
    assert library["fees"].title in response.text
    assert library["other"].title not in response.text
    assert "Both mention “membership fees”; also about Membership" in response.text
    assert "close to this challenge" in response.text and "%" not in response.text


def test_unpublished_or_edition_only_practices_are_not_suggested_to_others(
    client, fees_challenge, library
):
    library["fees"].published = False
    db.session.commit()
    assert (
        library["fees"].title
        not in client.get(f"/practices/for-challenge/{fees_challenge.id}").text
    )


def test_a_missing_challenge_is_a_404(client):
    assert client.get("/practices/for-challenge/999").status_code == 404


def test_the_author_of_a_solved_challenge_links_the_practice_that_solved_it(
    client, login, fees_challenge, library
):
    fees_challenge.status = "solved"
    db.session.commit()
    browser = login(fees_challenge.author)
    panel = browser.get(f"/practices/for-challenge/{fees_challenge.id}", headers=HTMX).text
    assert "Solved with this practice" in panel
    response = browser.post(
        f"/practices/for-challenge/{fees_challenge.id}/solved-with",
        data={"practice_id": library["fees"].id},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert db.session.scalar(select(PracticeSolution.practice_id)) == library["fees"].id
    shown = client.get(f"/practices/for-challenge/{fees_challenge.id}").text
    assert "Solved with this practice:" in shown and library["fees"].title in shown


def test_solved_with_redirects_back_to_the_challenge_without_javascript(
    login, fees_challenge, library
):
    fees_challenge.status = "solved"
    db.session.commit()
    response = login(fees_challenge.author).post(
        f"/practices/for-challenge/{fees_challenge.id}/solved-with",
        data={"practice_id": library["fees"].id},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/challenges/{fees_challenge.id}")


def test_only_the_author_of_a_solved_challenge_chooses_its_practice(
    client, login, people, fees_challenge, library
):
    url = f"/practices/for-challenge/{fees_challenge.id}/solved-with"
    data = {"practice_id": library["fees"].id}
    assert login(fees_challenge.author).post(url, data=data).status_code == 409  # not solved yet
    fees_challenge.status = "solved"
    db.session.commit()
    assert client.post(url, data=data).status_code == 302  # to the login page
    for role in ("participant", "alumni", "coach", "admin"):
        assert login(people[role]).post(url, data=data).status_code == 403
    assert db.session.scalar(select(PracticeSolution)) is None


@pytest.mark.parametrize("htmx", [True, False])
def test_practices_like_this_leaves_the_practice_itself_out(
    client, author, library, make_practice, htmx
):
    cousin = make_practice(
        author,
        title="Membership fees by company size",
        summary="Small companies pay less; large ones more.",
        how_to="1. Split members by size.\n2. Publish the fee table.",
        themes=("membership",),
    )
    db.session.commit()
    response = client.get(
        f"/practices/{library['fees'].id}/like-this", headers=HTMX if htmx else {}
    )
    assert response.status_code == 200 and ("<html" in response.text) is not htmx
    assert cousin.title in response.text
    assert response.text.count(library["fees"].title) == (
        0 if htmx else 2
    )  # page: <title> and heading only


def test_the_home_page_loads_practices_for_my_ecosystems(login, make_user, author, make_practice):
    member = make_user(ecosystems=["health"])
    make_practice(author, title="Hospital procurement open day", ecosystems=("health",))
    make_practice(author, title="Chip design bootcamp", ecosystems=("digital",))
    browser = login(member)
    assert "/practices/for-me" in browser.get("/").text
    fragment = browser.get("/practices/for-me", headers=HTMX).text
    assert "Hospital procurement open day" in fragment and "Chip design bootcamp" not in fragment
    assert "<html" in browser.get("/practices/for-me").text


def test_visitors_are_sent_to_log_in_for_my_practices(client):
    assert client.get("/practices/for-me").status_code == 302


def test_the_library_lists_my_challenges_for_practices_like_them(login, fees_challenge):
    page = login(fees_challenge.author).get("/practices/").text
    assert "Practices like my challenge" in page and fees_challenge.title in page
