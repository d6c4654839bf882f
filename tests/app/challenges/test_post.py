"""Posting a challenge: the form, its validation, sanitised text, signals and rollback on errors."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from app.challenges import routes, services
from app.extensions import db
from app.models import Challenge
from app.signals import challenge_saved

VALID = {
    "title": "How do we price services for SMEs?",
    "body": "We want to start charging for matchmaking. What do others charge?",
    "themes": ["services", "financing"],
    "ecosystem": "health",
}


def challenge_count() -> int:
    """How many challenges are stored."""
    return db.session.scalar(select(func.count(Challenge.id)))


def test_new_challenge_form_has_labelled_fields_and_defaults_to_the_authors_first_ecosystem(
    author_client,
):
    html = author_client.get("/challenges/new").get_data(as_text=True)
    assert '<label for="title">Title</label>' in html
    assert '<label for="body">Description</label>' in html
    assert "<legend>Themes</legend>" in html
    assert html.count('type="checkbox"') == 10  # one per theme in themes.json
    assert '<label for="ecosystem">Ecosystem</label>' in html
    assert '<option selected value="health">' in html
    assert 'value="Post challenge"' in html


def test_posting_a_challenge_stores_it_and_redirects_to_it_with_a_flash(author_client, author):
    response = author_client.post("/challenges/new", data=VALID)
    challenge = db.session.scalars(select(Challenge)).one()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/challenges/{challenge.id}")
    assert (challenge.title, challenge.themes, challenge.ecosystem) == (
        VALID["title"],
        ["services", "financing"],
        "health",
    )
    assert challenge.author_id == author.id
    assert challenge.country == "PT"  # from the author's profile
    assert challenge.status == "open"
    assert challenge.body_html.startswith("<p>We want to start charging")
    page = author_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your challenge is posted" in page


def test_ecosystem_is_optional(author_client):
    author_client.post("/challenges/new", data=VALID | {"ecosystem": ""})
    assert db.session.scalars(select(Challenge)).one().ecosystem is None


def test_posting_sends_challenge_saved_as_created(author_client):
    received = []
    with challenge_saved.connected_to(lambda sender, **kw: received.append((sender, kw))):
        author_client.post("/challenges/new", data=VALID)
    [(sender, kwargs)] = received
    assert isinstance(sender, Challenge)
    assert kwargs == {"created": True, "changed_text": True}


def test_anonymous_visitor_is_sent_to_log_in_and_cannot_post(client):
    assert client.get("/challenges/new").status_code == 302
    response = client.post("/challenges/new", data=VALID)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert challenge_count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "Help"}, "title", "The title must be 5 to 160 characters long."),
        ({"title": "x" * 161}, "title", "The title must be 5 to 160 characters long."),
        ({"title": "   "}, "title", "Enter a title for your challenge."),
        (
            {"body": "Too short to say."},
            "body",
            "The description must be 20 to 10,000 characters long.",
        ),
        ({"body": "x" * 10_001}, "body", "The description must be 20 to 10,000 characters long."),
        ({"themes": []}, "themes", "Themes: tick 1 to 3 themes."),
        (
            {"themes": ["green", "digital", "skills", "policy"]},
            "themes",
            "Themes: tick 1 to 3 themes.",
        ),
        ({"themes": ["green", "astrology"]}, "themes", "Themes: choose themes from the list."),
        (
            {"ecosystem": "space-mining"},
            "ecosystem",
            "Ecosystem: choose one from the list, or leave it empty.",
        ),
    ],
)
def test_bad_challenge_input_is_refused_with_the_error_at_the_field(
    author_client, changes, field, message
):
    response = author_client.post("/challenges/new", data=VALID | changes)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'<small id="{field}-error" class="field-error">{message}</small>' in html
    assert (
        f'aria-describedby="{field}-error"' in html
        or f'aria-describedby="{field}-hint {field}-error"' in html
    )
    assert challenge_count() == 0


def test_a_refused_form_keeps_what_was_typed(author_client):
    html = author_client.post("/challenges/new", data=VALID | {"title": "Help"}).get_data(
        as_text=True
    )
    assert "We want to start charging for matchmaking" in html
    assert re.search(
        r'<input checked id="themes-\d+" name="themes" type="checkbox" value="services">', html
    )
    assert re.search(r'<input id="themes-\d+" name="themes" type="checkbox" value="green">', html)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert('x')</script> and some more text here",
        '<img src="x" onerror="alert(1)"> and some more text here',
        "[click me for the answer](javascript:alert(1)) please",
    ],
)
def test_scripts_handlers_and_javascript_links_never_reach_the_page(author_client, hostile):
    response = author_client.post("/challenges/new", data=VALID | {"body": hostile})
    page = author_client.get(response.headers["Location"]).get_data(as_text=True).lower()
    assert "<script>alert" not in page
    assert "onerror" not in page
    assert "javascript:" not in page


def test_title_is_escaped(author_client):
    response = author_client.post("/challenges/new", data=VALID | {"title": "<b>Bold</b> move"})
    page = author_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<b>Bold</b>" not in page
    assert "&lt;b&gt;Bold&lt;/b&gt; move" in page


def test_a_database_error_while_posting_stores_nothing_and_shows_a_clean_500(
    author_client, author, monkeypatch
):
    def post_then_fail(user, **fields):
        services.post_challenge(user, **fields)  # rows are added and flushed…
        raise SQLAlchemyError("disk full")  # …then the database gives up

    monkeypatch.setattr(routes.services, "post_challenge", post_then_fail)
    response = author_client.post("/challenges/new", data=VALID)
    assert response.status_code == 500
    assert b"Something went wrong" in response.data
    assert b"disk full" not in response.data
    assert challenge_count() == 0


def test_post_challenge_service_flushes_but_leaves_the_commit_to_the_caller(author):
    db.session.commit()
    challenge = services.post_challenge(author, title="A title", body="b" * 30, themes=["green"])
    assert challenge.id is not None
    db.session.rollback()
    assert challenge_count() == 0
