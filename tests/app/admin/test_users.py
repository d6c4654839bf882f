"""The users list: search by name, email or organisation, filters by role and status, pages."""

import pytest

from app.extensions import db
from tests.conftest import HTMX


@pytest.fixture
def community(make_user, admin):
    """Three more users to search among."""
    make_user(name="Eva Kranjc", email="eva@wood.si", organisation="Wood Cluster Slovenia")
    make_user(
        name="Jonas Berg", email="jonas@auto.de", organisation="Auto Cluster Bavaria", role="coach"
    )
    make_user(
        name="Marta Silva", email="marta@sea.pt", organisation="Sea Economy Hub", active=False
    )
    db.session.commit()


def names(response):
    results = response.get_data(as_text=True).split('id="user-results"')[1]
    return {n for n in ("Ada Admin", "Eva Kranjc", "Jonas Berg", "Marta Silva") if n in results}


def test_list_shows_everyone_with_the_search_form(admin_client, community):
    response = admin_client.get("/admin/")

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" in page
    assert "Search name, email or organisation" in page
    assert names(response) == {"Ada Admin", "Eva Kranjc", "Jonas Berg", "Marta Silva"}
    assert "4 users" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=kranjc", {"Eva Kranjc"}),
        ("q=AUTO.DE", {"Jonas Berg"}),
        ("q=sea+economy", {"Marta Silva"}),
        ("q=100%25", set()),
        ("role=coach", {"Jonas Berg"}),
        ("role=admin", {"Ada Admin"}),
        ("active=no", {"Marta Silva"}),
        ("active=yes&q=cluster", {"Ada Admin", "Eva Kranjc", "Jonas Berg"}),
        ("role=nonsense", {"Ada Admin", "Eva Kranjc", "Jonas Berg", "Marta Silva"}),
    ],
)
def test_search_and_filters(admin_client, community, query, expected):
    assert names(admin_client.get(f"/admin/?{query}")) == expected


def test_htmx_search_returns_only_the_results_fragment(admin_client, community):
    response = admin_client.get("/admin/?q=eva", headers=HTMX)

    page = response.get_data(as_text=True)
    assert "<html" not in page
    assert 'id="user-results"' in page
    assert names(response) == {"Eva Kranjc"}


def test_too_long_search_is_explained(admin_client, community):
    page = admin_client.get("/admin/?q=" + "x" * 101).get_data(as_text=True)
    assert "Search must be at most 100 characters." in page


def test_list_is_paginated(app, admin_client, make_user):
    app.config["PER_PAGE"] = 2
    for n in range(4):
        make_user(name=f"Zed {n}")
    db.session.commit()

    first = admin_client.get("/admin/").get_data(as_text=True)
    last = admin_client.get("/admin/?page=3").get_data(as_text=True)

    assert "Page 1 of 3" in first and "Next" in first
    assert "Zed 3" in last and "Zed 0" not in last
    assert admin_client.get("/admin/?page=99").status_code == 200


def test_admin_row_offers_no_deactivate_button_for_themself(admin_client, admin):
    page = admin_client.get("/admin/").get_data(as_text=True)
    own_row = page.split(f'id="user-{admin.id}"')[1].split("</tr>")[0]

    assert "This is you." in own_row
    assert "Deactivate" not in own_row


def test_row_forms_return_to_the_filtered_list(admin_client, community):
    page = admin_client.get("/admin/?q=eva").get_data(as_text=True)
    assert 'name="next" value="/admin/?q=eva"' in page


def test_history_restore_gets_the_full_page(admin_client, community):
    headers = {**HTMX, "HX-History-Restore-Request": "true"}

    response = admin_client.get("/admin/?q=eva", headers=headers)

    assert "<html" in response.get_data(as_text=True)
    assert "HX-Request" in response.headers["Vary"]


def test_empty_filters_are_not_reported_as_errors(admin_client, community):
    page = admin_client.get("/admin/?q=&role=&active=").get_data(as_text=True)
    assert "Not a valid choice" not in page
    assert 'aria-invalid="true"' not in page
