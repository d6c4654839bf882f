"""The login throttle: too many failures per account or per IP get a 429 and a wait time."""

import pytest

from app.extensions import db
from app.models import LoginAttempt


@pytest.fixture
def small_limits(app):
    app.config.update(
        LOGIN_MAX_FAILURES_PER_ACCOUNT=3, LOGIN_MAX_FAILURES_PER_IP=5, LOGIN_FAILURE_WINDOW=600
    )


def test_account_is_throttled_after_too_many_failures(small_limits, make_user, log_in):
    make_user(email="eva@cluster.at")
    db.session.commit()
    for _ in range(3):
        assert log_in("eva@cluster.at", "wrong password").status_code == 200

    response = log_in("eva@cluster.at")  # even the right password waits

    assert response.status_code == 429
    assert "Too many attempts. Wait 10 minutes and try again." in response.get_data(as_text=True)


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


def test_ip_is_throttled_after_too_many_failures_across_accounts(small_limits, make_user, log_in):
    make_user(email="eva@cluster.at")
    db.session.commit()
    for n in range(5):
        log_in(f"guess{n}@cluster.at", "wrong password")

    response = log_in("eva@cluster.at")

    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_failures_outside_the_window_do_not_count(small_limits, app, make_user, log_in):
    from datetime import timedelta

    from app.models import utcnow

    make_user(email="eva@cluster.at")
    long_ago = utcnow() - timedelta(seconds=601)
    db.session.add_all(
        [
            LoginAttempt(email="eva@cluster.at", ip="127.0.0.1", created_at=long_ago)
            for _ in range(3)
        ]
    )
    db.session.commit()

    assert log_in("eva@cluster.at").status_code == 302


def test_failures_past_the_window_are_forgotten_at_the_next_failure(small_limits, log_in):
    from datetime import timedelta

    from sqlalchemy import select

    from app.models import utcnow

    db.session.add(
        LoginAttempt(
            email="old@cluster.at", ip="10.0.0.9", created_at=utcnow() - timedelta(hours=1)
        )
    )
    db.session.commit()

    log_in("eva@cluster.at", "wrong password")

    assert [a.email for a in db.session.scalars(select(LoginAttempt))] == ["eva@cluster.at"]
