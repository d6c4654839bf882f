"""The challenge page, and editing or deleting a challenge: only its author (or an admin) may."""

from __future__ import annotations

import pytest
from jinja2 import ChoiceLoader, DictLoader
from sqlalchemy import func, select

from app.extensions import db
from app.models import Challenge, Reply
from app.signals import challenge_saved

EDIT = {
    "title": "How do we keep SME members engaged?",
    "body": "Membership renewals fell by a fifth this year. What worked for you?",
    "themes": ["membership", "services"],
    "ecosystem": "digital",
}


def test_detail_shows_the_challenge_its_author_and_the_reply_form(other_client, challenge, author):
    html = other_client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "<h1>How do we attract more SME members?</h1>" in html
    assert "<p>Our membership has stalled at 80 companies. What worked for you?</p>" in html
    assert "Ana Author" in html and "Portugal" in html
    assert "Membership growth and engagement" in html
    assert "Ecosystem: Digital" in html
    assert "badge-open" in html
    assert '<label for="body">Your reply</label>' in html
    assert 'value="Post reply"' in html
    assert "Edit challenge" not in html  # not theirs


def test_detail_is_public_but_anonymous_visitors_are_asked_to_log_in_to_reply(client, challenge):
    html = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "How do we attract more SME members?" in html
    assert "to reply." in html and 'id="reply-form"' not in html


def test_detail_links_the_author_to_their_profile_when_profiles_has_a_page(
    app, client, challenge, author
):
    if "profiles.detail" not in app.view_functions:
        pytest.skip("the profiles area has no detail page in this build")
    html = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert f'<a href="/profiles/{author.profile.id}">Ana Author</a>' in html


def test_unknown_challenge_is_a_404(client):
    assert client.get("/challenges/999").status_code == 404


def test_author_sees_edit_and_delete(author_client, challenge):
    html = author_client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "Edit challenge" in html and "Yes, delete this challenge" in html


def test_edit_form_is_prefilled(author_client, challenge):
    html = author_client.get(f"/challenges/{challenge.id}/edit").get_data(as_text=True)
    assert 'value="How do we attract more SME members?"' in html
    assert "Our membership has stalled" in html
    assert 'value="Save changes"' in html


def test_author_edits_their_challenge(author_client, challenge):
    received = []
    with challenge_saved.connected_to(lambda sender, **kw: received.append(kw)):
        response = author_client.post(f"/challenges/{challenge.id}/edit", data=EDIT)
    assert response.status_code == 302
    db.session.expire_all()
    assert challenge.title == EDIT["title"]
    assert challenge.themes == ["membership", "services"]
    assert "renewals fell" in challenge.body_html
    assert received == [{"created": False, "changed_text": True}]


def test_changing_only_the_tags_is_reported_as_no_text_change(author_client, challenge):
    received = []
    data = {
        "title": challenge.title,
        "body": challenge.body,
        "themes": ["skills"],
        "ecosystem": "health",
    }
    with challenge_saved.connected_to(lambda sender, **kw: received.append(kw)):
        author_client.post(f"/challenges/{challenge.id}/edit", data=data)
    db.session.expire_all()
    assert (challenge.themes, challenge.ecosystem) == (["skills"], "health")
    assert received == [{"created": False, "changed_text": False}]


def test_admin_may_edit_any_challenge(admin_client, challenge):
    assert admin_client.post(f"/challenges/{challenge.id}/edit", data=EDIT).status_code == 302
    db.session.expire_all()
    assert challenge.title == EDIT["title"]


def test_participant_cannot_edit_someone_elses_challenge(other_client, challenge):
    assert other_client.get(f"/challenges/{challenge.id}/edit").status_code == 403
    assert other_client.post(f"/challenges/{challenge.id}/edit", data=EDIT).status_code == 403
    db.session.expire_all()
    assert challenge.title == "How do we attract more SME members?"


