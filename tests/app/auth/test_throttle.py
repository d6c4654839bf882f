"""The login throttle: per (account, address) with a doubling wait, caps per account and per
address, and no more guesses checked than allowed, however many arrive at once."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.auth import services
from app.extensions import db
from app.models import LoginAttempt, utcnow

ELSEWHERE = {"REMOTE_ADDR": "203.0.113.9"}


@pytest.fixture
def small_limits(app):
    app.config.update(
        LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS=3,
        LOGIN_BACKOFF_SECONDS=60,
        LOGIN_MAX_FAILURES_PER_ACCOUNT=6,
        LOGIN_MAX_FAILURES_PER_IP=8,
        LOGIN_FAILURE_WINDOW=600,
    )


def test_account_is_throttled_from_one_address_after_too_many_failures(
    small_limits, make_user, log_in
):
    make_user(email="eva@cluster.at")
    db.session.commit()
    for _ in range(3):
        assert log_in("eva@cluster.at", "wrong password").status_code == 200

    response = log_in("eva@cluster.at")  # even the right password waits

    assert response.status_code == 429
    assert "Too many attempts. Wait 1 minute and try again." in response.get_data(as_text=True)


def test_the_wait_doubles_with_each_failure_past_the_limit(small_limits, app):
    now = utcnow()
    db.session.add_all(
        [LoginAttempt(email="eva@cluster.at", ip="10.0.0.1", created_at=now) for _ in range(5)]
    )
    db.session.commit()
    from app.auth.queries import login_wait_seconds

    assert 239 <= login_wait_seconds("eva@cluster.at", "10.0.0.1", now=now) <= 241  # 60 s × 2²


def test_a_guesser_elsewhere_does_not_lock_the_owner_out(small_limits, app, make_user, log_in):
    make_user(email="eva@cluster.at")
    db.session.commit()
    for _ in range(3):
        app.test_client().post(
            "/login", data={"email": "eva@cluster.at", "password": "x"}, environ_base=ELSEWHERE
        )

    assert log_in("eva@cluster.at").status_code == 302


def test_the_account_cap_stops_guessing_spread_over_many_addresses(
    small_limits, app, make_user, log_in
):
    make_user(email="eva@cluster.at")
    db.session.commit()
    for n in range(6):
        app.test_client().post(
            "/login",
            data={"email": "eva@cluster.at", "password": "x"},
            environ_base={"REMOTE_ADDR": f"10.0.0.{n}"},
        )

    assert log_in("eva@cluster.at").status_code == 429


def test_account_throttle_counts_the_email_in_any_case(small_limits, log_in):
    for email in ("Eva@cluster.at", "EVA@CLUSTER.AT", "eva@cluster.at"):
        log_in(email, "wrong password")

    assert log_in("eva@Cluster.at").status_code == 429


def test_account_throttle_does_not_block_other_accounts(small_limits, make_user, log_in):
    make_user(email="other@cluster.at")
    db.session.commit()
    for _ in range(3):
        log_in("eva@cluster.at", "wrong password")

    assert log_in("other@cluster.at").status_code == 302


def test_address_is_throttled_after_too_many_failures_across_accounts(
    small_limits, make_user, log_in
):
    make_user(email="eva@cluster.at")
    db.session.commit()
    for n in range(8):
        log_in(f"guess{n}@cluster.at", "wrong password")

    response = log_in("eva@cluster.at")

    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_refused_attempts_do_not_count_as_failures(small_limits, make_user, log_in):
    for _ in range(3):
        log_in("eva@cluster.at", "wrong password")
    for _ in range(5):
        assert log_in("eva@cluster.at", "wrong password").status_code == 429

    assert db.session.scalar(select(db.func.count(LoginAttempt.id))) == 3


def test_concurrent_guesses_are_checked_no_more_often_than_the_limit(
    small_limits, make_user, monkeypatch
):
    """Forty guesses that all began before any was checked: only three passwords are checked."""
    make_user(email="eva@cluster.at")
    checked = []
    real_check = services._password_matches
    monkeypatch.setattr(
        services, "_password_matches", lambda user, pw: checked.append(pw) or real_check(user, pw)
    )
    attempts = [
        services.begin_login_attempt(email="eva@cluster.at", ip="10.0.0.1") for _ in range(40)
    ]
    db.session.commit()

    outcomes = [services.authenticate(attempt, password="wrong password") for attempt in attempts]

    assert len(checked) <= 3
    assert sum(1 for outcome in outcomes if outcome.wait_seconds) >= 37


def test_failures_outside_the_window_do_not_count(small_limits, app, make_user, log_in):
    make_user(email="eva@cluster.at")
    long_ago = utcnow() - timedelta(seconds=601)
    db.session.add_all(
        [
            LoginAttempt(email="eva@cluster.at", ip="127.0.0.1", created_at=long_ago)
            for _ in range(6)
        ]
    )
    db.session.commit()

    assert log_in("eva@cluster.at").status_code == 302


def test_failures_past_the_window_are_forgotten_at_the_next_attempt(small_limits, log_in):
    db.session.add(
        LoginAttempt(
            email="old@cluster.at", ip="10.0.0.9", created_at=utcnow() - timedelta(hours=1)
        )
    )
    db.session.commit()

    log_in("eva@cluster.at", "wrong password")

    assert [a.email for a in db.session.scalars(select(LoginAttempt))] == ["eva@cluster.at"]


def test_behind_a_configured_proxy_each_client_is_counted_on_its_own():
    from app import create_app
    from config import TestConfig
    from tests.factories import PASSWORD, make_user

    proxied = create_app(type("Proxied", (TestConfig,), {"PROXY_COUNT": 1}))
    proxied.config.update(LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS=3)
    with proxied.app_context():
        db.create_all()
        make_user(email="eva@cluster.at")
        db.session.commit()
        client = proxied.test_client()
        for _ in range(3):
            client.post(
                "/login",
                data={"email": "eva@cluster.at", "password": "x"},
                headers={"X-Forwarded-For": "198.51.100.7"},
            )
        owner = client.post(
            "/login",
            data={"email": "eva@cluster.at", "password": PASSWORD},
            headers={"X-Forwarded-For": "192.0.2.44"},
        )
        addresses = set(db.session.scalars(select(LoginAttempt.ip)))
        db.session.remove()

    assert owner.status_code == 302
    assert addresses == {"198.51.100.7"}
