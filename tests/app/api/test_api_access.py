"""Who may call what in the JSON API: tokens, scopes, roles and the visibility rules."""

from __future__ import annotations

import pytest

from app.api import services
from app.extensions import db
from app.models import Challenge, Introduction, Reply

PROBLEM = "application/problem+json"
ROLES = ("participant", "alumni", "coach", "admin")
NEW_CHALLENGE = {
    "title": "Keeping SMEs after the project ends",
    "body": "Our members leave when EU project funding stops. How did you keep them?",
    "themes": ["membership"],
}


def test_openapi_document_is_3_1_and_lists_every_endpoint(client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0"
    assert {
        "/api/v1/profiles",
        "/api/v1/profiles/{profile_id}",
        "/api/v1/challenges",
        "/api/v1/challenges/{challenge_id}",
        "/api/v1/challenges/{challenge_id}/replies",
        "/api/v1/introductions",
        "/api/v1/editions",
        "/api/v1/editions/{edition_id}",
        "/api/v1/notifications",
        "/api/v1/me",
    } <= set(spec["paths"])
    assert spec["components"]["securitySchemes"]["token"] == {"type": "http", "scheme": "bearer"}


def test_docs_page_uses_the_vendored_reference_viewer(client):
    page = client.get("/api/docs").get_data(as_text=True)
    assert "/static/vendor/rapidoc/rapidoc-min.js" in page
    assert 'spec-url="/api/openapi.json"' in page
    assert "https://" not in page.split("<body>")[0]  # nothing from a CDN


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic abc"},
        {"Authorization": "Bearer cbc_wrong"},
    ],
)
def test_requests_without_a_valid_token_get_401_problem_details(client, headers):
    response = client.get("/api/v1/profiles", headers=headers)
    assert response.status_code == 401
    assert response.mimetype == PROBLEM
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    body = response.get_json()
    assert body["status"] == 401 and body["instance"] == "/api/v1/profiles"
    assert "token" in body["detail"]


def test_session_cookie_alone_does_not_open_the_api(make_user, login):
    assert login(make_user()).get("/api/v1/me").status_code == 401


def test_revoked_token_stops_working_at_once(make_user, client, token_for):
    user = make_user()
    token, secret = token_for(user)
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    )
    services.revoke_token(token)
    db.session.commit()
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    )


def test_token_of_a_deactivated_account_stops_working(make_user, client, token_for):
    user = make_user()
    _, secret = token_for(user)
    user.is_active_account = False
    db.session.commit()
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    )


def test_token_is_stored_hashed_and_records_when_it_was_last_used(make_user, client, token_for):
    user = make_user()
    token, secret = token_for(user)
    assert secret not in (token.token_hash, token.hint) and len(token.token_hash) == 64
    assert token.last_used_at is None
    client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    db.session.refresh(token)
    assert token.last_used_at is not None


@pytest.mark.parametrize("role", ROLES)
def test_me_names_the_owner_and_scope(make_user, api_as, role):
    user = make_user(role=role, name="Ana Kovač")
    body = api_as(user, "write").get("/api/v1/me").get_json()
    assert body == {
        "name": "Ana Kovač",
        "role": role,
        "profile_id": user.profile.id,
        "scope": "write",
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("url", "payload"),
    [
        ("/api/v1/challenges", NEW_CHALLENGE),
        ("/api/v1/introductions", {"profile_id": 1, "message": "Hello"}),
    ],
)
def test_read_tokens_cannot_write_whatever_the_role(make_user, api_as, role, url, payload):
    response = api_as(make_user(role=role), "read").post(url, json=payload)
    assert response.status_code == 403
    assert "read-only" in response.get_json()["detail"]
    assert db.session.query(Challenge).count() == 0


@pytest.mark.parametrize(
    ("role", "status"), [("participant", 403), ("alumni", 403), ("coach", 200), ("admin", 200)]
)
def test_editions_are_for_coaches_and_admins(make_user, make_edition, api_as, role, status):
    edition = make_edition(
        name="4th Cluster Booster Academy", members=(make_user(name="Ivo Petrov"),)
    )
    client = api_as(make_user(role=role))
    listing = client.get("/api/v1/editions")
    detail = client.get(f"/api/v1/editions/{edition.id}")
    assert (listing.status_code, detail.status_code) == (status, status)
    if status == 200:
        assert listing.get_json()["items"][0]["name"] == "4th Cluster Booster Academy"
        assert [m["name"] for m in detail.get_json()["members"]] == ["Ivo Petrov"]
    else:
        assert listing.mimetype == PROBLEM


