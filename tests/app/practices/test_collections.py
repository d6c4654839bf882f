"""Collections: coaches curate them per edition or session; members of the edition read, print and
download them as PDF; session pages show their materials."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import CoachingSession, PracticeCollection, PracticeCollectionItem
from app.practices.collections import export
from app.practices.collections import services as collections
from tests.conftest import HTMX


@pytest.fixture
def edition(make_edition, people):
    """The 4th Academy, with the alumni member as participant."""
    return make_edition(name="4th Cluster Booster Academy", members=(people["alumni"],))


@pytest.fixture
def toolkit(edition, people, practice):
    collection = collections.create_collection(
        people["coach"],
        edition_id=edition.id,
        title="Toolkit of the 4th Academy",
        description="What we used.",
    )
    collections.add_to_collection(collection, practice, note="Read before day 2.")
    db.session.commit()
    return collection


@pytest.mark.parametrize(
    ("role", "status"), [("participant", 403), ("alumni", 403), ("coach", 200), ("admin", 200)]
)
def test_only_coaches_and_admins_create_collections(login, people, edition, role, status):
    browser = login(people[role])
    assert browser.get("/practices/collections/new").status_code == status
    response = browser.post(
        "/practices/collections/new",
        data={"edition_id": edition.id, "session_id": 0, "title": "Toolkit"},
    )
    assert response.status_code == (302 if status == 200 else 403)


def test_a_collection_needs_a_title_and_a_known_edition(login, people, edition):
    browser = login(people["coach"])
    response = browser.post(
        "/practices/collections/new", data={"edition_id": 999, "session_id": 0, "title": ""}
    )
    assert response.status_code == 422
    assert "Edition: choose an edition from the list." in response.text
    assert "Title: name the collection" in response.text
    assert db.session.scalar(select(PracticeCollection)) is None


@pytest.mark.parametrize(
    ("role", "status"), [("participant", 404), ("alumni", 200), ("coach", 200), ("admin", 200)]
)
def test_members_of_the_edition_and_coaches_read_a_collection(
    login, people, toolkit, practice, role, status
):
    response = login(people[role]).get(f"/practices/collections/{toolkit.id}")
    assert response.status_code == status
    if status == 200:
        assert practice.title in response.text and "Read before day 2." in response.text


def test_visitors_are_sent_to_log_in_for_collections(client, toolkit):
    assert client.get(f"/practices/collections/{toolkit.id}").status_code == 302
    assert client.get("/practices/collections/").status_code == 302


def test_the_collection_list_shows_only_my_editions_collections(login, people, toolkit):
    assert toolkit.title in login(people["alumni"]).get("/practices/collections/").text
    assert toolkit.title not in login(people["participant"]).get("/practices/collections/").text


def test_a_coach_adds_a_practice_from_its_page_once(login, people, edition, author, make_practice):
    collection = collections.create_collection(
        people["coach"], edition_id=edition.id, title="Day 1 kit"
    )
    other = make_practice(author, title="Cluster strategy canvas")
    browser = login(people["coach"])
    page = browser.get(f"/practices/{other.id}").text
    assert "Add to collection" in page and "Day 1 kit" in page
    browser.post(
        f"/practices/{other.id}/collect", data={"collection_id": collection.id, "note": "Warm-up"}
    )
    again = browser.post(
        f"/practices/{other.id}/collect",
        data={"collection_id": collection.id},
        follow_redirects=True,
    )
    assert "is in “Day 1 kit” already" in again.text
    assert db.session.scalar(select(PracticeCollectionItem.note)) == "Warm-up"


@pytest.mark.parametrize("role", ["participant", "alumni"])
def test_members_cannot_add_or_remove(login, people, toolkit, practice, role):
    browser = login(people[role])
    assert (
        browser.post(
            f"/practices/{practice.id}/collect", data={"collection_id": toolkit.id}
        ).status_code
        == 403
    )
    assert (
        browser.post(f"/practices/collections/{toolkit.id}/remove/{practice.id}").status_code == 403
    )


def test_a_coach_removes_a_practice(login, people, toolkit, practice):
    login(people["coach"]).post(f"/practices/collections/{toolkit.id}/remove/{practice.id}")
    assert db.session.scalar(select(PracticeCollectionItem)) is None


def test_the_printable_page_has_every_practice_in_full(login, people, toolkit, practice):
    page = login(people["alumni"]).get(f"/practices/collections/{toolkit.id}/print")
    assert page.status_code == 200
    assert "Toolkit of the 4th Academy" in page.text and practice.title in page.text
    assert "<ol>" in page.text  # the steps, rendered from Markdown
    assert "practices-print.css" in page.text


def test_the_pdf_is_made_by_weasyprint_and_downloaded(login, people, toolkit, practice):
    response = login(people["alumni"]).get(f"/practices/collections/{toolkit.id}/pdf")
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF-")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.data.rstrip().endswith(b"%%EOF")


def test_the_pdf_gives_each_practice_its_own_page(
    app, login, people, toolkit, author, make_practice
):
    collections.add_to_collection(toolkit, make_practice(author, title="Cluster strategy canvas"))
    db.session.commit()
    html = login(people["alumni"]).get(f"/practices/collections/{toolkit.id}/print").text
    document = export.laid_out(html.replace("practices-print.css", "not-fetched.css"))
    assert len(document.pages) == 2


def test_unpublished_practices_stay_out_of_a_collection_for_members(
    login, people, toolkit, practice
):
    practice.published = False
    db.session.commit()
    assert (
        practice.title
        not in login(people["alumni"]).get(f"/practices/collections/{toolkit.id}").text
    )


@pytest.mark.parametrize("htmx", [True, False])
def test_a_session_page_shows_its_materials(login, people, edition, practice, htmx):
    session = CoachingSession(
        edition_id=edition.id, title="Day 2: services", starts_at=datetime(2026, 3, 11, 9)
    )
    db.session.add(session)
    db.session.flush()
    browser = login(people["coach"])
    empty = browser.get(f"/practices/sessions/{session.id}/materials", headers=HTMX if htmx else {})
    assert "Choose session materials" in empty.text
    response = browser.post(
        "/practices/collections/new",
        data={"edition_id": edition.id, "session_id": session.id, "title": "Day 2 materials"},
    )
    collection = db.session.scalar(select(PracticeCollection))
    assert response.status_code == 302 and collection.session_id == session.id
    collections.add_to_collection(collection, practice)
    db.session.commit()
    shown = browser.get(f"/practices/sessions/{session.id}/materials", headers=HTMX if htmx else {})
    assert practice.title in shown.text and ("<html" in shown.text) is not htmx
    assert (
        f"/practices/sessions/{session.id}/materials"
        in browser.get(f"/editions/sessions/{session.id}/breakouts").text
    )


@pytest.mark.parametrize("role", ["participant", "alumni"])
def test_session_materials_are_for_coaches(login, people, role):
    assert login(people[role]).get("/practices/sessions/1/materials").status_code == 403
