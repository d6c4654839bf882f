"""The peer directory at /profiles/: filters, text search, count, pagination, empty state, htmx."""

from __future__ import annotations

import re

import pytest

from tests.conftest import HTMX


def names_in(response) -> list[str]:
    """The managers listed in a directory response, in order."""
    return re.findall(r"<strong>(.*?)</strong></a>", response.get_data(as_text=True))


@pytest.fixture
def community(make_user, make_edition):
    """Four managers who differ in every filtered attribute, and the edition two of them were in."""
    ana = make_user(
        name="Ana Novak",
        country="SI",
        ecosystems=["digital"],
        maturity="emerging",
        organisation="Pomurje Digital",
        expertise="Matchmaking events",
        needs="Funding advice",
    )
    ben = make_user(
        name="Ben Weber",
        country="DE",
        ecosystems=["health", "digital"],
        maturity="advanced",
        role="alumni",
        organisation="BioRegio",
        expertise="EU project writing",
        needs="Digital tools for SMEs",
    )
    cara = make_user(
        name="Cara Rossi",
        country="IT",
        ecosystems=["tourism"],
        maturity="developing",
        role="coach",
        organisation="Turin Tourism Cluster",
        expertise="Strategy coaching",
        needs="Nothing in particular",
    )
    dan = make_user(
        name="Dan Popescu",
        country="RO",
        ecosystems=["textile"],
        maturity="established",
        organisation="Textile Romania",
        expertise="Circular fashion",
        needs="Buyers in France",
    )
    edition = make_edition(name="3rd Cluster Booster Academy", members=(ana, dan))
    return {"ana": ana, "ben": ben, "cara": cara, "dan": dan, "edition": edition}


@pytest.fixture
def member(login, make_user):
    """A logged-in participant from Malta (no one else is), whose hidden profile only they can see."""
    return login(
        make_user(
            name="Zed Viewer",
            visibility="hidden",
            country="MT",
            ecosystems=["retail"],
            maturity="advanced",
            expertise="Shop windows",
            needs="More shops",
        )
    )


def test_full_page_lists_everyone_visible_with_the_filter_form(member, community):
    response = member.get("/profiles/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" in html and 'id="results"' in html
    assert 'hx-get="/profiles/"' in html and 'hx-push-url="true"' in html
    assert re.search(r'<button type="submit"[^>]*>Filter</button>', html)
    assert names_in(response) == [
        "Ana Novak",
        "Ben Weber",
        "Cara Rossi",
        "Dan Popescu",
        "Zed Viewer",
    ]


def test_htmx_request_gets_only_the_results_fragment(member, community):
    response = member.get("/profiles/?country=SI", headers=HTMX)
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<form" not in html
    assert names_in(response) == ["Ana Novak"]
    assert "1 manager" in html


def test_htmx_response_pushes_a_clean_shareable_address(member, community):
    response = member.get("/profiles/?q=&country=SI&ecosystem=&role=", headers=HTMX)
    assert response.headers["HX-Push-Url"] == "/profiles/?country=SI"
    assert "HX-Request" in response.headers["Vary"]


def test_history_restore_gets_the_full_page(member, community):
    headers = HTMX | {"HX-History-Restore-Request": "true"}
    assert "<html" in member.get("/profiles/?country=SI", headers=headers).get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=DE", ["Ben Weber"]),
        ("ecosystem=digital", ["Ana Novak", "Ben Weber"]),
        ("maturity=established", ["Dan Popescu"]),
        ("role=alumni", ["Ben Weber"]),
        ("role=coach", ["Cara Rossi"]),
        ("q=rossi", ["Cara Rossi"]),
        ("q=TOURISM", ["Cara Rossi"]),
        ("q=project%20writing", ["Ben Weber"]),
        ("q=buyers", ["Dan Popescu"]),
        ("ecosystem=digital&country=SI", ["Ana Novak"]),
        ("ecosystem=digital&role=alumni&q=digital", ["Ben Weber"]),
    ],
)
def test_each_filter_narrows_the_list(member, community, query, expected):
    assert names_in(member.get(f"/profiles/?{query}", headers=HTMX)) == expected


def test_edition_filter_lists_its_members(member, community):
    edition_id = community["edition"].id
    assert names_in(member.get(f"/profiles/?edition={edition_id}", headers=HTMX)) == [
        "Ana Novak",
        "Dan Popescu",
    ]


def test_text_search_is_case_insensitive_in_every_field(member, community):
    for query in ("ana novak", "ANA NOVAK", "pomurje digital", "MATCHMAKING", "funding ADVICE"):
        assert names_in(member.get("/profiles/", query_string={"q": query}, headers=HTMX)) == [
            "Ana Novak"
        ]


def test_text_search_treats_percent_and_underscore_literally(member, community):
    assert names_in(member.get("/profiles/", query_string={"q": "%"}, headers=HTMX)) == []
    assert names_in(member.get("/profiles/", query_string={"q": "_"}, headers=HTMX)) == []


