"""Password reset: the same answer for every email, a link that expires and works once."""

import re
import time

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import select

from app.auth.tokens import make_reset_token
from app.extensions import db
from app.models import OutboxMessage
from tests.factories import PASSWORD

SENT = "If an account exists for that email, we&#39;ve sent a link"
INVALID = "This reset link has expired or was already used. Ask for a new one."


def outbox():
    return db.session.scalars(select(OutboxMessage)).all()


@pytest.fixture
def reset_path_from_outbox(mailbox):
    """reset_path_from_outbox() → the path of the one reset link mailed (as the recipient got it)."""

    def _path():
        [message] = mailbox
        return re.search(r"http://localhost(/reset-password/\S+)", message["body"]).group(1)

    return _path


def test_forgot_password_page_asks_for_an_email(client):
    page = client.get("/forgot-password").get_data(as_text=True)
    assert '<label for="email">Email</label>' in page


def test_reset_link_is_mailed_to_a_known_email(client, make_user):
    make_user(email="eva@cluster.at")
    db.session.commit()

    response = client.post(
        "/forgot-password", data={"email": "EVA@cluster.at"}, follow_redirects=True
    )

    assert SENT in response.get_data(as_text=True)
    [message] = outbox()
    assert message.recipient == "eva@cluster.at"
    assert "http://localhost/reset-password/" in message.body


def test_reset_answer_is_identical_for_known_and_unknown_emails(client, make_user):
    make_user(email="eva@cluster.at")
    db.session.commit()

    known = client.post("/forgot-password", data={"email": "eva@cluster.at"})
    unknown = client.post("/forgot-password", data={"email": "nobody@cluster.at"})

    assert (known.status_code, known.location) == (unknown.status_code, unknown.location)
    assert known.get_data() == unknown.get_data()
    assert len(outbox()) == 1


def test_deactivated_accounts_get_no_reset_link(client, make_user):
    make_user(email="eva@cluster.at", active=False)
    db.session.commit()

    client.post("/forgot-password", data={"email": "eva@cluster.at"})

    assert outbox() == []


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Enter your email address."),
        ("not-an-email", "Enter a valid email address"),
        ("e" * 250 + "@x.eu", "Email must be at most 254 characters."),
    ],
)
def test_bad_forgot_password_input_is_refused(client, email, message):
    response = client.post("/forgot-password", data={"email": email})

    assert message in response.get_data(as_text=True)
    assert outbox() == []


def test_reset_link_sets_a_new_password(client, make_user, log_in, reset_path_from_outbox):
    user = make_user(email="eva@cluster.at")
    db.session.commit()
    client.post("/forgot-password", data={"email": "eva@cluster.at"})
    path = reset_path_from_outbox()

    assert client.get(path).status_code == 200
    response = client.post(
        path, data={"password": "a brand new phrase", "confirm": "a brand new phrase"}
    )

    assert response.location == "/login"
    db.session.refresh(user)
    assert user.check_password("a brand new phrase")
    assert log_in("eva@cluster.at", PASSWORD).status_code == 200
    assert log_in("eva@cluster.at", "a brand new phrase").status_code == 302


def test_reset_link_works_only_once(client, make_user, reset_path_from_outbox):
    make_user(email="eva@cluster.at")
    db.session.commit()
    client.post("/forgot-password", data={"email": "eva@cluster.at"})
    path = reset_path_from_outbox()
    client.post(path, data={"password": "a brand new phrase", "confirm": "a brand new phrase"})

    again = client.post(
        path, data={"password": "yet another phrase", "confirm": "yet another phrase"}
    )

    assert again.status_code == 400
    assert INVALID in again.get_data(as_text=True)


def test_expired_reset_link_is_refused(app, client, make_user, monkeypatch):
    user = make_user()
    db.session.commit()
    token = make_reset_token(user)
    later = int(time.time()) + app.config["PASSWORD_RESET_MAX_AGE"] + 60
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: later)

    response = client.get(f"/reset-password/{token}")

    assert response.status_code == 400
    assert INVALID in response.get_data(as_text=True)


@pytest.mark.parametrize("token", ["garbage", "eyJ1c2VyIjoxfQ.AAAAAA.tampered"])
def test_forged_reset_link_is_refused(client, make_user, token):
    make_user()
    db.session.commit()

    response = client.get(f"/reset-password/{token}")

    assert response.status_code == 400
    assert INVALID in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"password": "", "confirm": ""}, "Enter a password."),
        ({"password": "short", "confirm": "short"}, "Password must be 10 to 128 characters long."),
        (
            {"password": "a brand new phrase", "confirm": "different"},
            "The two passwords do not match.",
        ),
    ],
)
def test_bad_new_password_is_refused(client, make_user, data, message):
    user = make_user()
    db.session.commit()

    response = client.post(f"/reset-password/{make_reset_token(user)}", data=data)

    assert message in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_reset_page_sends_no_referrer(client, make_user):
    user = make_user()
    db.session.commit()

    response = client.get(f"/reset-password/{make_reset_token(user)}")

    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_the_outbox_never_keeps_the_reset_token(client, make_user, mailbox):
    make_user(email="eva@cluster.at")
    db.session.commit()
    client.post("/forgot-password", data={"email": "eva@cluster.at"})

    token = re.search(r"/reset-password/(\S+)", mailbox[0]["body"]).group(1)
    [kept] = outbox()

    assert token not in kept.body
    assert "/reset-password/[hidden: only the recipient's copy has it]" in kept.body


def test_with_a_mail_server_nothing_is_kept_in_the_outbox(app, client, make_user, monkeypatch):
    from app.extensions import mail

    sent = []
    monkeypatch.setattr(mail, "send", sent.append)
    app.config["MAIL_SERVER"] = "smtp.example.eu"
    make_user(email="eva@cluster.at")
    db.session.commit()

    client.post("/forgot-password", data={"email": "eva@cluster.at"})

    assert outbox() == []
    assert len(sent) == 1 and "/reset-password/" in sent[0].body and "[hidden" not in sent[0].body
