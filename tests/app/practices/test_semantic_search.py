"""Searching the library by meaning: "Find practices like this" for a described challenge, and
"More practices like this challenge" from a challenge, ranked through matching/ with reasons in words."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.services import embedding
from tests.conftest import HTMX

FAKE = "tests.app.services.fake_embedder:FakeEmbedder"
FEES = "Our membership fees scare away small companies; they leave after one year."


@pytest.fixture(autouse=True)
def embed_at_once(app):
    """Embed on save, and typed texts, with the instant bag-of-words embedder."""
    app.config.update(EMBEDDING_BACKEND="sync", EMBEDDER_FACTORY=FAKE)


@pytest.fixture
def library(author, make_practice):
    """A membership practice, a green one, and a cohort-only membership practice."""
    practices = {
        "fees": make_practice(
            author,
            title="Tiered membership fees for small companies",
            summary="Membership fees that grow with company size keep small companies as members.",
            how_to="1. Split members by size.\n2. Set membership fees for small companies at a third.",
            themes=("membership",),
        ),
        "green": make_practice(
            author,
            title="Hydrogen valley roadmap workshop",
            summary="Regional actors draw a shared hydrogen roadmap.",
            how_to="1. Map electrolyser projects.\n2. Agree on three pilots.\n3. Publish the roadmap.",
            themes=("green",),
        ),
        "edition_only": make_practice(
            author,
            title="Fee holiday for small companies in our edition",
            summary="Small companies pay no membership fees in their first year.",
            how_to="1. Offer the first year free to small companies.\n2. Ask for fees from year two.",
            themes=("membership",),
            visibility="cohorts",
        ),
    }
    db.session.commit()
    return practices


def _find(client, text, **params):
    return client.get("/practices/", query_string={"like": text, **params})


@pytest.mark.parametrize("htmx", [True, False])
def test_a_described_challenge_finds_the_practice_that_addresses_it_first(client, library, htmx):
    response = client.get("/practices/", query_string={"like": FEES}, headers=HTMX if htmx else {})
    assert response.status_code == 200
    assert ("<html" in response.text) is not htmx
    text = response.text
    assert "Practices like what you describe" in text
    assert library["fees"].title in text
    assert library["green"].title not in text  # nothing in common: not offered at all
    reason = text.split('class="reason"')[1]
    assert "Both mention “membership fees”" in reason
    assert "its problem and steps are related to what you describe" in reason
    assert "%" not in reason.split("</p>")[0]  # words, never a score


def test_the_page_has_the_describe_box_and_its_button(client, library):
    page = client.get("/practices/").text
    assert "Describe your challenge" in page and "Find practices like this" in page


def test_filters_narrow_the_ranked_list(client, library):
    assert library["fees"].title not in _find(client, FEES, theme="green").text
    assert library["fees"].title in _find(client, FEES, theme="membership").text


@pytest.mark.parametrize(
    ("role", "sees_edition_only"),
    [("anonymous", False), ("participant", False), ("coach", True), ("admin", True)],
)
def test_the_ranked_list_follows_each_practices_visibility(
    client, login, people, library, role, sees_edition_only
):
    browser = client if role == "anonymous" else login(people[role])
    text = _find(browser, "Small companies pay no membership fees in their first year.").text
    assert (library["edition_only"].title in text) is sees_edition_only
    assert library["fees"].title in text


@pytest.mark.parametrize("htmx", [True, False])
def test_an_empty_description_is_named_at_the_field(client, library, htmx):
    response = (
        _find(client, "   ", **{})
        if not htmx
        else client.get("/practices/", query_string={"like": ""}, headers=HTMX)
    )
    assert response.status_code == 422
    assert "Describe your challenge: write a sentence or two" in response.text
    if not htmx:
        assert 'id="like-error"' in response.text and 'aria-invalid="true"' in response.text


@pytest.mark.parametrize("htmx", [True, False])
def test_a_too_long_description_says_how_long_and_is_kept(client, library, htmx):
    text = "fees " * 200 + "x"  # 1,001 characters
    response = client.get("/practices/", query_string={"like": text}, headers=HTMX if htmx else {})
    assert response.status_code == 422
    assert "at most 1,000 characters (you wrote 1,001)" in response.text
    if not htmx:
        assert text.strip() in response.text  # the box keeps what was typed


def test_without_embedding_the_page_says_so_and_keeps_the_text(app, client, library):
    app.config["EMBEDDING_BACKEND"] = "off"
    response = _find(client, FEES)
    assert response.status_code == 200
    assert "Searching by meaning is not available" in response.text
    assert FEES in response.text


@pytest.fixture
def fees_challenge(make_user, make_challenge):
    asker = make_user(name="Ana Asker", country="PT")
    challenge = make_challenge(asker, title="Membership fees scare away small companies", body=FEES)
    embedding.embed_now("challenge", challenge.id, embedding.challenge_texts(challenge))
    db.session.commit()
    return challenge


def test_a_challenges_panel_links_to_more_practices_like_it(client, library, fees_challenge):
    panel = client.get(f"/practices/for-challenge/{fees_challenge.id}", headers=HTMX).text
    assert "More practices like this challenge" in panel
    assert f"/practices/?challenge={fees_challenge.id}" in panel


@pytest.mark.parametrize("htmx", [True, False])
def test_more_practices_like_this_challenge_lists_them_with_reasons(
    client, library, fees_challenge, htmx
):
    response = client.get(
        f"/practices/?challenge={fees_challenge.id}", headers=HTMX if htmx else {}
    )
    assert response.status_code == 200
    assert ("<html" in response.text) is not htmx
    assert "Practices like the challenge" in response.text
    assert fees_challenge.title in response.text
    assert library["fees"].title in response.text
    assert "close to this challenge" in response.text


def test_a_challenge_the_viewer_may_not_read_is_a_404(
    client, login, people, make_edition, make_challenge, library
):
    edition = make_edition(members=(people["alumni"],))
    private = make_challenge(people["alumni"], title="Our edition's fee question", edition=edition)
    db.session.commit()
    assert client.get(f"/practices/?challenge={private.id}").status_code == 404
    assert login(people["alumni"]).get(f"/practices/?challenge={private.id}").status_code == 200


def test_my_challenges_link_to_their_ranked_list(login, fees_challenge, library):
    page = login(fees_challenge.author).get("/practices/").text
    assert f"/practices/?challenge={fees_challenge.id}" in page
