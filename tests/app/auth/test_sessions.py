"""Logging out, "Log out of all devices" and a password reset end sessions: the old cookies open nothing."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import LoginSession
from tests.factories import PASSWORD


@pytest.fixture
def eva(make_user):
    user = make_user(email="eva@cluster.at")
    db.session.commit()
    return user


def logged_in_client(app, *, remember=False):
    client = app.test_client()
    response = client.post(
        "/login",
        data={"email": "eva@cluster.at", "password": PASSWORD, "remember": "y" if remember else ""},
    )
    assert response.status_code == 302
    return client


def copy_cookies(source, target):
    for cookie in source._cookies.values():
        target.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)


def opens_account(client) -> bool:
    return client.get("/account").status_code == 200


def test_an_old_session_cookie_opens_nothing_after_logout(app, eva):
    browser = logged_in_client(app)
    stolen = app.test_client()
    copy_cookies(browser, stolen)
    assert opens_account(stolen)

    browser.post("/logout")

    assert not opens_account(stolen)


def test_logout_ends_only_the_session_it_came_from(app, eva):
    laptop, phone = logged_in_client(app), logged_in_client(app)

    laptop.post("/logout")

    assert opens_account(phone)


def test_log_out_of_all_devices_ends_every_session_and_remember_cookie(app, eva):
    laptop = logged_in_client(app)
    phone = logged_in_client(app, remember=True)
    remembered = app.test_client()
    remembered.set_cookie("remember_token", phone.get_cookie("remember_token").value)
    assert opens_account(remembered)

    response = laptop.post("/logout-everywhere")

    assert response.status_code == 302 and response.location.endswith("/login")
    assert not opens_account(laptop)
    assert not opens_account(phone)
    assert not opens_account(remembered)
    assert db.session.scalars(select(LoginSession)).all() == []


def test_the_account_page_offers_log_out_of_all_devices(app, eva):
    page = logged_in_client(app).get("/account").get_data(as_text=True)
    assert "Log out of all devices</button>" in page
    assert 'action="/logout-everywhere"' in page


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_cannot_log_out_everywhere(client, method):
    response = getattr(client, method)("/logout-everywhere")
    assert response.status_code == (405 if method == "get" else 302)
    if method == "post":
        assert "/login" in response.location


def test_a_password_reset_ends_the_old_session_and_remember_cookie(app, eva, mailbox):
    browser = logged_in_client(app, remember=True)
    remembered = app.test_client()
    remembered.set_cookie("remember_token", browser.get_cookie("remember_token").value)

    app.test_client().post("/forgot-password", data={"email": "eva@cluster.at"})
    body = mailbox[0]["body"]
    path = re.search(r"http://localhost(/reset-password/\S+)", body).group(1)
    app.test_client().post(
        path, data={"password": "a brand new passphrase", "confirm": "a brand new passphrase"}
    )

    assert not opens_account(browser)
    assert not opens_account(remembered)


@pytest.mark.parametrize("role", ["participant", "alumni", "coach", "admin"])
def test_every_role_can_log_out_of_all_devices(app, make_user, role):
    make_user(email=f"{role}@cluster.at", role=role)
    db.session.commit()
    client = app.test_client()
    client.post("/login", data={"email": f"{role}@cluster.at", "password": PASSWORD})

    assert client.post("/logout-everywhere").status_code == 302
    assert client.get("/account").status_code == 302
