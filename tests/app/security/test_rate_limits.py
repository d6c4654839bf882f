"""Registration and reset mails are rate-limited (case 11); the reset answer takes the same time
for known and unknown emails (case 13)."""

from __future__ import annotations

import pytest

from app.auth import routes
from app.extensions import db

ELSEWHERE = {"REMOTE_ADDR": "198.51.100.23"}


@pytest.fixture
def small_limits(app):
    app.config.update(
        REGISTER_RATE_LIMIT="3 per hour",
        PASSWORD_RESET_RATE_LIMIT="4 per hour",
        PASSWORD_RESET_RATE_LIMIT_PER_EMAIL="2 per hour",
    )


def registration(n):
    return {
        "name": f"Person {n}",
        "email": f"person{n}@cluster.si",
        "password": "a long passphrase",
        "confirm": "a long passphrase",
        "country": "SI",
        "organisation": "Cluster",
    }


def test_registrations_from_one_address_are_limited(small_limits, app):
    for n in range(3):
        assert app.test_client().post("/register", data=registration(n)).status_code == 302

    refused = app.test_client().post("/register", data=registration(9))

    assert refused.status_code == 429
    assert routes.TOO_MANY_REGISTRATIONS in refused.get_data(as_text=True)
    assert (
        app.test_client()
        .post("/register", data=registration(9), environ_base=ELSEWHERE)
        .status_code
        == 302
    )


def test_the_registration_page_itself_is_not_limited(small_limits, client):
    assert all(client.get("/register").status_code == 200 for _ in range(6))


def test_reset_mails_to_one_email_are_limited_from_any_address(
    small_limits, client, make_user, mailbox
):
    make_user(email="eva@cluster.at")
    db.session.commit()
    for _ in range(2):
        client.post("/forgot-password", data={"email": "eva@cluster.at"})

    refused = client.post(
        "/forgot-password", data={"email": "EVA@cluster.at"}, environ_base=ELSEWHERE
    )

    assert refused.status_code == 429 and routes.TOO_MANY_RESETS in refused.get_data(as_text=True)
    assert len(mailbox) == 2


def test_unknown_emails_are_limited_the_same_way(small_limits, client):
    for _ in range(2):
        assert (
            client.post("/forgot-password", data={"email": "nobody@cluster.at"}).status_code == 302
        )
    assert client.post("/forgot-password", data={"email": "nobody@cluster.at"}).status_code == 429


def test_reset_requests_from_one_address_are_limited(small_limits, client):
    for n in range(4):
        client.post("/forgot-password", data={"email": f"guess{n}@cluster.at"})
    assert client.post("/forgot-password", data={"email": "another@cluster.at"}).status_code == 429


def test_known_and_unknown_emails_wait_until_the_same_moment(app, client, make_user, monkeypatch):
    app.config["PASSWORD_RESET_MIN_SECONDS"] = 0.5
    clock = iter([100.0, 100.01, 200.0, 200.002])  # known: sends a mail (slower); unknown: quick
    waits = []
    monkeypatch.setattr(routes.time, "monotonic", lambda: next(clock))
    monkeypatch.setattr(routes.time, "sleep", waits.append)
    make_user(email="eva@cluster.at")
    db.session.commit()

    client.post("/forgot-password", data={"email": "eva@cluster.at"})
    client.post("/forgot-password", data={"email": "nobody@cluster.at"})

    assert waits == [
        pytest.approx(0.49),
        pytest.approx(0.498),
    ]  # both answer 0.5 s after they began
