"""The "API tokens" section of the account page: create (shown once), list, revoke."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import ApiToken
from tests.conftest import HTMX

ROLES = ("participant", "alumni", "coach", "admin")


@pytest.mark.parametrize("url", ["/account/tokens"])
def test_visitors_are_sent_to_log_in(client, url):
    assert client.get(url).status_code == 302
    assert client.post(url, data={"name": "x", "scope": "read"}).status_code == 302
    assert client.post("/account/tokens/1/revoke").status_code == 302
    assert db.session.query(ApiToken).count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_the_account_page_has_the_api_tokens_section(make_user, login, role):
    page = login(make_user(role=role)).get("/account").get_data(as_text=True)
    assert "API tokens" in page and "Create token" in page


@pytest.mark.parametrize("role", ROLES)
def test_anyone_logged_in_creates_a_token_and_sees_it_once(make_user, login, role):
    client = login(make_user(role=role))
    response = client.post("/account/tokens", data={"name": "CRM sync", "scope": "write"})
    assert response.status_code == 201
    token = db.session.query(ApiToken).one()
    page = response.get_data(as_text=True)
    secret = page.split('<code id="new-token-secret">')[1].split("</code>")[0]
    assert secret.startswith("cbc_") and token.hint == secret[:10]
    assert (token.name, token.scope) == ("CRM sync", "write")
    assert response.headers["Cache-Control"] == "no-store"
    again = client.get("/account/tokens").get_data(as_text=True)
    assert secret not in again and "CRM sync" in again and token.hint in again


def test_htmx_gets_the_section_and_a_plain_post_the_page(make_user, login):
    client = login(make_user())
    fragment = client.post(
        "/account/tokens", data={"name": "A", "scope": "read"}, headers=HTMX
    ).get_data(as_text=True)
    page = client.post("/account/tokens", data={"name": "B", "scope": "read"}).get_data(
        as_text=True
    )
    assert fragment.lstrip().startswith("{#") is False and '<section id="api-tokens"' in fragment
    assert "<html" not in fragment and "<html" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "scope": "read"}, "Name the token"),
        ({"name": "x" * 81, "scope": "read"}, "at most 80"),
        ({"name": "ok", "scope": "admin"}, "Not a valid choice"),
    ],
)
def test_bad_token_forms_say_what_is_wrong_and_create_nothing(make_user, login, data, message):
    response = login(make_user()).post("/account/tokens", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.query(ApiToken).count() == 0


def test_revoking_my_token(make_user, login):
    user = make_user()
    client = login(user)
    client.post("/account/tokens", data={"name": "Old", "scope": "read"})
    token = db.session.query(ApiToken).one()
    response = client.post(f"/account/tokens/{token.id}/revoke", headers=HTMX)
    assert response.status_code == 200 and "Revoked" in response.get_data(as_text=True)
    db.session.refresh(token)
    assert token.revoked_at is not None
    assert (
        client.post(f"/account/tokens/{token.id}/revoke").status_code == 302
    )  # plain form: back to the list


@pytest.mark.parametrize("role", ROLES)
def test_nobody_revokes_someone_elses_token(make_user, login, role):
    owner = make_user()
    login(owner).post("/account/tokens", data={"name": "Mine", "scope": "read"})
    token = db.session.query(ApiToken).one()
    response = login(make_user(role=role)).post(f"/account/tokens/{token.id}/revoke")
    assert response.status_code == 404
    db.session.refresh(token)
    assert token.revoked_at is None


def test_the_number_of_active_tokens_is_capped(make_user, login):
    client = login(make_user())
    for n in range(20):
        client.post("/account/tokens", data={"name": f"T{n}", "scope": "read"})
    response = client.post("/account/tokens", data={"name": "One too many", "scope": "read"})
    assert response.status_code == 422 and "Revoke one" in response.get_data(as_text=True)
    assert db.session.query(ApiToken).count() == 20
