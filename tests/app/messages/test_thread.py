"""A short message thread per accepted introduction: only its two people read and write it, the
other person gets a notification and an email, and both htmx branches answer."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Introduction, IntroductionMessage, Notification, OutboxMessage

HTMX = {"HX-Request": "true"}
ROLES = ("participant", "alumni", "coach", "admin")


@pytest.fixture
def pair(make_user):
    """Two managers with an accepted introduction between them."""
    sender, recipient = make_user(name="Sara Sender"), make_user(name="Rui Recipient")
    introduction = Introduction(
        sender_id=sender.id, recipient_id=recipient.id, message="Hi", status="accepted"
    )
    db.session.add(introduction)
    db.session.commit()
    return sender, recipient, introduction


def _url(introduction) -> str:
    return f"/introductions/{introduction.id}/messages"


def test_visitors_are_sent_to_log_in(client, pair):
    *_, introduction = pair
    assert client.get(_url(introduction)).status_code == 302
    assert client.post(_url(introduction), data={"body": "x"}).status_code == 302


@pytest.mark.parametrize("role", ROLES)
def test_someone_outside_the_introduction_cannot_read_or_write_it_whatever_their_role(
    login, make_user, pair, role
):
    *_, introduction = pair
    outsider = login(make_user(role=role))
    assert outsider.get(_url(introduction)).status_code == 404
    assert outsider.post(_url(introduction), data={"body": "Let me in"}).status_code == 404
    assert db.session.scalar(db.select(db.func.count(IntroductionMessage.id))) == 0


@pytest.mark.parametrize("role", ROLES)
def test_both_people_of_an_accepted_introduction_read_the_thread_whatever_their_role(
    login, make_user, role
):
    sender, recipient = make_user(role=role), make_user(role="participant")
    introduction = Introduction(sender_id=sender.id, recipient_id=recipient.id, status="accepted")
    db.session.add(introduction)
    db.session.commit()
    for person in (sender, recipient):
        page = login(person).get(_url(introduction))
        assert page.status_code == 200 and b"Send message" in page.data


def test_a_pending_introduction_has_no_thread_yet(login, pair):
    sender, _, introduction = pair
    introduction.status = "pending"
    db.session.commit()
    assert login(sender).get(_url(introduction)).status_code == 404


def test_sending_without_htmx_redirects_to_the_new_message(login, pair):
    sender, _, introduction = pair
    response = login(sender).post(_url(introduction), data={"body": "Shall we talk on Tuesday?"})
    message = db.session.scalar(db.select(IntroductionMessage))
    assert response.status_code == 302 and response.location.endswith(
        f"{_url(introduction)}#message-{message.id}"
    )
    assert message.body == "Shall we talk on Tuesday?" and message.author_id == sender.id


def test_sending_with_htmx_returns_the_thread_with_the_new_message(login, pair):
    sender, _, introduction = pair
    response = login(sender).post(
        _url(introduction), data={"body": "Shall we talk on Tuesday?"}, headers=HTMX
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and '<section id="thread"' in text and "<html" not in text
    assert "Shall we talk on Tuesday?" in text


def test_the_thread_page_and_its_fragment_share_one_markup(login, pair):
    sender, _, introduction = pair
    client = login(sender)
    assert b"<html" in client.get(_url(introduction)).data
    fragment = client.get(_url(introduction), headers=HTMX).get_data(as_text=True)
    assert fragment.lstrip().startswith("<section") or '<section id="thread"' in fragment
    assert "<html" not in fragment


def test_the_other_person_gets_a_notification_and_an_email(login, pair):
    sender, recipient, introduction = pair
    login(sender).post(_url(introduction), data={"body": "Shall we talk on Tuesday?"})
    notification = db.session.scalar(
        db.select(Notification).filter_by(user_id=recipient.id, event="introduction_message")
    )
    assert notification is not None and "Sara Sender wrote to you" in notification.message
    assert notification.link.startswith(_url(introduction))
    mail = db.session.scalar(db.select(OutboxMessage).filter_by(user_id=recipient.id))
    assert mail is not None and "Shall we talk on Tuesday?" in mail.body
    assert (
        db.session.scalar(
            db.select(Notification).filter_by(user_id=sender.id, event="introduction_message")
        )
        is None
    )


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain form"])
def test_an_empty_message_is_refused_in_place_and_nothing_is_stored(login, pair, htmx):
    sender, _, introduction = pair
    response = login(sender).post(
        _url(introduction), data={"body": "   "}, headers=HTMX if htmx else {}
    )
    assert response.status_code == 422 and b"Write a message before sending." in response.data
    assert (b"<html" in response.data) is not htmx
    assert db.session.scalar(db.select(db.func.count(IntroductionMessage.id))) == 0


def test_a_too_long_message_is_refused_and_the_text_is_kept(login, pair):
    sender, _, introduction = pair
    response = login(sender).post(_url(introduction), data={"body": "x" * 2001})
    assert (
        response.status_code == 422 and b"Keep the message under 2000 characters" in response.data
    )
    assert b"x" * 2001 in response.data


def test_accepted_introductions_link_to_their_messages(login, pair):
    sender, _, introduction = pair
    page = login(sender).get("/peers/introductions").get_data(as_text=True)
    assert f'href="{_url(introduction)}"' in page
