"""My data: the JSON download and deleting the account (content stays as "Former member")."""

from __future__ import annotations

import json

import pytest

from app.extensions import db
from app.models import (
    Challenge,
    HiddenSuggestion,
    Introduction,
    Notification,
    Profile,
    Reply,
    StoredVector,
    User,
)
from app.notifications.services import notify
from tests.app.peers.conftest import store_vectors, unit
from tests.factories import PASSWORD


@pytest.fixture
def active_member(make_user, make_challenge, make_reply):
    """Ana with a challenge, a reply, an introduction, a notification and vectors; Bo on the other side."""
    ana = make_user(name="Ana Novak", email="ana@example.eu")
    bo = make_user(name="Bo Berg")
    challenge = make_challenge(ana, title="Raising fees")
    make_reply(make_challenge(bo, title="Bo's question"), ana, body="Try a tiered fee.")
    db.session.add(
        Introduction(sender_id=ana.id, recipient_id=bo.id, message="Hello Bo", status="accepted")
    )
    db.session.add(HiddenSuggestion(user_id=bo.id, hidden_user_id=ana.id))
    notify(ana, event="reply_posted", message="Bo replied")
    store_vectors("profile", ana.profile.id, about=unit(0))
    store_vectors("challenge", challenge.id, text=unit(1))
    db.session.commit()
    return ana, bo


def test_account_page_offers_download_and_delete(active_member, login):
    html = login(active_member[0]).get("/account").get_data(as_text=True)
    assert "Download my data" in html and "Delete my account" in html


def test_export_contains_everything_about_me(active_member, login):
    response = login(active_member[0]).get("/account/export.json")
    assert (
        response.mimetype == "application/json"
        and "attachment" in response.headers["Content-Disposition"]
    )
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == "ana@example.eu"
    assert data["profile"]["ecosystems"] == ["digital"]
    assert [c["title"] for c in data["challenges"]] == ["Raising fees"]
    assert [r["body"] for r in data["replies"]] == ["Try a tiered fee."]
    assert data["introductions"][0] == {
        **data["introductions"][0],
        "direction": "sent",
        "with": "Bo Berg",
        "status": "accepted",
    }
    assert [n["message"] for n in data["notifications"]] == ["Bo replied"]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"password": "wrong", "confirm": "y"}, "password is not right"),
        ({"password": "", "confirm": "y"}, "Enter your password"),
        ({"password": PASSWORD}, "Tick the box"),
    ],
)
def test_deletion_needs_the_password_and_the_tick(active_member, login, data, error):
    response = login(active_member[0]).post("/account/delete", data=data)
    assert response.status_code == 422 and error in response.get_data(as_text=True)
    assert db.session.get(User, active_member[0].id).is_active_account


def test_deletion_anonymises_content_and_removes_personal_data(active_member, login):
    ana, bo = active_member
    ana_id, profile_id = ana.id, ana.profile.id
    client = login(ana)
    response = client.post("/account/delete", data={"password": PASSWORD, "confirm": "y"})
    assert response.status_code == 302
    assert db.session.scalar(db.select(Challenge).filter_by(title="Raising fees")).author_id is None
    assert db.session.scalar(db.select(Reply).filter_by(body="Try a tiered fee.")).author_id is None
    assert db.session.get(Profile, profile_id) is None
    assert db.session.scalar(db.select(StoredVector).filter_by(owner_kind="profile")) is None
    assert db.session.scalar(db.select(Introduction)) is None
    assert db.session.scalar(db.select(HiddenSuggestion)) is None
    assert db.session.scalar(db.select(Notification).filter_by(user_id=ana_id)) is None
    assert db.session.get(User, ana_id) is None
    assert client.get("/account").status_code == 302  # logged out


def test_delete_post_without_csrf_is_refused(app, active_member, login):
    app.config["WTF_CSRF_ENABLED"] = True
    assert (
        login(active_member[0])
        .post("/account/delete", data={"password": PASSWORD, "confirm": "y"})
        .status_code
        == 400
    )
