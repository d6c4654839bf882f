"""Changing roles and (de)activating accounts: htmx gets the row, plain forms a redirect."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Challenge
from app.signals import user_deactivated
from tests.conftest import HTMX
from tests.factories import PASSWORD


@pytest.fixture
def member(make_user):
    user = make_user(name="Eva Kranjc", email="eva@wood.si")
    db.session.commit()
    return user


def test_role_change_with_htmx_returns_the_updated_row(admin_client, member):
    response = admin_client.post(
        f"/admin/users/{member.id}/role", data={"role": "coach"}, headers=HTMX
    )

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.lstrip().startswith("<tr") or "<tr id=" in page
    assert "<html" not in page
    assert "Eva Kranjc is now coach." in page
    assert '<option value="coach" selected>' in page
    db.session.refresh(member)
    assert member.role == "coach"


def test_role_change_without_javascript_redirects_back_to_the_list(admin_client, member):
    response = admin_client.post(
        f"/admin/users/{member.id}/role", data={"role": "alumni", "next": "/admin/?q=eva"}
    )

    assert response.status_code == 302
    assert response.location == "/admin/?q=eva"
    db.session.refresh(member)
    assert member.role == "alumni"
    assert "Eva Kranjc is now alumni." in admin_client.get("/admin/").get_data(as_text=True)


def test_role_change_ignores_an_outside_next(admin_client, member):
    response = admin_client.post(
        f"/admin/users/{member.id}/role", data={"role": "alumni", "next": "https://evil.example"}
    )
    assert response.location == "/admin/"


@pytest.mark.parametrize("role", ["", "superuser", "ADMIN"])
def test_unknown_role_is_refused(admin_client, member, role):
    response = admin_client.post(
        f"/admin/users/{member.id}/role", data={"role": role}, headers=HTMX
    )

    assert "Choose a role: participant, alumni, coach, admin." in response.get_data(as_text=True)
    db.session.refresh(member)
    assert member.role == "participant"


def test_admin_cannot_demote_themself(admin_client, admin):
    response = admin_client.post(
        f"/admin/users/{admin.id}/role", data={"role": "participant"}, headers=HTMX
    )

    assert "You cannot remove your own admin role." in response.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.role == "admin"


def test_admin_cannot_deactivate_themself(admin_client, admin):
    response = admin_client.post(f"/admin/users/{admin.id}/deactivate", follow_redirects=True)

    assert "You cannot deactivate your own account." in response.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.is_active_account


def test_deactivation_with_htmx_returns_the_row_and_sends_the_signal(admin_client, member):
    received = []
    with user_deactivated.connected_to(lambda sender, **kw: received.append(sender.id)):
        response = admin_client.post(f"/admin/users/{member.id}/deactivate", headers=HTMX)

    page = response.get_data(as_text=True)
    assert "<html" not in page
    assert "Eva Kranjc has been deactivated." in page
    assert "Reactivate" in page
    assert received == [member.id]


def test_deactivation_without_javascript_redirects(admin_client, member):
    response = admin_client.post(f"/admin/users/{member.id}/deactivate")

    assert response.status_code == 302
    db.session.refresh(member)
    assert not member.is_active_account


def test_deactivated_user_cannot_log_in_and_their_challenges_stay(
    admin_client, member, make_challenge, client
):
    make_challenge(member, title="Cross-border members")
    db.session.commit()

    admin_client.post(f"/admin/users/{member.id}/deactivate")
    response = client.post("/login", data={"email": "eva@wood.si", "password": PASSWORD})

    assert "This account has been deactivated" in response.get_data(as_text=True)
    challenge = db.session.scalar(select(Challenge))
    assert challenge.title == "Cross-border members"
    assert challenge.author_id == member.id


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "plain"])
def test_reactivation_lets_the_user_log_in_again(admin_client, make_user, client, headers):
    user = make_user(email="gone@wood.si", active=False)
    db.session.commit()

    response = admin_client.post(f"/admin/users/{user.id}/reactivate", headers=headers)

    assert response.status_code == (200 if headers else 302)
    login = client.post("/login", data={"email": "gone@wood.si", "password": PASSWORD})
    assert login.status_code == 302


def test_admin_post_without_csrf_token_is_refused(app, admin_client, member):
    app.config["WTF_CSRF_ENABLED"] = True

    response = admin_client.post(f"/admin/users/{member.id}/role", data={"role": "admin"})

    assert response.status_code == 400
    db.session.refresh(member)
    assert member.role == "participant"
