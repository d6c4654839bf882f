"""Registration and forgot-password tell nobody which emails have an account (issue 11, case 13):
the same answer, byte for byte apart from the CSRF token, the same work on both paths, and a mail
to the owner instead of a message on the page. Timing is checked through the code path (the same
hashing and the same minimum wait on both paths), never with a stopwatch."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.auth import registration as registration_module
from app.auth import routes
from app.extensions import db
from app.models import User
from app.models import user as user_module

OWNER = "ana@cluster.si"


def form(email: str) -> dict:
    return {
        "name": "Ana Novak",
        "email": email,
        "password": "a long passphrase",
        "confirm": "a long passphrase",
        "country": "SI",
        "organisation": "Slovenian Wood Cluster",
    }


@pytest.fixture
def owner(make_user):
    user = make_user(name="Ana Owner", email=OWNER)
    db.session.commit()
    return user


def without_csrf_token(page: bytes) -> bytes:
    """The page with its CSRF token (meta tag, hx-headers, hidden inputs) blanked out."""
    token = re.search(rb'<meta name="csrf-token" content="([^"]*)"', page).group(1)
    return page.replace(token, b"CSRF") if token else page


def answer(app, email: str):
    """(status, location, body of the page it leads to) for one registration, in a fresh client."""
    client = app.test_client()
    response = client.post("/register", data=form(email))
    page = client.get(response.location)
    return response.status_code, response.location, without_csrf_token(page.get_data())


def test_registration_answers_byte_for_byte_the_same_for_a_taken_email(app, owner):
    new = answer(app, "someone.new@cluster.si")
    taken = answer(app, "ANA@cluster.si")

    assert new[0] == taken[0] == 302
    assert new[1] == taken[1]
    assert new[2] == taken[2]
    assert b"already exists" not in taken[2]
    assert db.session.scalar(select(func.count(User.id))) == 2  # the owner and the new one


def test_a_taken_email_mails_its_owner_with_login_and_reset_links(client, owner, mailbox):
    client.post("/register", data=form(OWNER))

    [mail] = mailbox
    assert mail["recipient"] == OWNER
    assert mail["subject"] == "Someone tried to create an account with your email address"
    assert (
        "Someone tried to create a Cluster Booster Community account with this address"
        in (mail["body"])
    )
    assert "http://localhost/login" in mail["body"]
    assert "http://localhost/forgot-password" in mail["body"]
    assert "/confirm-email/" not in mail["body"]
    assert db.session.get(User, owner.id).check_password("a long passphrase") is False


def test_both_paths_hash_one_password_and_wait_the_same_minimum(app, owner, monkeypatch):
    hashes, waits = [], []

    def counting_hash(password, **kwargs):
        hashes.append(password)
        return "scrypt:counted"

    monkeypatch.setattr(user_module, "generate_password_hash", counting_hash)
    monkeypatch.setattr(registration_module, "generate_password_hash", counting_hash)
    monkeypatch.setattr(routes, "wait_until", lambda deadline: waits.append(deadline))
    app.config["REGISTER_MIN_SECONDS"] = 7.0
    monotonic = iter(range(100, 200))
    monkeypatch.setattr(routes.time, "monotonic", lambda: next(monotonic))

    app.test_client().post("/register", data=form("someone.new@cluster.si"))
    app.test_client().post("/register", data=form(OWNER))

    assert hashes == ["a long passphrase", "a long passphrase"]
    assert waits == [100 + 7.0, 101 + 7.0]  # each deadline is its own start + the minimum


def test_a_concurrent_registration_of_the_same_email_mails_the_owner(
    client, owner, mailbox, monkeypatch
):
    # The other request created the account between our look-up and our insert.
    looked_up = []

    def not_yet_then_found(email):
        looked_up.append(email)
        return None if len(looked_up) == 1 else db.session.get(User, owner.id)

    monkeypatch.setattr(registration_module, "find_user_by_email", not_yet_then_found)

    response = client.post("/register", data=form(OWNER))

    assert response.status_code == 302
    assert [m["subject"] for m in mailbox] == [
        "Someone tried to create an account with your email address"
    ]
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_registrations_for_one_email_are_limited_from_any_address(app, owner, mailbox):
    app.config["REGISTER_RATE_LIMIT_PER_EMAIL"] = "2 per hour"
    for n in range(2):
        app.test_client().post(
            "/register", data=form(OWNER), environ_base={"REMOTE_ADDR": f"10.0.0.{n}"}
        )

    refused = app.test_client().post(
        "/register", data=form(OWNER), environ_base={"REMOTE_ADDR": "10.0.0.9"}
    )

    assert refused.status_code == 429 and len(mailbox) == 2


@pytest.mark.parametrize("email", [OWNER, "nobody@cluster.si"])
def test_forgot_password_waits_the_same_minimum_for_known_and_unknown_emails(
    app, owner, monkeypatch, email
):
    waits = []
    monkeypatch.setattr(routes, "wait_until", lambda deadline: waits.append(deadline))
    app.config["PASSWORD_RESET_MIN_SECONDS"] = 5.0
    monkeypatch.setattr(routes.time, "monotonic", lambda: 1000.0)

    response = app.test_client().post("/forgot-password", data={"email": email})

    assert response.status_code == 302
    assert waits == [1005.0]


def test_forgot_password_answers_byte_for_byte_the_same(app, owner):
    def page(email):
        client = app.test_client()
        response = client.post("/forgot-password", data={"email": email})
        followed = client.get(response.location)
        return response.status_code, response.location, without_csrf_token(followed.get_data())

    assert page(OWNER) == page("nobody@cluster.si")
