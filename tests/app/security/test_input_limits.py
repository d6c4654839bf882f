"""Huge ids and page numbers, uploaded files and nested JSON get a 404 or a 400, never a 500 (case 8)."""

from __future__ import annotations

import io

import pytest
from werkzeug.routing import IntegerConverter

from app import create_app
from config import TestConfig

HUGE = [2**31, 2**63]


def int_routes():
    """(rule, method) for every route with an <int:…> part, found from the app's URL map."""
    app = create_app(TestConfig)
    found = []
    for rule in app.url_map.iter_rules():
        if any(isinstance(c, IntegerConverter) for c in rule._converters.values()):
            method = "GET" if "GET" in rule.methods else "POST"
            found.append(
                pytest.param(rule.rule, method, sorted(rule.arguments), id=f"{method} {rule.rule}")
            )
    return found


ROUTES = int_routes()


def test_routes_with_ids_were_found():
    assert len(ROUTES) > 20


@pytest.fixture
def admin_client(make_user, login):
    return login(make_user(role="admin"))


@pytest.mark.parametrize(("rule", "method", "arguments"), ROUTES)
@pytest.mark.parametrize("number", HUGE)
def test_a_huge_id_in_any_route_is_a_404(admin_client, rule, method, arguments, number):
    path = rule
    for argument in arguments:
        path = path.replace(f"<int:{argument}>", str(number)).replace(f"<{argument}>", "x")
    response = admin_client.open(path, method=method)
    assert response.status_code == 404, path


LIST_PAGES = [
    "/challenges/",
    "/profiles/",
    "/notifications/",
    "/admin/",
    "/admin/outbox",
    "/peers/",
]


@pytest.mark.parametrize("path", LIST_PAGES)
@pytest.mark.parametrize("number", [2**63, -(2**63), 10**25])
def test_a_huge_page_number_is_a_400_that_says_so(admin_client, path, number):
    response = admin_client.get(f"{path}?page={number}")
    assert response.status_code == 400
    assert "The page is too large: use a number below 2147483648." in response.get_data(
        as_text=True
    )


def test_a_huge_id_in_a_form_is_a_400(admin_client):
    response = admin_client.post(
        "/editions/rounds/1/move", data={"group_id": str(2**63), "user_id": "1"}
    )
    assert response.status_code == 400
    assert "The group id is too large" in response.get_data(as_text=True)


def test_ordinary_page_numbers_still_work(admin_client):
    assert admin_client.get("/challenges/?page=3").status_code == 200


def test_a_nested_json_body_is_a_400(client):
    response = client.post("/login", json={"email": {"$ne": ""}, "password": ["a"]})
    assert response.status_code == 400
    assert "text values" in response.get_json()["error"]["message"]


def test_a_file_sent_as_a_text_field_is_a_400(client):
    response = client.post(
        "/login", data={"email": (io.BytesIO(b"x" * 100), "email.txt"), "password": "p"}
    )
    assert response.status_code == 400
    assert "no file uploads" in response.get_data(as_text=True)


def test_a_flat_json_form_still_reaches_the_view(client):
    response = client.post("/login", json={"email": "nobody@example.eu", "password": "wrong"})
    assert response.status_code != 500