@pytest.mark.parametrize("viewer_role", ROLES)
@pytest.mark.parametrize(
    ("visibility", "seen_by"),
    [
        ("community", set(ROLES)),
        ("cohorts", {"coach", "admin"}),  # the viewer shares no edition with the owner
        ("hidden", {"admin"}),
    ],
)
def test_profiles_follow_the_directory_visibility_rules(
    make_user, api_as, viewer_role, visibility, seen_by
):
    owner = make_user(name="Owner Person", visibility=visibility)
    client = api_as(make_user(role=viewer_role, name="Viewer"))
    names = {p["name"] for p in client.get("/api/v1/profiles?per_page=100").get_json()["items"]}
    detail = client.get(f"/api/v1/profiles/{owner.profile.id}")
    visible = viewer_role in seen_by
    assert ("Owner Person" in names) is visible
    assert detail.status_code == (200 if visible else 404)


def test_edition_profiles_are_visible_to_members_of_the_same_edition(
    make_user, make_edition, api_as
):
    owner = make_user(name="Owner Person", visibility="cohorts")
    peer = make_user(name="Peer")
    make_edition(members=(owner, peer))
    assert api_as(peer).get(f"/api/v1/profiles/{owner.profile.id}").status_code == 200


@pytest.mark.parametrize(
    ("viewer_role", "member", "visible"),
    [
        ("participant", False, False),
        ("participant", True, True),
        ("alumni", False, False),
        ("coach", False, True),
        ("admin", False, True),
    ],
)
def test_an_editions_own_challenges_are_for_its_people(
    make_user, make_edition, make_challenge, api_as, viewer_role, member, visible
):
    author = make_user()
    viewer = make_user(role=viewer_role)
    edition = make_edition(members=(author, viewer) if member else (author,))
    challenge = make_challenge(author, title="Inside our edition", edition=edition)
    make_challenge(author, title="For everyone")
    client = api_as(viewer)
    titles = {c["title"] for c in client.get("/api/v1/challenges").get_json()["items"]}
    assert titles == ({"Inside our edition", "For everyone"} if visible else {"For everyone"})
    assert client.get(f"/api/v1/challenges/{challenge.id}").status_code == (200 if visible else 404)
    reply = client.post(f"/api/v1/challenges/{challenge.id}/replies", json={"body": "hello"})
    assert reply.status_code == 403  # a read token; with write (next test) visibility decides


def test_replying_to_a_challenge_one_may_not_read_is_404(
    make_user, make_edition, make_challenge, api_as
):
    author = make_user()
    hidden = make_challenge(author, edition=make_edition(members=(author,)))
    response = api_as(make_user(), "write").post(
        f"/api/v1/challenges/{hidden.id}/replies", json={"body": "Me too!"}
    )
    assert response.status_code == 404
    assert db.session.query(Reply).count() == 0


def test_notifications_are_only_my_own(make_user, api_as):
    from app.notifications.services import notify

    me, other = make_user(), make_user()
    notify(me, event="reply_posted", message="Someone replied to you", link="/challenges/1")
    notify(other, event="reply_posted", message="Not for you", link="/challenges/2")
    db.session.commit()
    items = api_as(me).get("/api/v1/notifications").get_json()["items"]
    assert [n["message"] for n in items] == ["Someone replied to you"]


def test_introduction_to_a_hidden_profile_is_404_and_writes_nothing(make_user, api_as):
    hidden = make_user(visibility="hidden")
    response = api_as(make_user(), "write").post(
        "/api/v1/introductions", json={"profile_id": hidden.profile.id}
    )
    assert response.status_code == 404
    assert db.session.query(Introduction).count() == 0


def test_no_cors_headers_by_default(make_user, api_as):
    response = api_as(make_user()).get(
        "/api/v1/me", headers={"Origin": "https://elsewhere.example"}
    )
    assert "Access-Control-Allow-Origin" not in response.headers