def test_unknown_filter_values_are_ignored(member, community):
    response = member.get(
        "/profiles/?country=XX&ecosystem=space&maturity=old&role=admin&edition=abc", headers=HTMX
    )
    assert len(names_in(response)) == 5


def test_result_count_counts_all_pages(login, make_user):
    for n in range(45):
        make_user(name=f"Manager {n:02d}", country="PT")
    client = login(make_user(visibility="hidden", country="SI"))
    response = client.get("/profiles/?country=PT", headers=HTMX)
    assert "45 managers" in response.get_data(as_text=True)
    assert len(names_in(response)) == 20


def test_pagination_walks_through_the_list_keeping_the_filters(login, make_user):
    for n in range(45):
        make_user(name=f"Manager {n:02d}", country="PT")
    client = login(make_user(visibility="hidden", country="SI"))
    first = client.get("/profiles/?country=PT")
    assert 'href="/profiles/?country=PT&amp;page=2"' in first.get_data(as_text=True)
    third = client.get("/profiles/?country=PT&page=3", headers=HTMX)
    assert names_in(third) == [f"Manager {n}" for n in range(40, 45)]
    assert "Page 3 of 3" in third.get_data(as_text=True)
    assert third.headers["HX-Push-Url"] == "/profiles/?country=PT&page=3"


def test_page_past_the_end_offers_the_first_page(member, community):
    html = member.get("/profiles/?page=9").get_data(as_text=True)
    assert "past the last page" in html


def test_a_page_number_no_database_can_hold_is_a_400_that_says_so(member, community):
    response = member.get("/profiles/?page=99999999999999999999999")
    assert response.status_code == 400
    assert "The page is too large" in response.get_data(as_text=True)


@pytest.mark.parametrize("page", ["0", "-3", "two"])
def test_nonsense_page_numbers_show_the_first_page(member, community, page):
    assert len(names_in(member.get(f"/profiles/?page={page}", headers=HTMX))) == 5


def test_empty_state_names_the_filters_and_links_to_remove_each(member, community):
    response = member.get("/profiles/?country=DE&ecosystem=tourism&q=weber")
    html = response.get_data(as_text=True)
    assert "0 managers" in html
    assert "Remove Country: Germany" in html
    assert "Remove Ecosystem: Tourism" in html
    assert "Remove Search “weber”" in html
    assert 'href="/profiles/?ecosystem=tourism&amp;q=weber"' in html  # country removed
    assert 'href="/profiles/?country=DE&amp;q=weber"' in html  # ecosystem removed


# (viewer, profiles listed among the community's "community", "cohorts" and "hidden" managers)
@pytest.mark.parametrize(
    ("viewer_kind", "expected"),
    [
        ("visitor", ["Community Carla"]),
        ("stranger", ["Community Carla"]),
        ("edition mate", ["Club Colm", "Community Carla"]),
        ("coach", ["Club Colm", "Community Carla"]),
        ("admin", ["Club Colm", "Community Carla", "Hidden Hana"]),
    ],
)
def test_directory_lists_only_profiles_the_viewer_may_see(
    client, login, make_user, make_edition, viewer_kind, expected
):
    make_user(name="Community Carla", visibility="community", country="PT")
    colm = make_user(name="Club Colm", visibility="cohorts", country="PT")
    hana = make_user(name="Hidden Hana", visibility="hidden", country="PT")
    role = viewer_kind if viewer_kind in ("coach", "admin") else "participant"
    viewer = make_user(role=role, visibility="hidden", country="SI")
    make_edition(members=(colm, hana) + ((viewer,) if viewer_kind == "edition mate" else ()))
    browser = client if viewer_kind == "visitor" else login(viewer)
    assert names_in(browser.get("/profiles/?country=PT", headers=HTMX)) == expected


def test_visitors_search_names_and_organisations_but_not_texts(client, community):
    assert names_in(client.get("/profiles/?q=pomurje", headers=HTMX)) == ["Ana Novak"]
    assert names_in(client.get("/profiles/?q=matchmaking", headers=HTMX)) == []
    assert "Matchmaking events" not in client.get("/profiles/").get_data(as_text=True)


def test_deactivated_accounts_are_not_listed(member, make_user):
    make_user(name="Gone Gregor", active=False, country="HR")
    assert names_in(member.get("/profiles/?country=HR", headers=HTMX)) == []


def test_directory_runs_a_fixed_number_of_queries_whatever_the_page_size(
    app, member, community, make_user
):
    from sqlalchemy import event

    from app.extensions import db

    def count_queries(url):
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            member.get(url, headers=HTMX)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    few = count_queries("/profiles/?country=SI")
    for n in range(10):
        make_user(name=f"Extra {n}", country="SI", ecosystems=["digital", "health"])
    assert count_queries("/profiles/?country=SI") == few
