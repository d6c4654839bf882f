"""Writing through the API: challenges, replies and introductions, and what bad input gets back."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Challenge, Introduction, Notification, Reply

GOOD = {
    "title": "Keeping SMEs after the project ends",
    "body": "Our members leave when EU project funding stops. How did you keep them?",
    "themes": ["membership", "financing"],
    "ecosystem": "agri-food",
}


def test_posting_a_challenge_creates_it_in_my_name(make_user, api_as):
    author = make_user(country="PT", name="Rita Sousa")
    response = api_as(author, "write").post("/api/v1/challenges", json=GOOD)
    assert response.status_code == 201
    body = response.get_json()
    assert response.headers["Location"] == f"/api/v1/challenges/{body['id']}"
    assert body["author"]["name"] == "Rita Sousa" and body["country"] == "PT"
    assert body["themes"] == ["membership", "financing"] and body["replies"] == []
    challenge = db.session.get(Challenge, body["id"])
    assert challenge.author_id == author.id and challenge.body_html  # rendered like the site's


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": "Hi"}, "title", "Use 5 to 160 characters."),
        ({"title": "     "}, "title", "Must not be blank, or start or end with spaces"),
        ({"title": " Padded title "}, "title", "Must not be blank, or start or end with spaces"),
        ({"body": "short"}, "body", "Use 20 to 10000 characters."),
        ({"themes": []}, "themes", "Choose 1 to 3 themes."),
        (
            {"themes": ["membership", "green", "digital", "skills"]},
            "themes",
            "Choose 1 to 3 themes.",
        ),
        ({"themes": ["cooking"]}, "themes", "Use one of:"),
        ({"ecosystem": "space-tourism"}, "ecosystem", "Use one of:"),
        ({"title": None}, "title", "Field may not be null."),
        ({"title": {"nested": "object"}}, "title", "Not a valid string."),
        ({"colour": "blue"}, "colour", "Unknown field."),
        ({"body": "A NUL\x00 byte cannot be stored in any database text column"}, "body", "NUL"),
    ],
)
def test_bad_challenges_get_422_naming_the_field_and_write_nothing(
    make_user, api_as, change, field, message
):
    response = api_as(make_user(), "write").post("/api/v1/challenges", json={**GOOD, **change})
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["status"] == 422 and "errors" in problem
    assert message in str(problem["errors"][field])
    assert db.session.query(Challenge).count() == 0


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ("not json at all", "application/json"),
        ("title=x", "application/x-www-form-urlencoded"),
        ("[1, 2]", "application/json"),
    ],
)
def test_bodies_that_are_not_a_json_object_are_refused_cleanly(
    make_user, api_as, data, content_type
):
    response = api_as(make_user(), "write").post(
        "/api/v1/challenges", data=data, content_type=content_type
    )
    assert response.status_code in (400, 415, 422)
    assert response.mimetype == "application/problem+json"
    assert db.session.query(Challenge).count() == 0


def test_replying_notifies_the_author(make_user, make_challenge, api_as):
    author, helper = make_user(), make_user(name="Jan Novak")
    challenge = make_challenge(author)
    response = api_as(helper, "write").post(
        f"/api/v1/challenges/{challenge.id}/replies", json={"body": "We offered a free first year."}
    )
    assert response.status_code == 201
    assert response.get_json()["author"]["name"] == "Jan Novak"
    assert db.session.query(Reply).count() == 1
    assert (
        db.session.query(Notification).filter_by(user_id=author.id, event="reply_posted").count()
        == 1
    )


def test_reply_to_a_missing_challenge_is_404(make_user, api_as):
    response = api_as(make_user(), "write").post(
        "/api/v1/challenges/999/replies", json={"body": "Hello there"}
    )
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_requesting_an_introduction(make_user, api_as):
    sender, recipient = make_user(), make_user(name="Maria Rossi")
    response = api_as(sender, "write").post(
        "/api/v1/introductions",
        json={"profile_id": recipient.profile.id, "message": "Hydrogen valleys?"},
    )
    assert response.status_code == 201
    assert response.get_json()["recipient"]["name"] == "Maria Rossi"
    assert (
        db.session.query(Introduction).filter_by(sender_id=sender.id, status="pending").count() == 1
    )


@pytest.mark.parametrize("which", ["myself", "twice"])
def test_refused_introductions_are_409_with_the_reason(make_user, api_as, which):
    sender, recipient = make_user(), make_user()
    client = api_as(sender, "write")
    target = sender if which == "myself" else recipient
    if which == "twice":
        client.post("/api/v1/introductions", json={"profile_id": recipient.profile.id})
    response = client.post("/api/v1/introductions", json={"profile_id": target.profile.id})
    assert response.status_code == 409
    assert ("yourself" if which == "myself" else "already") in response.get_json()["detail"]


@pytest.mark.parametrize(
    "query",
    ["page=0", "page=abc", "per_page=101", "page=99999999999999999999", "country=XX", "q=%00"],
)
def test_bad_query_strings_get_422(make_user, api_as, query):
    response = api_as(make_user()).get(f"/api/v1/profiles?{query}")
    assert response.status_code == 422 and response.mimetype == "application/problem+json"


def test_unknown_query_parameters_are_ignored_like_on_the_site(make_user, api_as):
    assert api_as(make_user()).get("/api/v1/profiles?colour=blue").status_code == 200


def test_pages_link_to_their_neighbours_and_keep_the_filters(make_user, make_challenge, api_as):
    author = make_user()
    for n in range(5):
        make_challenge(author, title=f"Challenge number {n}", themes=("green",))
    make_challenge(author, title="Another theme", themes=("skills",))
    response = api_as(author).get("/api/v1/challenges?theme=green&per_page=2&page=2")
    body = response.get_json()
    assert (body["page"], body["per_page"], body["total"]) == (2, 2, 5)
    assert [c["title"] for c in body["items"]] == ["Challenge number 2", "Challenge number 1"]
    links = body["links"]
    assert "theme=green" in links["next"] and "page=3" in links["next"]
    assert "page=1" in links["prev"] and "page=3" in links["last"]
    assert 'rel="next"' in response.headers["Link"]


def test_last_page_has_no_next_link(make_user, api_as):
    body = api_as(make_user()).get("/api/v1/profiles").get_json()
    assert "next" not in body["links"] and "prev" not in body["links"]


def test_each_token_has_its_own_rate_limit(app, make_user, api_as):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    first, second = api_as(make_user()), api_as(make_user())
    statuses = [first.get("/api/v1/me").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = first.get("/api/v1/me")
    assert limited.mimetype == "application/problem+json" and "Retry-After" in limited.headers
    assert second.get("/api/v1/me").status_code == 200
