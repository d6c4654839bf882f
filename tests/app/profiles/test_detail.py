"""A profile's page at /profiles/<id>: what it shows, to whom, and that user text stays inert."""

from __future__ import annotations

import pytest

from app.editions.members.services import add_member


def test_profile_page_shows_everything_with_reference_names(
    make_user, login, make_edition, make_challenge
):
    owner = make_user(
        name="Ana Novak",
        country="SI",
        organisation="Pomurje Digital Cluster",
        website="https://pomurje.si",
        job_title="Cluster manager",
        region="Pomurje",
        ecosystems=["digital", "agri-food"],
        founded_year=2012,
        members_count=1200,
        label="silver",
        maturity="established",
        about="About text here",
        expertise="Matchmaking events",
        needs="Smart farming partners",
        languages="English, Slovenian",
    )
    edition = make_edition(name="3rd Cluster Booster Academy", members=(owner,))
    make_challenge(owner, title="How do we grow membership?")
    html = login(make_user()).get(f"/profiles/{owner.profile.id}").get_data(as_text=True)
    for text in (
        "Ana Novak",
        "Pomurje Digital Cluster",
        "https://pomurje.si",
        "Cluster manager",
        "Slovenia",
        "Pomurje",
        "Digital",
        "Agri-food",
        "2012",
        "1,200",
        "Silver",
        "Established",
        "About text here",
        "Matchmaking events",
        "Smart farming partners",
        "English, Slovenian",
        edition.name,
        "How do we grow membership?",
    ):
        assert text in html, text
    assert f'href="/editions/{edition.id}/members"' in html


def test_challenges_link_to_their_page(make_user, login, make_challenge):
    owner = make_user()
    challenge = make_challenge(owner, title="How do we grow membership?")
    html = login(make_user()).get(f"/profiles/{owner.profile.id}").get_data(as_text=True)
    assert f'href="/challenges/{challenge.id}"' in html


def test_only_the_owner_sees_the_edit_button(make_user, login):
    owner = make_user()
    url = f"/profiles/{owner.profile.id}"
    assert "Edit profile" in login(owner).get(url).get_data(as_text=True)
    assert "Edit profile" not in login(make_user()).get(url).get_data(as_text=True)


def test_script_in_profile_texts_is_shown_as_text(make_user, login):
    owner = make_user(
        about="<script>alert('about')</script>", expertise="<img src=x onerror=alert(1)>"
    )
    html = login(make_user()).get(f"/profiles/{owner.profile.id}").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert "<img src=x" not in html


def test_unsafe_stored_website_is_not_made_a_link(make_user, login):
    owner = make_user(website="javascript:alert(1)")
    html = login(make_user()).get(f"/profiles/{owner.profile.id}").get_data(as_text=True)
    assert 'href="javascript:' not in html


def test_unknown_profile_is_404(login, make_user):
    assert login(make_user()).get("/profiles/9999").status_code == 404


def test_visitor_sees_only_the_basics_of_a_community_profile(client, make_user):
    owner = make_user(
        name="Ana Novak",
        organisation="Pomurje Digital Cluster",
        country="SI",
        ecosystems=["health"],
        expertise="Secret sauce",
        website="https://pomurje.si",
    )
    response = client.get(f"/profiles/{owner.profile.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for text in ("Ana Novak", "Pomurje Digital Cluster", "Slovenia", "Health"):
        assert text in html
    assert "Secret sauce" not in html
    assert "https://pomurje.si" not in html
    assert "Log in to see" in html


# (viewer kind, profile visibility, may see)
VISIBILITY_TABLE = [
    ("visitor", "community", True),
    ("visitor", "cohorts", False),
    ("visitor", "hidden", False),
    ("stranger", "community", True),
    ("stranger", "cohorts", False),
    ("stranger", "hidden", False),
    ("edition mate", "cohorts", True),
    ("edition mate", "hidden", False),
    ("coach", "cohorts", True),
    ("coach", "hidden", False),
    ("admin", "hidden", True),
    ("owner", "hidden", True),
]


@pytest.fixture
def viewer_client(client, login, make_user, make_edition):
    """viewer_client(kind, owner) → a client for a viewer of that kind relative to `owner`."""

    def _client(kind, owner):
        if kind == "visitor":
            return client
        if kind == "owner":
            return login(owner)
        viewer = make_user(role={"coach": "coach", "admin": "admin"}.get(kind, "participant"))
        if kind == "edition mate":
            edition = make_edition(members=(owner,))
            add_member(edition, viewer, role="participant")
        else:
            make_edition(members=(viewer,))  # in an edition, but not the owner's
        return login(viewer)

    return _client


@pytest.mark.parametrize(("kind", "visibility", "visible"), VISIBILITY_TABLE)
def test_profile_page_respects_visibility(make_user, viewer_client, kind, visibility, visible):
    owner = make_user(visibility=visibility)
    response = viewer_client(kind, owner).get(f"/profiles/{owner.profile.id}")
    assert response.status_code == (200 if visible else 404)


def test_deactivated_users_profile_is_gone_except_for_admins(make_user, login):
    owner = make_user(active=False)
    url = f"/profiles/{owner.profile.id}"
    assert login(make_user()).get(url).status_code == 404
    assert login(make_user(role="admin")).get(url).status_code == 200


def test_edition_only_challenges_show_only_to_edition_mates(
    make_user, login, make_edition, make_challenge
):
    owner = make_user()
    mate = make_user()
    edition = make_edition(members=(owner, mate))
    make_challenge(owner, title="Edition-only question", edition=edition)
    make_challenge(owner, title="Open question")
    url = f"/profiles/{owner.profile.id}"
    stranger_html = login(make_user()).get(url).get_data(as_text=True)
    assert "Open question" in stranger_html and "Edition-only question" not in stranger_html
    assert "Edition-only question" in login(mate).get(url).get_data(as_text=True)


def test_a_member_sees_request_an_introduction_on_someone_elses_profile(login, make_user):
    viewer, other = make_user(), make_user(name="Ana Other")
    page = login(viewer).get(f"/profiles/{other.profile.id}").get_data(as_text=True)
    assert "Request an introduction" in page
    assert f'href="/peers/introduce/{other.id}"' in page


def test_no_introduction_button_on_ones_own_profile_or_for_visitors(client, login, make_user):
    owner = make_user(visibility="community")
    assert "Request an introduction" not in login(owner).get(
        f"/profiles/{owner.profile.id}"
    ).get_data(as_text=True)
    assert "Request an introduction" not in client.get(f"/profiles/{owner.profile.id}").get_data(
        as_text=True
    )
