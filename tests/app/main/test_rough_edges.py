"""Home-page details a newcomer notices: the favicon, the first greeting, and honest reply counts."""

from __future__ import annotations

from datetime import UTC, datetime

from app.extensions import db


def test_favicon_is_served_where_browsers_look_for_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.mimetype == "image/vnd.microsoft.icon"
    assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO header


def test_every_page_links_the_svg_icon(client):
    page = client.get("/").get_data(as_text=True)
    assert 'rel="icon" href="/static/favicon.svg"' in page
    assert client.get("/static/favicon.svg").status_code == 200


def test_a_member_who_never_logged_in_before_is_welcomed_not_welcomed_back(login, make_user):
    newcomer = make_user(name="Nora New")
    page = login(newcomer).get("/").get_data(as_text=True)
    assert "Welcome, Nora New" in page
    assert "Welcome back" not in page


def test_a_returning_member_is_welcomed_back(login, make_user):
    member = make_user(name="Rita Return")
    member.last_login_at = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    db.session.commit()
    assert "Welcome back, Rita Return" in login(member).get("/").get_data(as_text=True)


def test_a_challenge_without_replies_has_no_new_replies(login, make_user, make_challenge):
    author = make_user()
    make_challenge(author, title="Finding SME members in Ljubljana")
    page = login(author).get("/").get_data(as_text=True)
    row = page[page.index("Finding SME members in Ljubljana") :]
    row = row[: row.index("</tr>")]
    assert "new</span>" not in row
    assert row.count("<td>0</td>") == 2  # replies 0, new 0


def test_a_reply_from_someone_else_counts_as_one_reply_and_one_new(
    login, make_user, make_challenge, make_reply
):
    author, helper = make_user(), make_user()
    challenge = make_challenge(author, title="Export to Japan")
    make_reply(challenge, helper)
    page = login(author).get("/").get_data(as_text=True)
    row = page[page.index("Export to Japan") :]
    row = row[: row.index("</tr>")]
    assert "<td>1</td>" in row and "1 new" in row
