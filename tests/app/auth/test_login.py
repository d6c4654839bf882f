"""Logging in and out: one generic error, deactivated accounts, remember-me, safe redirects, CSRF."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import LoginAttempt, User
from tests.factories import PASSWORD

WRONG = "Email or password is incorrect."


def test_login_page_has_labelled_email_and_password_remember_me_and_a_log_in_button(client):
    page = client.get("/login").get_data(as_text=True)

    assert '<label for="email">Email</label>' in page
    assert '<label for="password">Password</label>' in page
    assert "Remember me" in page
    assert 'value="Log in"' in page
    assert "Forgot password?" in page


def test_correct_password_logs_in_and_records_the_time(client, make_user, log_in):
    user = make_user(email="eva@cluster.at")
    db.session.commit()

    response = log_in("EVA@cluster.at")

    assert response.status_code == 302
    assert response.location == "/"
    db.session.refresh(user)
    assert user.last_login_at is not None
    with client.session_transaction() as session:
        assert session["_user_id"].partition(":")[0] == str(user.id)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "password": PASSWORD}, "Enter your email address."),
        ({"email": "eva@cluster.at", "password": ""}, "Enter your password."),
        ({"email": "e" * 255, "password": PASSWORD}, "Email must be at most 254 characters."),
        ({"email": "not-an-email", "password": PASSWORD}, WRONG),
        ({"email": "eva@cluster.at", "password": "wrong password"}, WRONG),
        ({"email": "eva@cluster.at", "password": "p" * 129}, WRONG),
        ({"email": "nobody@cluster.at", "password": PASSWORD}, WRONG),
    ],
)
def test_bad_login_is_refused_with_a_message(client, make_user, data, message):
    make_user(email="eva@cluster.at")
    db.session.commit()

    response = client.post("/login", data=data)

    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_unknown_email_and_wrong_password_get_the_same_answer(client, make_user):
    make_user(email="eva@cluster.at")
    db.session.commit()

    unknown = client.post("/login", data={"email": "nobody@cluster.at", "password": PASSWORD})
    wrong = client.post("/login", data={"email": "eva@cluster.at", "password": "wrong password"})

    assert unknown.status_code == wrong.status_code
    assert unknown.get_data(as_text=True).replace("nobody", "eva") == wrong.get_data(as_text=True)


def test_failed_logins_are_recorded_and_a_success_clears_them(client, make_user, log_in):
    make_user(email="eva@cluster.at")
    db.session.commit()

    log_in("eva@cluster.at", "wrong password")
    log_in("eva@cluster.at", "wrong password")
    assert len(db.session.scalars(select(LoginAttempt)).all()) == 2

    log_in("eva@cluster.at")
    assert db.session.scalars(select(LoginAttempt)).all() == []


def test_deactivated_user_with_the_right_password_is_told_and_not_logged_in(
    client, make_user, log_in
):
    make_user(email="eva@cluster.at", active=False)
    db.session.commit()

    response = log_in("eva@cluster.at")

    assert "This account has been deactivated. Contact an administrator." in response.get_data(
        as_text=True
    )
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_deactivated_user_with_a_wrong_password_gets_the_generic_error(make_user, log_in):
    make_user(email="eva@cluster.at", active=False)
    db.session.commit()

    page = log_in("eva@cluster.at", "wrong password").get_data(as_text=True)

    assert WRONG in page
    assert "deactivated" not in page


def test_a_session_ends_when_the_account_is_deactivated(login, make_user):
    user = make_user()
    client = login(user)
    user.is_active_account = False
    db.session.commit()

    response = client.get("/", follow_redirects=True)

    assert "This account has been deactivated" in response.get_data(as_text=True)
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_remember_me_sets_the_remember_cookie(client, make_user, log_in):
    make_user(email="eva@cluster.at")
    db.session.commit()

    response = log_in("eva@cluster.at", remember="y")

    assert any(c.startswith("remember_token=") for c in response.headers.getlist("Set-Cookie"))


def test_without_remember_me_no_remember_cookie(client, make_user, log_in):
    make_user(email="eva@cluster.at")
    db.session.commit()

    response = log_in("eva@cluster.at")

    assert not any(c.startswith("remember_token=") for c in response.headers.getlist("Set-Cookie"))


def test_login_follows_a_local_next_path(make_user, log_in):
    make_user(email="eva@cluster.at")
    db.session.commit()

    response = log_in("eva@cluster.at", query="?next=/challenges/?q=membership")

    assert response.location == "/challenges/?q=membership"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example",
        "//evil.example/path",
        "/\\evil.example",
        "javascript:alert(1)",
        "evil",
    ],
)
def test_login_ignores_a_next_that_leaves_the_site(make_user, log_in, target):
    make_user(email="eva@cluster.at")
    db.session.commit()

    response = log_in("eva@cluster.at", query=f"?next={target}")

    assert response.location == "/"


def test_logged_in_user_visiting_login_goes_home(login, make_user):
    response = login(make_user()).get("/login")
    assert response.status_code == 302


def test_logout_requires_post(login, make_user):
    client = login(make_user())

    assert client.get("/logout").status_code == 405
    response = client.post("/logout")

    assert response.status_code == 302
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_login_without_csrf_token_is_refused(app, client, make_user):
    app.config["WTF_CSRF_ENABLED"] = True
    make_user(email="eva@cluster.at")
    db.session.commit()

    response = client.post("/login", data={"email": "eva@cluster.at", "password": PASSWORD})

    assert response.status_code == 400
    assert db.session.scalar(select(User.last_login_at)) is None


def test_logout_without_csrf_token_is_refused(app, login, make_user):
    client = login(make_user())
    app.config["WTF_CSRF_ENABLED"] = True

    assert client.post("/logout").status_code == 400


def test_login_returns_to_the_protected_page_that_asked_for_it(client, make_user, log_in):
    make_user(email="ada@admin.eu", role="admin")
    db.session.commit()

    sent_to = client.get("/admin/").location

    assert sent_to == "/login?next=%2Fadmin%2F"
    assert log_in("ada@admin.eu", query=sent_to.removeprefix("/login")).location == "/admin/"


def test_spaces_around_the_email_are_ignored(make_user, log_in):
    make_user(email="eva@cluster.at")
    db.session.commit()

    assert log_in("  eva@cluster.at ").status_code == 302
