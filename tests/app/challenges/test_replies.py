"""Replying to a challenge (htmx and plain POST), editing and deleting replies, and CSRF on htmx posts."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from app.challenges import replies, services
from app.extensions import db
from app.models import Reply
from app.signals import reply_posted
from tests.app.challenges.conftest import csrf_token_from
from tests.conftest import HTMX

ANSWER = "We offered a free first year to SMEs and kept 70% of them."


def reply_count() -> int:
    """How many replies are stored."""
    return db.session.scalar(select(func.count(Reply.id)))


def test_htmx_reply_returns_the_reply_for_the_end_of_the_list_and_a_fresh_form(
    other_client, challenge
):
    received = []
    with reply_posted.connected_to(lambda sender, **kw: received.append(sender)):
        response = other_client.post(
            f"/challenges/{challenge.id}/replies", data={"body": ANSWER}, headers=HTMX
        )
    html = response.get_data(as_text=True)
    reply = db.session.scalars(select(Reply)).one()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith(f'<li id="reply-{reply.id}" class="reply">')
    assert "kept 70% of them" in html
    assert 'id="reply-form"' in html and 'hx-swap-oob="true"' in html  # the form comes back empty
    assert "<textarea" in html and f">{ANSWER}</textarea>" not in html
    assert '<h2 id="replies-heading">1 reply</h2>' in html  # the count, out of band
    assert received == [reply]


def test_reply_form_posts_with_htmx_and_appends_to_the_list(other_client, challenge):
    html = other_client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert (
        f'hx-post="/challenges/{challenge.id}/replies" hx-target="#replies" hx-swap="beforeend"'
        in html
    )
    assert (
        f'method="post" action="/challenges/{challenge.id}/replies"' in html
    )  # and without JavaScript
    assert '<ol id="replies" class="replies"></ol>' in html


def test_plain_reply_redirects_to_the_detail_page_at_the_reply(other_client, challenge, other):
    response = other_client.post(f"/challenges/{challenge.id}/replies", data={"body": ANSWER})
    reply = db.session.scalars(select(Reply)).one()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/challenges/{challenge.id}#reply-{reply.id}")
    assert reply.author_id == other.id
    page = other_client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "kept 70% of them" in page and "Your reply is posted" in page


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write your reply before posting it."),
        ("   ", "Write your reply before posting it."),
        ("k", "Your reply must be 2 to 5,000 characters long."),
        ("x" * 5_001, "Your reply must be 2 to 5,000 characters long."),
    ],
)
def test_bad_reply_is_refused_with_the_error_at_the_field(other_client, challenge, body, message):
    response = other_client.post(f"/challenges/{challenge.id}/replies", data={"body": body})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<html" in html
    assert f'<small id="body-error" class="field-error">{message}</small>' in html
    assert 'aria-invalid="true"' in html
    assert reply_count() == 0


def test_bad_htmx_reply_swaps_the_form_with_its_error_in_place_of_the_form(other_client, challenge):
    response = other_client.post(
        f"/challenges/{challenge.id}/replies", data={"body": "k"}, headers=HTMX
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#reply-form"
    assert response.headers["HX-Reswap"] == "outerHTML"
    assert html.lstrip().startswith('<form id="reply-form"')
    assert "Your reply must be 2 to 5,000 characters long." in html
    assert "k</textarea>" in html  # what was typed is kept
    assert reply_count() == 0


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert('x')</script> thanks",
        '<img src="x" onerror="alert(1)"> thanks',
        "[our playbook](javascript:alert(1))",
    ],
)
def test_reply_text_is_sanitised(other_client, challenge, hostile):
    response = other_client.post(
        f"/challenges/{challenge.id}/replies", data={"body": hostile}, headers=HTMX
    )
    for html in (
        response.get_data(as_text=True),
        other_client.get(f"/challenges/{challenge.id}").get_data(as_text=True),
    ):
        lowered = html.lower()
        assert (
            "<script>alert" not in lowered
            and "onerror" not in lowered
            and "javascript:" not in lowered
        )


def test_anonymous_visitor_cannot_reply(client, challenge):
    assert (
        client.post(f"/challenges/{challenge.id}/replies", data={"body": ANSWER}).status_code == 302
    )
    assert reply_count() == 0


def test_replying_to_an_unknown_challenge_is_a_404(other_client):
    assert other_client.post("/challenges/404/replies", data={"body": ANSWER}).status_code == 404


def test_htmx_reply_without_csrf_token_is_refused_and_with_it_accepted(
    app, other_client, challenge
):
    app.config["WTF_CSRF_ENABLED"] = True
    url = f"/challenges/{challenge.id}/replies"
    refused = other_client.post(url, data={"body": ANSWER}, headers=HTMX)
    assert refused.status_code == 400
    assert reply_count() == 0

    token = csrf_token_from(other_client.get(f"/challenges/{challenge.id}").data)
    accepted = other_client.post(url, data={"body": ANSWER}, headers=HTMX | {"X-CSRFToken": token})
    assert accepted.status_code == 200
    assert reply_count() == 1


def test_author_edits_their_reply(other_client, challenge, other, make_reply):
    reply = make_reply(challenge, other)
    url = f"/challenges/{challenge.id}/replies/{reply.id}/edit"
    form = other_client.get(url).get_data(as_text=True)
    assert "We ran a free first-year membership offer." in form and 'value="Save reply"' in form
    response = other_client.post(url, data={"body": "We ran a **free** first year."})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#reply-{reply.id}")
    db.session.expire_all()
    assert reply.body_html == "<p>We ran a <strong>free</strong> first year.</p>"


def test_an_invalid_reply_edit_leaves_the_reply_unchanged(
    other_client, challenge, other, make_reply
):
    reply = make_reply(challenge, other)
    response = other_client.post(
        f"/challenges/{challenge.id}/replies/{reply.id}/edit", data={"body": "x"}
    )
    assert response.status_code == 422
    assert b"Your reply must be 2 to 5,000 characters long." in response.data
    db.session.expire_all()
    assert reply.body == "We ran a free first-year membership offer."


def test_participant_cannot_edit_someone_elses_reply(author_client, challenge, other, make_reply):
    reply = make_reply(challenge, other)
    url = f"/challenges/{challenge.id}/replies/{reply.id}/edit"
    assert author_client.get(url).status_code == 403
    assert author_client.post(url, data={"body": "Rewritten by someone else"}).status_code == 403
    db.session.expire_all()
    assert reply.body == "We ran a free first-year membership offer."


def test_admin_may_edit_any_reply(admin_client, challenge, other, make_reply):
    reply = make_reply(challenge, other)
    response = admin_client.post(
        f"/challenges/{challenge.id}/replies/{reply.id}/edit", data={"body": "Moderated."}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert reply.body == "Moderated."


def test_author_deletes_their_reply(other_client, challenge, other, make_reply):
    reply = make_reply(challenge, other)
    response = other_client.post(f"/challenges/{challenge.id}/replies/{reply.id}/delete")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/challenges/{challenge.id}#replies")
    assert reply_count() == 0


def test_deleting_the_accepted_reply_leaves_the_challenge_without_one(
    author_client, challenge, author, make_reply
):
    reply = make_reply(challenge, author)
    challenge.accepted_reply = reply
    db.session.flush()
    author_client.post(f"/challenges/{challenge.id}/replies/{reply.id}/delete")
    db.session.expire_all()
    assert challenge.accepted_reply_id is None
    assert reply_count() == 0


def test_participant_cannot_delete_someone_elses_reply(author_client, challenge, other, make_reply):
    reply = make_reply(challenge, other)
    assert (
        author_client.post(f"/challenges/{challenge.id}/replies/{reply.id}/delete").status_code
        == 403
    )
    assert reply_count() == 1


def test_admin_may_delete_any_reply(admin_client, challenge, other, make_reply):
    reply = make_reply(challenge, other)
    assert (
        admin_client.post(f"/challenges/{challenge.id}/replies/{reply.id}/delete").status_code
        == 302
    )
    assert reply_count() == 0


def test_a_reply_is_only_reachable_through_its_own_challenge(
    other_client, challenge, other, make_challenge, make_reply, author
):
    reply = make_reply(challenge, other)
    elsewhere = make_challenge(author, title="Another challenge entirely")
    assert (
        other_client.post(f"/challenges/{elsewhere.id}/replies/{reply.id}/delete").status_code
        == 404
    )
    assert reply_count() == 1


def test_reply_owner_sees_edit_and_delete_only_on_their_own_reply(
    other_client, challenge, other, author, make_reply
):
    mine = make_reply(challenge, other, body="Mine, all mine.")
    theirs = make_reply(challenge, author, body="The author's own note.")
    html = other_client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert f"/replies/{mine.id}/edit" in html
    assert f"/replies/{theirs.id}/edit" not in html


def test_a_database_error_while_replying_stores_nothing_and_shows_a_clean_error(
    other_client, challenge, monkeypatch
):
    def post_then_fail(challenge, author, *, body):
        services.post_reply(challenge, author, body=body)
        raise SQLAlchemyError("connection lost")

    db.session.commit()
    monkeypatch.setattr(replies.services, "post_reply", post_then_fail)
    response = other_client.post(
        f"/challenges/{challenge.id}/replies", data={"body": ANSWER}, headers=HTMX
    )
    assert response.status_code == 500
    assert b"<html" not in response.data and b"Something went wrong" in response.data
    assert b"connection lost" not in response.data
    assert reply_count() == 0
