"""A practice's version history: read every version, compare any two field by field, and restore
an earlier one as a new version; who may read follows the practice, who may restore is who edits."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import PracticeVersion
from app.practices import services
from tests.conftest import HTMX

ROLES = ("anonymous", "participant", "alumni", "coach", "admin")


def _edit(practice, editor, *, note="", **changes):
    """Save an edit through the service, as the edit form would."""
    current = services.snapshot_of(practice)
    current["links"] = [tuple(link) for link in current["links"]]
    content = services.PracticeContent(**(current | changes), coauthors=practice.coauthors)
    services.edit_practice(practice, editor, content, note=note)
    db.session.commit()


@pytest.fixture
def edited(author, people, practice):
    """The practice shared, then edited by its author, then by a coach."""
    _edit(
        practice,
        author,
        title="Speed-dating between SMEs and <b>labs</b>",
        how_to="1. Collect needs.\n2. Pair each with two labs.\n\n<script>alert(1)</script> **Follow up**.",
        themes=["services", "skills"],
        note="Labs, not researchers",
    )
    _edit(practice, people["coach"], summary="Twelve-minute meetings that start projects.")
    return practice


def _versions(practice):
    """Oldest first: shared, author's edit, coach's edit."""
    return list(reversed(practice.versions))


@pytest.mark.parametrize("htmx", [True, False])
def test_the_history_lists_who_changed_what_when_and_why(client, edited, htmx):
    response = client.get(f"/practices/{edited.id}/history", headers=HTMX if htmx else {})
    assert response.status_code == 200
    assert ("<html" in response.text) is not htmx
    text = response.text
    for words in (
        "Petra Author: Shared",
        "Petra Author: Title, How to run it, Themes",
        "Labs, not researchers",
        "Cora Coach: Summary",
        "Read this version",
        "Compare",
    ):
        assert words in text


def test_the_practice_page_links_to_its_history(client, edited):
    assert f"/practices/{edited.id}/history" in client.get(f"/practices/{edited.id}").text


@pytest.mark.parametrize("htmx", [True, False])
def test_an_old_version_reads_as_it_was_with_markdown_sanitised(client, edited, htmx):
    second = _versions(edited)[1]
    response = client.get(
        f"/practices/{edited.id}/history/{second.id}", headers=HTMX if htmx else {}
    )
    assert response.status_code == 200
    assert ("<html" in response.text) is not htmx
    text = response.text
    assert "Twelve-minute meetings that start joint projects." in text  # the summary back then
    assert "<strong>Follow up</strong>" in text
    assert "<script>alert" not in text
    assert "&lt;b&gt;labs&lt;/b&gt;" in text and "<b>labs</b>" not in text


@pytest.mark.parametrize("htmx", [True, False])
def test_compare_marks_words_removed_and_added_per_field(client, edited, htmx):
    shared, _, _ = _versions(edited)
    response = client.get(
        f"/practices/{edited.id}/compare",
        query_string={"from": shared.id, "to": "current"},
        headers=HTMX if htmx else {},
    )
    assert response.status_code == 200
    assert ("<html" in response.text) is not htmx
    text = response.text
    assert "<dt>Title</dt>" in text and "<dt>Summary</dt>" in text
    assert "<del>researchers</del>" in text
    assert "<ins>&lt;b&gt;labs&lt;/b&gt;</ins>" in text  # the author's markup is shown as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in text and "<script>alert" not in text
    assert "Added: <ins>Skills" in text
    assert "<dt>Visibility</dt>" not in text  # unchanged fields are left out


def test_compare_two_earlier_versions(client, edited):
    shared, authors, _ = _versions(edited)
    text = client.get(
        f"/practices/{edited.id}/compare", query_string={"from": shared.id, "to": authors.id}
    ).text
    assert "<dt>Title</dt>" in text and "<dt>Summary</dt>" not in text


def test_versions_of_another_practice_or_none_are_a_404(client, edited, author, make_practice):
    other = make_practice(author, title="Another practice entirely")
    db.session.commit()
    foreign = other.versions[0].id
    assert client.get(f"/practices/{edited.id}/history/{foreign}").status_code == 404
    assert client.get(f"/practices/{edited.id}/compare?from={foreign}").status_code == 404
    assert client.get(f"/practices/{edited.id}/compare").status_code == 404
    assert client.get(f"/practices/{edited.id}/compare?from=1&to=x").status_code == 404


@pytest.mark.parametrize("page", ["history", "history/{version}", "compare?from={version}"])
def test_the_history_of_an_edition_practice_follows_its_visibility(
    client, login, author, people, make_practice, make_edition, page
):
    private = make_practice(author, title="Our cohort-only pricing sheet", visibility="cohorts")
    make_edition(members=(author, people["alumni"]))
    db.session.commit()
    url = f"/practices/{private.id}/" + page.format(version=private.versions[0].id)
    expected = {"anonymous": 404, "participant": 404, "alumni": 200, "coach": 200, "admin": 200}
    for role in ROLES:
        browser = client if role == "anonymous" else login(people[role])
        assert browser.get(url).status_code == expected[role], role


def test_an_unpublished_practices_history_is_for_its_authors_and_coaches(
    client, login, author, people, edited
):
    edited.published = False
    db.session.commit()
    url = f"/practices/{edited.id}/history"
    assert client.get(url).status_code == 404
    assert login(people["participant"]).get(url).status_code == 404
    assert login(author).get(url).status_code == 200
    assert login(people["coach"]).get(url).status_code == 200


def _count_versions(practice):
    return db.session.scalar(
        select(func.count(PracticeVersion.id)).where(PracticeVersion.practice_id == practice.id)
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("participant", 403),
        ("alumni", 403),
        ("author", 302),
        ("coach", 302),
        ("admin", 302),
    ],
)
def test_who_may_restore_a_version(client, login, author, people, edited, role, expected):
    shared = _versions(edited)[0]
    browser = {"anonymous": client, "author": login(author)}.get(role) or login(people[role])
    before = _count_versions(edited)
    response = browser.post(f"/practices/{edited.id}/history/{shared.id}/restore")
    assert response.status_code == expected
    restored = expected == 302 and role != "anonymous"
    if role == "anonymous":
        assert "/login" in response.headers["Location"]
    db.session.refresh(edited)
    assert _count_versions(edited) == before + (1 if restored else 0)
    assert (edited.title == "Speed-dating between SMEs and researchers") is restored


def test_restoring_adds_a_version_and_never_rewrites_history(login, author, people, edited):
    shared, authors, coachs = _versions(edited)
    snapshots = {v.id: v.snapshot for v in (shared, authors, coachs)}
    edited.visibility = "cohorts"
    db.session.commit()
    response = login(author).post(
        f"/practices/{edited.id}/history/{shared.id}/restore", headers=HTMX
    )
    assert response.status_code == 200
    assert "<html" not in response.text and 'id="practice-history"' in response.text
    assert "Restored: Title, Summary, How to run it, Themes" in response.text
    db.session.refresh(edited)
    newest = edited.versions[0]
    assert newest.id not in snapshots and newest.editor_id == author.id
    assert newest.note.startswith("Restored the version of ")
    assert {v.id: v.snapshot for v in edited.versions if v.id in snapshots} == snapshots
    assert edited.title == "Speed-dating between SMEs and researchers"
    assert edited.themes == ["services"]
    assert edited.visibility == "cohorts"  # who sees it is not restored
    assert "<script>" not in edited.how_to and "**Follow up**" not in edited.how_to


def test_restoring_the_current_wording_says_nothing_changed(login, author, edited):
    latest = edited.versions[0]
    before = _count_versions(edited)
    page = login(author).post(
        f"/practices/{edited.id}/history/{latest.id}/restore", follow_redirects=True
    )
    assert "nothing to restore" in page.text
    assert _count_versions(edited) == before


def test_a_version_saved_before_tags_were_kept_compares_and_restores_its_texts(
    client, login, author, edited
):
    shared = _versions(edited)[0]
    texts_only = {k: v for k, v in json.loads(shared.snapshot).items() if k in services.TEXT_FIELDS}
    shared.snapshot = json.dumps(texts_only)
    db.session.commit()
    compared = client.get(f"/practices/{edited.id}/compare?from={shared.id}").text
    assert "<dt>Title</dt>" in compared and "<dt>Themes</dt>" not in compared
    login(author).post(f"/practices/{edited.id}/history/{shared.id}/restore")
    db.session.refresh(edited)
    assert edited.title == "Speed-dating between SMEs and researchers"
    assert edited.themes == ["services", "skills"]  # not recorded then: kept as now


def test_restore_buttons_show_only_to_those_who_may_restore(client, login, people, author, edited):
    url = f"/practices/{edited.id}/history"
    assert "Restore this version" not in client.get(url).text
    assert "Restore this version" not in login(people["participant"]).get(url).text
    assert "Restore this version" in login(author).get(url).text
    assert "Restore this version" in login(people["admin"]).get(url).text
