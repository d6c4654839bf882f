"""Sharing a practice and editing it: the form, its messages, who may edit, the version history."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Practice
from tests.app.practices.conftest import ROLES

GOOD = {
    "title": "Matchmaking breakfast",
    "summary": "Eight SMEs and two labs over coffee, once a month.",
    "kind": "method",
    "problem": "SMEs never met our university labs.",
    "how_to": "1. Pick a topic.\n2. Invite eight SMEs and two labs.\n3. Send a one-page follow-up.",
    "needs_time": "Half a day a month",
    "needs_budget": "€300 for breakfast",
    "needs_team": "One project manager",
    "results": "Four joint Horizon proposals in a year.",
    "themes": ["services", "skills"],
    "ecosystems": ["digital"],
    "maturities": ["emerging", "developing"],
    "languages": "English, Slovenian",
    "links": "https://example.eu/invite Invitation template",
    "coauthors": "",
    "visibility": "community",
}


def test_visitors_are_sent_to_log_in_to_share(client):
    response = client.get("/practices/new")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_every_member_gets_the_share_form_with_its_plain_words(login, people, role):
    page = login(people[role]).get("/practices/new")
    assert page.status_code == 200
    for words in ("Share a practice", "Title", "Summary", "How to run it", "Publish practice"):
        assert words in page.text


def test_sharing_a_practice_publishes_it_with_its_tags_and_first_version(login, author):
    response = login(author).post("/practices/new", data=GOOD)
    practice = db.session.scalar(select(Practice))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/practices/{practice.id}")
    assert practice.author == author and practice.published
    assert practice.themes == ["services", "skills"] and practice.maturities == [
        "emerging",
        "developing",
    ]
    assert [(link.url, link.label) for link in practice.links] == [
        ("https://example.eu/invite", "Invitation template")
    ]
    assert [v.changed for v in practice.versions] == ["Shared"]
    assert "<ol>" in practice.how_to_html


def test_co_authors_are_named_by_their_email(login, author, people):
    data = GOOD | {"coauthors": people["participant"].email.upper()}
    login(author).post("/practices/new", data=data)
    practice = db.session.scalar(select(Practice))
    assert practice.coauthors == [people["participant"]]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Title: name the practice."),
        ({"summary": "x" * 300}, "Summary: write 10 to 240 characters."),
        ({"how_to": ""}, "How to run it: write the steps another cluster manager would follow."),
        ({"kind": "poem"}, "Type: choose tool, method, service, business model or template."),
        ({"themes": []}, "Themes: tick 1 to 3 themes."),
        ({"themes": ["membership", "green", "digital", "skills"]}, "Themes: tick 1 to 3 themes."),
        ({"links": "not a link"}, "Links: line 1 does not start with a web address"),
        ({"links": "javascript:alert(1) Click"}, "Links: line 1 does not start with a web address"),
        (
            {"coauthors": "nobody@example.eu"},
            "Co-authors: no member has the email nobody@example.eu",
        ),
        ({"visibility": "hidden"}, "Who sees it: choose one of the two options."),
    ],
)
def test_bad_input_is_named_at_its_field_and_nothing_is_stored(login, author, changes, message):
    response = login(author).post("/practices/new", data=GOOD | changes)
    assert response.status_code == 422
    assert message in response.text
    assert GOOD["needs_budget"] in response.text  # what was typed is kept
    assert db.session.scalar(select(Practice)) is None


MARKDOWN_INJECTIONS = [
    ("<script>alert(1)</script>", "How to run it: remove the &lt;script&gt; tag"),
    ("Steps <img src=x onerror=alert(1)>", "How to run it: remove the &lt;img&gt; tag"),
    (
        '<a href="#" onclick="steal()">steps</a>',
        "How to run it: remove the event handler (onclick…=)",
    ),
    (
        '<p hx-get="/admin/users" hx-trigger="load">steps</p>',
        "How to run it: remove the hx-get attribute",
    ),
    (
        "Steps paragraph\n{: data-hx-post=/practices/1/adopt }",
        "How to run it: remove the data-hx-post attribute",
    ),
    (
        "[the template](javascript:alert(document.cookie))",
        "links must start with http://, https:// or mailto:, not javascript:",
    ),
    ("<iframe src=https://evil.example></iframe>", "How to run it: remove the &lt;iframe&gt; tag"),
]


@pytest.mark.parametrize(("injection", "message"), MARKDOWN_INJECTIONS)
def test_markdown_injections_are_refused_with_a_message_at_the_field(
    login, author, injection, message
):
    how_to = "1. Invite the members to the room.\n\n" + injection
    response = login(author).post("/practices/new", data=GOOD | {"how_to": how_to})
    assert response.status_code == 422
    assert message in response.text
    assert db.session.scalar(select(Practice)) is None


@pytest.mark.parametrize(("injection", "_message"), MARKDOWN_INJECTIONS)
def test_stored_markdown_is_rendered_without_scripts_handlers_or_htmx(
    author, make_practice, injection, _message
):
    # Even text that bypassed the form (an import, an old row) is sanitised when rendered.
    practice = make_practice(author, how_to=injection)
    html = practice.how_to_html.lower()
    for forbidden in ("<script", "onerror", "onclick", "hx-", "javascript:", "<iframe", "<img"):
        assert forbidden not in html


def test_the_author_edits_their_practice_and_the_history_says_what_changed(login, author, practice):
    browser = login(author)
    form = browser.get(f"/practices/{practice.id}/edit")
    assert form.status_code == 200 and practice.title in form.text
    data = GOOD | {"title": practice.title, "note": "Clearer steps"}
    response = browser.post(f"/practices/{practice.id}/edit", data=data)
    assert response.status_code == 302
    latest = practice.versions[0]
    assert latest.editor == author and latest.note == "Clearer steps"
    assert "How to run it" in latest.changed and "Title" not in latest.changed
    assert "Clearer steps" in browser.get(f"/practices/{practice.id}").text


def test_a_co_author_may_edit(login, author, people, make_practice):
    practice = make_practice(author)
    login(author).post(
        f"/practices/{practice.id}/edit", data=GOOD | {"coauthors": people["participant"].email}
    )
    assert login(people["participant"]).get(f"/practices/{practice.id}/edit").status_code == 200


@pytest.mark.parametrize(
    ("role", "status"), [("participant", 403), ("alumni", 403), ("coach", 200), ("admin", 200)]
)
def test_only_authors_coaches_and_admins_edit(login, people, practice, role, status):
    browser = login(people[role])
    assert browser.get(f"/practices/{practice.id}/edit").status_code == status
    response = browser.post(f"/practices/{practice.id}/edit", data=GOOD)
    assert response.status_code == (302 if status == 200 else 403)


def test_visitors_cannot_edit(client, practice):
    assert client.post(f"/practices/{practice.id}/edit", data=GOOD).status_code == 302
    assert db.session.get(Practice, practice.id).title != GOOD["title"]


def test_an_edit_with_errors_keeps_the_stored_practice(login, author, practice):
    response = login(author).post(f"/practices/{practice.id}/edit", data=GOOD | {"title": ""})
    assert response.status_code == 422 and "Title: name the practice." in response.text
    db.session.expire_all()
    assert (
        db.session.get(Practice, practice.id).title == "Speed-dating between SMEs and researchers"
    )
