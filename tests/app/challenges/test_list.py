"""The challenges list: filters, search, pagination, counts, and htmx live filtering."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import HTMX


@pytest.fixture
def spread(make_user, make_challenge, make_reply):
    """Four challenges across themes, ecosystems, countries and statuses, oldest first."""
    pt = make_user(name="Paula", country="PT")
    de = make_user(name="Dieter", country="DE")
    made = [
        make_challenge(
            pt,
            title="Green hydrogen partners wanted",
            body="We look for partners in hydrogen valleys.",
            themes=("green", "internationalisation"),
            ecosystem="energy-renewables",
        ),
        make_challenge(
            de,
            title="Keeping members engaged",
            body="Attendance at our events is dropping fast.",
            themes=("membership",),
            ecosystem="digital",
            status="solved",
        ),
        make_challenge(
            pt,
            title="Financing a digital twin pilot",
            body="Which FUNDING programmes fit a SME pilot?",
            themes=("financing", "digital"),
            ecosystem="digital",
        ),
        make_challenge(
            de,
            title="Skills for battery workers",
            body="Our members lack trained technicians.",
            themes=("skills", "green"),
            ecosystem="mobility-transport-automotive",
            status="solved",
        ),
    ]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for days, challenge in enumerate(made):
        challenge.created_at = start + timedelta(days=days)
    make_reply(made[0], de)
    make_reply(made[0], de, body="And a second idea.")
    return made


def titles(response) -> list[str]:
    """Challenge titles in the order the page lists them."""
    html = response.get_data(as_text=True)
    return [
        chunk.split("</a>")[0].split(">")[-1]
        for chunk in html.split('class="challenge-title">')[1:]
    ]


def test_list_shows_newest_first_with_author_country_themes_status_and_reply_count(client, spread):
    response = client.get("/challenges/")
    assert response.status_code == 200
    assert titles(response) == [
        "Skills for battery workers",
        "Financing a digital twin pilot",
        "Keeping members engaged",
        "Green hydrogen partners wanted",
    ]
    html = response.get_data(as_text=True)
    assert "4 challenges" in html
    assert "Paula, Portugal" in html and "Dieter, Germany" in html
    assert "Green transition" in html and "Energy-intensive" not in html
    assert "badge-solved" in html and "badge-open" in html
    assert "2 replies" in html and "0 replies" in html
    assert "1 Jan 2025" in html


def test_list_is_the_nav_target_and_reachable_without_logging_in(client, app):
    with app.test_request_context():
        from flask import url_for

        assert url_for("challenges.index") == "/challenges/"
    assert b'href="/challenges/"' in client.get("/challenges/").data


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=green", ["Skills for battery workers", "Green hydrogen partners wanted"]),
        ("ecosystem=digital", ["Financing a digital twin pilot", "Keeping members engaged"]),
        ("country=PT", ["Financing a digital twin pilot", "Green hydrogen partners wanted"]),
        ("status=open", ["Financing a digital twin pilot", "Green hydrogen partners wanted"]),
        ("status=solved", ["Skills for battery workers", "Keeping members engaged"]),
    ],
)
def test_each_filter_alone_narrows_the_list(client, spread, query, expected):
    assert titles(client.get(f"/challenges/?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=green&status=solved", ["Skills for battery workers"]),
        (
            "theme=digital&ecosystem=digital&country=PT&status=open",
            ["Financing a digital twin pilot"],
        ),
        ("country=DE&ecosystem=digital", ["Keeping members engaged"]),
        ("theme=green&q=hydrogen&country=PT", ["Green hydrogen partners wanted"]),
    ],
)
def test_filters_combine(client, spread, query, expected):
    assert titles(client.get(f"/challenges/?{query}")) == expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("HYDROGEN", ["Green hydrogen partners wanted"]),  # title, any case
        ("funding", ["Financing a digital twin pilot"]),  # body, stored upper-case
        ("members", ["Skills for battery workers", "Keeping members engaged"]),  # title or body
        ("100%", []),  # % is a literal, not a wildcard
        ("  technicians  ", ["Skills for battery workers"]),  # surrounding spaces ignored
    ],
)
def test_search_matches_title_and_body_case_insensitively(client, spread, q, expected):
    assert titles(client.get("/challenges/", query_string={"q": q})) == expected


def test_unknown_filter_values_are_ignored_rather_than_failing(client, spread):
    response = client.get("/challenges/?theme=nope&ecosystem=moon&country=ZZ&status=lost&page=abc")
    assert response.status_code == 200
    assert len(titles(response)) == 4


def test_result_count_says_how_many_match(client, spread):
    html = client.get("/challenges/?status=solved").get_data(as_text=True)
    assert "2 challenges match your filters" in html


def test_empty_result_suggests_which_filter_to_remove(client, spread):
    html = client.get("/challenges/?theme=policy&country=PT").get_data(as_text=True)
    assert "0 challenges" in html
    assert "Remove the theme Policy and stakeholders" in html
    assert 'href="/challenges/?country=PT"' in html  # the link that drops the theme
    assert "Remove the country Portugal" in html
    assert 'href="/challenges/?theme=policy"' in html
    assert "Show all challenges" in html


def test_empty_community_invites_the_first_challenge(login, make_user):
    html = login(make_user()).get("/challenges/").get_data(as_text=True)
    assert "No challenges yet" in html
    assert "Post the first one" in html


def test_pagination_shows_twenty_per_page_and_keeps_filters_in_links(
    client, make_user, make_challenge
):
    author = make_user(country="AT")
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for n in range(45):
        challenge = make_challenge(author, title=f"Challenge number {n:02d}", themes=("policy",))
        challenge.created_at = start + timedelta(hours=n)

    first = client.get("/challenges/?theme=policy")
    assert titles(first)[0] == "Challenge number 44"
    assert len(titles(first)) == 20
    assert "45 challenges" in first.get_data(as_text=True)
    assert "Page 1 of 3" in first.get_data(as_text=True)
    assert 'href="/challenges/?theme=policy&amp;page=2"' in first.get_data(as_text=True)

    last = client.get("/challenges/?theme=policy&page=3")
    assert titles(last) == [f"Challenge number {n:02d}" for n in range(4, -1, -1)]
    assert 'rel="prev"' in last.get_data(as_text=True) and 'rel="next"' not in last.get_data(
        as_text=True
    )


def test_a_page_past_the_end_is_empty_not_an_error(client, spread):
    response = client.get("/challenges/?page=99")
    assert response.status_code == 200
    assert titles(response) == []


def test_htmx_filtering_returns_only_the_results_fragment(client, spread):
    response = client.get("/challenges/?theme=green", headers=HTMX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and "<form" not in html
    assert html.lstrip().startswith('<section id="challenge-results"')
    assert titles(response) == ["Skills for battery workers", "Green hydrogen partners wanted"]
    assert "HX-Request" in response.headers["Vary"]


def test_full_page_has_the_live_filter_form_and_includes_the_same_results(client, spread):
    html = client.get("/challenges/?theme=green").get_data(as_text=True)
    assert "<html" in html
    assert 'hx-get="/challenges/"' in html and 'hx-target="#challenge-results"' in html
    assert 'hx-push-url="true"' in html
    assert '<button type="submit">Filter</button>' in html  # works without JavaScript
    assert '<option value="green" selected>' in html
    assert 'id="challenge-results"' in html


def test_history_restore_gets_the_full_page(client, spread):
    headers = HTMX | {"HX-History-Restore-Request": "true"}
    assert b"<html" in client.get("/challenges/?theme=green", headers=headers).data
