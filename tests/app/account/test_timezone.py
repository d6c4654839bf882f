"""A member's time zone: saved from the account page (or once from the browser), checked by name."""

from __future__ import annotations

import pytest

from app.extensions import db
from tests.conftest import HTMX


def test_a_member_saves_a_time_zone(login, make_user):
    member = make_user()
    response = login(member).post("/account/timezone", data={"timezone": "Europe/Helsinki"})
    assert response.status_code == 302 and response.location.endswith("/account")
    db.session.refresh(member)
    assert member.timezone == "Europe/Helsinki"


def test_with_htmx_the_form_comes_back_and_tells_the_browser_it_took(login, make_user):
    member = make_user()
    response = login(member).post(
        "/account/timezone", data={"timezone": "America/New_York"}, headers=HTMX
    )
    assert response.status_code == 200 and response.headers["HX-Trigger"] == "timezone-saved"
    assert b"Saved: America/New_York." in response.data and b"<html" not in response.data


@pytest.mark.parametrize("headers", ({}, HTMX), ids=("page", "fragment"))
@pytest.mark.parametrize("name", ("Mars/Olympus", "", "../etc/passwd"))
def test_an_unknown_time_zone_is_refused_at_the_field_and_the_old_one_kept(
    login, make_user, headers, name
):
    member = make_user()
    member.timezone = "Europe/Lisbon"
    response = login(member).post("/account/timezone", data={"timezone": name}, headers=headers)
    assert response.status_code == (200 if headers else 422)
    assert b'id="timezone-error"' in response.data
    assert "HX-Trigger" not in response.headers
    db.session.refresh(member)
    assert member.timezone == "Europe/Lisbon"


def test_the_account_page_asks_the_browser_once_and_not_after(login, make_user):
    member = make_user()
    client = login(member)
    assert b"data-browser-default" in client.get("/account").data
    client.post("/account/timezone", data={"timezone": "Europe/Riga"})
    page = client.get("/account").data
    assert b"data-browser-default" not in page and b'value="Europe/Riga"' in page


def test_saving_a_time_zone_needs_a_login(client):
    response = client.post("/account/timezone", data={"timezone": "Europe/Riga"})
    assert response.status_code == 302 and "/login" in response.location


def test_the_export_holds_the_time_zone(login, make_user):
    member = make_user()
    member.timezone = "Europe/Riga"
    data = login(member).get("/account/export.json").get_json()
    assert data["account"]["timezone"] == "Europe/Riga"
