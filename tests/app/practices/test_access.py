"""Who may open each page of the practice library: one table, every role, both htmx branches."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.practices.collections import services as collections
from tests.conftest import HTMX

ROLES = ("anonymous", "participant", "alumni", "coach", "admin")
#: page → expected status per role, in ROLES order (302: sent to log in).
PAGES = {
    "/practices/": (200, 200, 200, 200, 200),
    "/practices/new": (302, 200, 200, 200, 200),
    "/practices/{practice}": (200, 200, 200, 200, 200),
    "/practices/{practice}/edit": (302, 403, 403, 200, 200),
    "/practices/{practice}/like-this": (200, 200, 200, 200, 200),
    "/practices/{practice}/history": (200, 200, 200, 200, 200),
    "/practices/{practice}/history/{version}": (200, 200, 200, 200, 200),
    "/practices/{practice}/compare?from={version}": (200, 200, 200, 200, 200),
    "/practices/?challenge={challenge}": (200, 200, 200, 200, 200),
    "/practices/?like=membership+fees": (200, 200, 200, 200, 200),
    "/practices/for-challenge/{challenge}": (200, 200, 200, 200, 200),
    "/practices/for-me": (302, 200, 200, 200, 200),
    "/practices/collections/": (302, 200, 200, 200, 200),
    "/practices/collections/new": (302, 403, 403, 200, 200),
    "/practices/collections/{collection}": (302, 404, 200, 200, 200),
    "/practices/collections/{collection}/print": (302, 404, 200, 200, 200),
    "/practices/collections/{collection}/pdf": (302, 404, 200, 200, 200),
    "/practices/sessions/1/materials": (302, 403, 403, 200, 200),
}


@pytest.fixture
def places(author, people, practice, make_challenge, make_edition):
    """Ids to fill the paths with; the alumni member is in the collection's edition."""
    challenge = make_challenge(author)
    edition = make_edition(members=(people["alumni"],))
    collection = collections.create_collection(
        people["coach"], edition_id=edition.id, title="Toolkit"
    )
    collections.add_to_collection(collection, practice)
    db.session.commit()
    return {
        "practice": practice.id,
        "version": practice.versions[0].id,
        "challenge": challenge.id,
        "collection": collection.id,
    }


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("path", list(PAGES))
def test_each_role_gets_the_expected_answer(client, login, people, places, path, htmx):
    url = path.format(**places)
    for role, expected in zip(ROLES, PAGES[path], strict=True):
        browser = client if role == "anonymous" else login(people[role])
        response = browser.get(url, headers=HTMX if htmx else {})
        assert response.status_code == expected, f"{role} on {url}"
        if response.mimetype == "text/html":
            assert "Traceback" not in response.text
