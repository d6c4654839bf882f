"""Browsing /practices/: filters, text search, sorting, pages, htmx fragments and who sees what."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import PracticeAdoption
from tests.app.practices.conftest import ROLES
from tests.conftest import HTMX


@pytest.fixture
def library(author, make_practice):
    """Three practices with different types, tags and adoption counts."""
    survey = make_practice(
        author,
        title="Annual member-needs survey",
        summary="Ask members once a year what they need.",
        kind="tool",
        themes=("membership",),
        ecosystems=("health",),
        maturities=("emerging",),
    )
    voucher = make_practice(
        author,
        title="Innovation vouchers for SMEs",
        summary="Small grants that buy lab time.",
        kind="service",
        themes=("financing",),
        ecosystems=("digital",),
        maturities=("established",),
    )
    academy = make_practice(
        author,
        title="Train-the-trainer academy",
        summary="Members teach members, twice a year.",
        kind="method",
        themes=("skills",),
        ecosystems=("digital",),
        maturities=("developing",),
    )
    voucher.adopters_count = 5
    db.session.commit()
    return {"survey": survey, "voucher": voucher, "academy": academy}


def test_visitors_see_the_library_with_the_practices_titles(client, library):
    page = client.get("/practices/")
    assert page.status_code == 200
    for practice in library.values():
        assert practice.title in page.text
    assert "3 practices" in page.text
    assert "Share a practice" not in page.text


@pytest.mark.parametrize("role", ROLES)
def test_every_member_sees_the_share_button(login, people, library, role):
    page = login(people[role]).get("/practices/")
    assert page.status_code == 200
    assert "Share a practice" in page.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=membership", "survey"),
        ("ecosystem=health", "survey"),
        ("maturity=established", "voucher"),
        ("type=method", "academy"),
        ("q=LAB TIME", "voucher"),
        ("q=trainer", "academy"),
    ],
)
def test_each_filter_narrows_the_list(client, library, query, expected):
    page = client.get(f"/practices/?{query}")
    shown = [name for name, practice in library.items() if practice.title in page.text]
    assert shown == [expected]
    assert "1 practice matches your filters" in page.text


def test_unknown_filter_values_are_ignored_so_old_links_still_work(client, library):
    page = client.get("/practices/?theme=nonsense&type=poem&sort=random")
    assert "3 practices" in page.text


def test_most_adopted_comes_first_when_sorted_by_adoption(client, library):
    page = client.get("/practices/?sort=adopted").text
    assert page.index(library["voucher"].title) < page.index(library["academy"].title)
    newest = client.get("/practices/").text
    assert newest.index(library["academy"].title) < newest.index(library["voucher"].title)


def test_an_empty_result_offers_to_remove_each_filter(client, library):
    page = client.get("/practices/?theme=green&type=tool")
    assert "No practices match" in page.text
    assert "Remove the theme" in page.text and "Remove the type Tool" in page.text


def test_the_list_pages_through_many_practices(client, author, make_practice):
    for n in range(25):
        make_practice(author, title=f"Practice number {n:02d}")
    db.session.commit()
    first, second = client.get("/practices/"), client.get("/practices/?page=2")
    assert "25 practices" in first.text and "Page 1 of 2" in first.text
    assert "Practice number 24" in first.text and "Practice number 04" in second.text
    assert "Practice number 04" not in first.text


def test_htmx_filtering_returns_only_the_results_fragment(client, library):
    response = client.get("/practices/?theme=skills", headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text and 'id="practice-results"' in response.text
    assert library["academy"].title in response.text
    assert "HX-Request" in response.headers["Vary"]


def test_a_history_restore_gets_the_whole_page(client, library):
    headers = HTMX | {"HX-History-Restore-Request": "true"}
    assert "<html" in client.get("/practices/", headers=headers).text


def test_edition_practices_are_seen_by_edition_peers_and_coaches_only(
    client, login, author, people, make_practice, make_edition
):
    private = make_practice(author, title="Our cohort-only pricing sheet", visibility="cohorts")
    make_edition(members=(author, people["alumni"]))
    db.session.commit()
    assert private.title not in client.get("/practices/").text
    assert private.title not in login(people["participant"]).get("/practices/").text
    for role in ("alumni", "coach", "admin"):
        assert private.title in login(people[role]).get("/practices/").text
    assert client.get(f"/practices/{private.id}").status_code == 404
    assert login(people["participant"]).get(f"/practices/{private.id}").status_code == 404
    assert login(author).get(f"/practices/{private.id}").status_code == 200


def test_unpublished_practices_are_seen_by_their_author_and_coaches_only(
    client, login, author, people, make_practice
):
    hidden = make_practice(author, title="A practice under review", published=False)
    db.session.commit()
    for viewer, expected in [
        (None, 404),
        (people["participant"], 404),
        (people["alumni"], 404),
        (people["coach"], 200),
        (people["admin"], 200),
        (author, 200),
    ]:
        browser = login(viewer) if viewer else client
        assert browser.get(f"/practices/{hidden.id}").status_code == expected


def test_the_detail_page_shows_everything_the_author_wrote(client, author, make_practice):
    practice = make_practice(
        author,
        title="Cluster open day",
        problem="Few SMEs knew what the cluster offers.",
        how_to="1. Book the **hall**\n2. Invite 60 SMEs",
        needs_time="Two days",
        needs_budget="€2,000",
        needs_team="Two people",
        results="38 SMEs came; 9 joined.",
        languages="English, Slovenian",
        links=[("https://example.eu/plan", "Day plan")],
    )
    db.session.commit()
    page = client.get(f"/practices/{practice.id}").text
    for text in (
        "Cluster open day",
        "Few SMEs knew",
        "<strong>hall</strong>",
        "Two days",
        "€2,000",
        "Two people",
        "38 SMEs came",
        "English, Slovenian",
        "Day plan",
        "Petra Author",
        "Version history (1)",
        "Shared",
    ):
        assert text in page


def test_a_missing_practice_is_a_404(client):
    assert client.get("/practices/999").status_code == 404


def test_adoptions_show_as_adopters_and_countries(client, practice, people):
    for role in ("participant", "alumni", "coach"):
        db.session.add(
            PracticeAdoption(
                practice=practice,
                user=people[role],
                kind="adopted",
                country=people[role].profile.country,
            )
        )
    db.session.commit()
    page = client.get(f"/practices/{practice.id}").text
    assert "Adopted by 3 members" in page and "from 3 countries" in page