@pytest.mark.parametrize(
    "changes",
    [{"title": "Hm"}, {"body": "short"}, {"themes": []}, {"ecosystem": "moon"}],
)
def test_an_invalid_edit_leaves_the_challenge_unchanged(author_client, challenge, changes):
    response = author_client.post(f"/challenges/{challenge.id}/edit", data=EDIT | changes)
    assert response.status_code == 422
    assert b"field-error" in response.data
    db.session.expire_all()
    assert challenge.title == "How do we attract more SME members?"
    assert challenge.themes == ["membership"]
    assert challenge.ecosystem == "digital"


def test_author_deletes_a_challenge_nobody_replied_to(author_client, challenge, author, make_reply):
    make_reply(challenge, author, body="An update of my own")
    response = author_client.post(f"/challenges/{challenge.id}/delete")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/challenges/")
    assert db.session.scalar(select(func.count(Challenge.id))) == 0
    assert db.session.scalar(select(func.count(Reply.id))) == 0


def test_deleting_a_challenge_keeps_others_replies_under_removed_by_the_author(
    author_client, challenge, author, other, make_reply, login
):
    from app.notifications.services import notify

    theirs = make_reply(challenge, other, body="Olaf's hard-won advice")
    make_reply(challenge, author, body="Ana's own follow-up")
    challenge.accepted_reply = theirs
    notify(other, event="reply_posted", message="Ana answered", link=f"/challenges/{challenge.id}")
    db.session.commit()

    author_client.post(f"/challenges/{challenge.id}/delete")
    db.session.expire_all()

    kept = db.session.get(Challenge, challenge.id)
    assert kept.is_removed and kept.title == "Removed by the author" and kept.body == ""
    assert [r.body for r in kept.replies] == ["Olaf's hard-won advice"]
    page = login(other).get(
        f"/challenges/{challenge.id}"
    )  # the notification's link still leads here
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "hard-won advice" in text and "removed by its author" in text
    assert "Our membership has stalled" not in text and "own follow-up" not in text


def test_a_removed_challenge_leaves_the_lists_and_takes_no_replies(
    author_client, challenge, other, make_reply, login
):
    make_reply(challenge, other)
    db.session.commit()
    author_client.post(f"/challenges/{challenge.id}/delete")
    client = login(other)

    assert "Removed by the author" not in client.get("/challenges/").get_data(as_text=True)
    assert (
        client.post(f"/challenges/{challenge.id}/replies", data={"body": "Late"}).status_code == 409
    )
    assert author_client.get(f"/challenges/{challenge.id}/edit").status_code == 404


def test_admin_may_delete_any_challenge(admin_client, challenge):
    assert admin_client.post(f"/challenges/{challenge.id}/delete").status_code == 302
    assert db.session.scalar(select(func.count(Challenge.id))) == 0


def test_participant_cannot_delete_someone_elses_challenge(other_client, challenge):
    assert other_client.post(f"/challenges/{challenge.id}/delete").status_code == 403
    assert db.session.scalar(select(func.count(Challenge.id))) == 1


def test_delete_is_a_post_only(author_client, challenge):
    assert author_client.get(f"/challenges/{challenge.id}/delete").status_code == 405


def test_anonymous_visitor_cannot_edit_or_delete(client, challenge):
    assert client.post(f"/challenges/{challenge.id}/edit", data=EDIT).status_code == 302
    assert client.post(f"/challenges/{challenge.id}/delete").status_code == 302
    assert db.session.scalar(select(func.count(Challenge.id))) == 1


def test_replies_are_listed_in_the_order_they_were_posted(
    client, challenge, other, author, make_reply
):
    make_reply(challenge, other, body="First came this.")
    make_reply(challenge, author, body="Then the author answered.")
    make_reply(challenge, other, body="And a last word.")
    html = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    positions = [html.index(text) for text in ("First came", "Then the author", "And a last")]
    assert positions == sorted(positions)
    assert '<h2 id="replies-heading">3 replies</h2>' in html


def test_detail_has_a_slot_for_the_peers_suggestions(app, client, challenge):
    suggestions = DictLoader(
        {"peers/_challenge_suggestions.html": "<p>Peers for {{ challenge.id }}</p>"}
    )
    app.jinja_env.loader = ChoiceLoader([suggestions, app.jinja_env.loader])
    html = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert f"<p>Peers for {challenge.id}</p>" in html
