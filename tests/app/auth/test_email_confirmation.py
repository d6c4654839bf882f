"""Confirming a new account's email: the mailed link, the banner with "Resend confirmation email",
and people invited through "Import people" confirming by choosing their password (issue 11)."""

from __future__ import annotations

import re

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import select

from app.auth import routes
from app.auth.tokens import make_confirmation_token, make_reset_token
from app.extensions import db
from app.mail import MASK
from app.models import OutboxMessage, User
from tests.app.transfer.test_import import GOOD, upload, upload_id

ELSEWHERE = {"REMOTE_ADDR": "198.51.100.23"}


def confirmation_path(mail) -> str:
    return re.search(r"http://localhost(/confirm-email/\S+)", mail["body"]).group(1)


@pytest.fixture
def newcomer(make_user):
    """Someone who registered and has not opened the link yet."""
    user = make_user(name="Nina New", email="nina@cluster.hr", verified=False)
    db.session.commit()
    return user


def test_the_mailed_link_confirms_the_address(client, registration, mailbox):
    client.post("/register", data=registration)
    [mail] = mailbox

    response = client.get(confirmation_path(mail))

    assert response.status_code == 302 and response.location == "/login"
    user = db.session.scalar(select(User))
    assert user.email_verified and user.email_verified_at is not None
    assert "Your email address is confirmed." in client.get("/login").get_data(as_text=True)


def test_the_confirmation_token_is_masked_in_the_outbox(client, registration, mailbox):
    client.post("/register", data=registration)

    token = confirmation_path(mailbox[0]).rpartition("/")[2]
    [kept] = db.session.scalars(select(OutboxMessage)).all()
    assert token not in kept.body and MASK in kept.body


def test_a_logged_in_owner_goes_home_after_confirming(newcomer, login):
    client = login(newcomer)
    with client.application.test_request_context():
        token = make_confirmation_token(newcomer)

    response = client.get(f"/confirm-email/{token}")

    assert response.location == "/"
    assert "Confirm your email address" not in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    "token",
    ["not-a-token", "eyJ1c2VyIjoxfQ.forged.signature"],
)
def test_a_bad_link_says_what_to_do(client, newcomer, token):
    response = client.get(f"/confirm-email/{token}")

    assert response.status_code == 400
    assert "Resend confirmation email" in response.get_data(as_text=True)
    assert db.session.get(User, newcomer.id).email_verified_at is None


def test_an_expired_link_is_refused(app, client, newcomer, monkeypatch):
    with app.test_request_context():
        token = make_confirmation_token(newcomer)
    later = (
        TimestampSigner.get_timestamp(TimestampSigner("x"))
        + app.config["EMAIL_CONFIRMATION_MAX_AGE"]
        + 60
    )
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: later)

    assert client.get(f"/confirm-email/{token}").status_code == 400
    assert db.session.get(User, newcomer.id).email_verified_at is None


def test_a_reset_token_is_not_a_confirmation_token(app, client, newcomer):
    with app.test_request_context():
        token = make_reset_token(newcomer)

    assert client.get(f"/confirm-email/{token}").status_code == 400


def test_a_link_made_for_another_address_is_refused(app, client, newcomer):
    with app.test_request_context():
        token = make_confirmation_token(newcomer)
    newcomer.email = "nina@elsewhere.hr"
    db.session.commit()

    assert client.get(f"/confirm-email/{token}").status_code == 400


def test_the_link_page_keeps_its_token_out_of_referrers(app, client, newcomer):
    with app.test_request_context():
        token = make_confirmation_token(newcomer)
    assert client.get(f"/confirm-email/{token}").headers["Referrer-Policy"] == "no-referrer"


def test_an_unconfirmed_member_can_log_in_and_sees_the_banner(client, newcomer, log_in):
    response = log_in("nina@cluster.hr")

    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Confirm your email address" in page
    assert "Resend confirmation email" in page


def test_confirmed_members_and_visitors_see_no_banner(client, make_user, login):
    member = make_user()
    assert "Resend confirmation email" not in login(member).get("/").get_data(as_text=True)
    assert "Resend confirmation email" not in client.get("/").get_data(as_text=True)


def test_resend_mails_a_new_link_and_returns_to_the_page(newcomer, login, mailbox):
    client = login(newcomer)

    response = client.post("/confirm-email/resend", data={"next": "/challenges/"})

    assert response.status_code == 302 and response.location == "/challenges/"
    [mail] = mailbox
    assert mail["recipient"] == "nina@cluster.hr"
    assert client.get(confirmation_path(mail)).status_code == 302
    assert db.session.get(User, newcomer.id).email_verified


def test_resend_never_redirects_off_site(newcomer, login):
    response = login(newcomer).post("/confirm-email/resend", data={"next": "//evil.example/"})
    assert response.location == "/"


def test_resend_for_a_confirmed_member_sends_nothing(make_user, login, mailbox):
    client = login(make_user())

    client.post("/confirm-email/resend")

    assert mailbox == []
    assert "already confirmed" in client.get("/").get_data(as_text=True)


def test_resend_needs_a_login(client, mailbox):
    response = client.post("/confirm-email/resend")
    assert response.status_code == 302 and "/login" in response.location
    assert mailbox == []


def test_resend_is_rate_limited_per_account_from_any_address(app, newcomer, login, mailbox):
    app.config["CONFIRMATION_RATE_LIMIT_PER_ACCOUNT"] = "2 per hour"
    client = login(newcomer)
    for _ in range(2):
        assert client.post("/confirm-email/resend").status_code == 302

    refused = client.post("/confirm-email/resend", environ_base=ELSEWHERE)

    assert refused.status_code == 429
    assert routes.TOO_MANY_CONFIRMATIONS in refused.get_data(as_text=True)
    assert len(mailbox) == 2


def test_resend_is_rate_limited_per_address(app, make_user, login, mailbox):
    app.config["CONFIRMATION_RATE_LIMIT"] = "2 per hour"
    for n in range(2):
        client = login(make_user(email=f"new{n}@cluster.hr", verified=False))
        assert client.post("/confirm-email/resend").status_code == 302

    third = login(make_user(email="new9@cluster.hr", verified=False))
    assert third.post("/confirm-email/resend").status_code == 429
    assert third.post("/confirm-email/resend", environ_base=ELSEWHERE).status_code == 302


def test_people_imported_and_invited_are_confirmed_when_they_choose_a_password(
    make_user, login, client, mailbox
):
    admin = login(make_user(role="admin"))
    admin.post("/admin/import/confirm", data={"upload": upload_id(upload(admin, GOOD))})
    imported = db.session.scalar(select(User).filter_by(email="ana@wood.si"))
    assert not imported.email_verified
    assert "Ana Kovač" not in admin.get("/profiles/").get_data(as_text=True)

    body = next(m["body"] for m in mailbox if m["recipient"] == "ana@wood.si")
    path = "/reset-password/" + body.split("/reset-password/")[1].split()[0]
    client.post(
        path, data={"password": "a long new passphrase", "confirm": "a long new passphrase"}
    )

    assert db.session.get(User, imported.id).email_verified
    assert "Ana Kovač" in admin.get("/profiles/").get_data(as_text=True)
