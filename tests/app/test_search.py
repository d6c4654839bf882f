"""Text search documents (app/search.py): folding, kept current on every save, rebuilt in bulk."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import delete, func, insert, select

from app.extensions import db
from app.models import Challenge, ChallengeSearch, Profile, ProfileSearch
from app.search import contains_pattern, fold, rebuild_all
from tests.conftest import HTMX


def names_in(response) -> list[str]:
    """The managers listed in a directory response, in order."""
    return re.findall(r"<strong>(.*?)</strong></a>", response.get_data(as_text=True))


def titles_in(response) -> list[str]:
    """The challenge titles listed in a challenge-list response."""
    return titles_in_html(response.get_data(as_text=True))


def document_of(profile: Profile) -> ProfileSearch:
    """The stored search row of `profile`, read back from the database."""
    db.session.expire_all()
    return db.session.get(ProfileSearch, profile.id)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Müller", "muller"),
        ("MÜLLER", "muller"),
        ("Straße", "strasse"),
        ("Île-de-France  Cluster\n\tPôle", "ile-de-france cluster pole"),
        ("Łódź ČEZ", "łodz cez"),  # Ł has no accent to drop: it folds to ł, as the query does
        ("", ""),
        (None, ""),
    ],
)
def test_fold_lower_cases_drops_accents_and_collapses_whitespace(text, folded):
    assert fold(text) == folded


def test_contains_pattern_escapes_wildcards_and_gives_none_for_nothing_to_search():
    assert contains_pattern("50% _Fee_") == "%50\\% \\_fee\\_%"
    assert contains_pattern("   ") is None
    assert contains_pattern("\u0301") is None  # a lone combining accent folds to nothing


def test_a_new_profile_gets_its_documents(make_user):
    user = make_user(
        name="Jürgen Groß", organisation="Bayern Innovativ", expertise="Hydrogen", needs="Buyers"
    )
    row = document_of(user.profile)
    assert row.names == "jurgen gross\nbayern innovativ"
    assert row.document == "jurgen gross\nbayern innovativ\nhydrogen\nbuyers"


def test_editing_a_profile_rewrites_its_document(make_user):
    user = make_user(expertise="Cluster excellence labels")
    user.profile.expertise = "Battery recycling pilots"
    db.session.commit()
    document = document_of(user.profile).document
    assert "battery recycling" in document and "excellence" not in document


def test_renaming_a_user_rewrites_their_profiles_names(make_user):
    user = make_user(name="Ana Novak", organisation="Pomurje Digital")
    db.session.commit()
    user.name = "Ana Horvat"
    db.session.commit()
    assert document_of(user.profile).names == "ana horvat\npomurje digital"


def test_a_user_without_a_profile_can_be_renamed(make_user):
    user = make_user(with_profile=False)
    user.name = "Someone Else"
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(ProfileSearch)) == 0


def test_deleting_profiles_and_challenges_deletes_their_documents(make_user, make_challenge):
    user = make_user()
    challenge = make_challenge(user)
    db.session.commit()
    db.session.delete(challenge)
    db.session.delete(user.profile)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(ProfileSearch)) == 0
    assert db.session.scalar(select(func.count()).select_from(ChallengeSearch)) == 0


def test_editing_a_challenge_rewrites_its_document(make_user, make_challenge):
    challenge = make_challenge(make_user(), title="Pricing services", body="What do you charge?")
    db.session.commit()
    challenge.body = "How did you set up a **fee** for matchmaking in Zürich?"
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(ChallengeSearch, challenge.id).document
    assert stored == "pricing services\nhow did you set up a **fee** for matchmaking in zurich?"


def test_directory_search_ignores_accents_and_case(login, make_user):
    make_user(name="Jürgen Groß", organisation="Pôle Véhicule du Futur")
    make_user(name="Jurgen Gross", organisation="Other cluster")
    client = login(make_user(name="Viewer", visibility="hidden"))
    for query in ("jürgen", "JURGEN", "Jurgen"):
        assert names_in(client.get("/profiles/", query_string={"q": query}, headers=HTMX)) == [
            "Jurgen Gross",
            "Jürgen Groß",
        ]
    for query in ("pole vehicule", "PÔLE VÉHICULE", "groß", "gross"):
        found = names_in(client.get("/profiles/", query_string={"q": query}, headers=HTMX))
        assert "Jürgen Groß" in found


def test_directory_search_finds_a_profile_after_its_texts_change(login, make_user):
    target = make_user(name="Mia Berg", expertise="Trade fairs")
    client = login(make_user(name="Viewer", visibility="hidden"))
    assert names_in(client.get("/profiles/?q=electrolysers", headers=HTMX)) == []
    target.profile.expertise = "Shared test facilities for electrolysers"
    db.session.commit()
    assert names_in(client.get("/profiles/?q=electrolysers", headers=HTMX)) == ["Mia Berg"]
    assert names_in(client.get("/profiles/?q=trade%20fairs", headers=HTMX)) == []


def test_visitors_search_names_and_organisations_only(client, make_user):
    make_user(name="Mia Berg", organisation="Nordic Water", expertise="Electrolysers")
    db.session.commit()
    assert names_in(client.get("/profiles/?q=nordic", headers=HTMX)) == ["Mia Berg"]
    assert names_in(client.get("/profiles/?q=electrolysers", headers=HTMX)) == []


def test_a_search_does_not_run_from_one_field_into_the_next(login, make_user):
    make_user(name="Mia Berg", organisation="Nordic Water")
    client = login(make_user(name="Viewer", visibility="hidden"))
    assert names_in(client.get("/profiles/?q=berg%20nordic", headers=HTMX)) == []


def test_search_counts_every_match_across_pages(login, make_user):
    for n in range(23):
        make_user(name=f"Manager {n:02d}", expertise="Hydrogen valleys")
    make_user(name="Not Matching", expertise="Tourism")
    client = login(make_user(name="Viewer", visibility="hidden"))
    first = client.get("/profiles/?q=hydrogen", headers=HTMX).get_data(as_text=True)
    assert "23 managers" in first
    second = client.get("/profiles/?q=hydrogen&page=2", headers=HTMX)
    assert names_in(second) == ["Manager 20", "Manager 21", "Manager 22"]
    assert "23 managers" in second.get_data(as_text=True)


def test_challenge_list_search_ignores_accents(client, make_user, make_challenge):
    author = make_user()
    make_challenge(author, title="Matchmaking in Zürich", body="Who has done this?")
    make_challenge(author, title="Pricing", body="Our fee for SMEs")
    db.session.commit()
    assert titles_in(client.get("/challenges/?q=zurich", headers=HTMX)) == ["Matchmaking in Zürich"]
    assert titles_in(client.get("/challenges/?q=ZÜRICH", headers=HTMX)) == ["Matchmaking in Zürich"]


def test_a_posted_challenge_is_found_at_once(login, make_user):
    client = login(make_user())
    response = client.post(
        "/challenges/new",
        data={
            "title": "Cross-border procurement for hospitals",
            "body": "Which clusters helped SMEs bid in **Öresund** tenders?",
            "themes": ["internationalisation"],
            "ecosystem": "health",
        },
    )
    assert response.status_code == 302
    listed = titles_in(client.get("/challenges/?q=oresund", headers=HTMX))
    assert listed == ["Cross-border procurement for hospitals"]


def test_rebuild_writes_documents_for_rows_written_without_the_orm(make_user, make_challenge):
    user = make_user(name="Éva Kiss", organisation="Pannon Cluster")
    challenge = make_challenge(user, title="Água e energia", body="Corpo")
    db.session.commit()
    db.session.execute(delete(ProfileSearch))
    db.session.execute(delete(ChallengeSearch))
    db.session.execute(
        insert(ProfileSearch).values(profile_id=user.profile.id, names="stale", document="stale")
    )
    assert rebuild_all(db.session.connection()) == (1, 1)
    db.session.commit()
    assert document_of(user.profile).names == "eva kiss\npannon cluster"
    assert db.session.get(ChallengeSearch, challenge.id).document == "agua e energia\ncorpo"


def test_search_rebuild_command_reports_what_it_wrote(runner, make_user, make_challenge):
    make_challenge(make_user())
    db.session.commit()
    result = runner.invoke(args=["search-rebuild"])
    assert result.exit_code == 0, result.output
    assert "1 profiles, 1 challenges" in result.output


def test_every_seeded_profile_and_challenge_has_a_document(runner):
    result = runner.invoke(args=["seed-demo", "--profiles", "40", "--challenges", "60"])
    assert result.exit_code == 0, result.output
    for model, search_model in ((Profile, ProfileSearch), (Challenge, ChallengeSearch)):
        stored = db.session.scalar(select(func.count()).select_from(model))
        documents = db.session.scalar(select(func.count()).select_from(search_model))
        assert stored > 0 and documents == stored


def test_search_with_other_filters_counts_every_match_across_pages(login, make_user):
    # The total is counted the other way round when other filters narrow the list first.
    for n in range(22):
        make_user(name=f"Manager {n:02d}", country="PT", expertise="Hydrogen valleys")
    make_user(name="Elsewhere", country="ES", expertise="Hydrogen valleys")
    client = login(make_user(name="Viewer", visibility="hidden"))
    response = client.get("/profiles/?q=hydrogen&country=PT&page=2", headers=HTMX)
    assert names_in(response) == ["Manager 20", "Manager 21"]
    assert "22 managers" in response.get_data(as_text=True)


@pytest.mark.parametrize(("query", "total"), [("q=fee", 25), ("q=fee&status=solved", 21)])
def test_challenge_search_counts_every_match_across_pages(
    client, make_user, make_challenge, query, total
):
    author = make_user()
    for n in range(25):
        make_challenge(author, title=f"Fee model {n}", status="solved" if n > 3 else "open")
    make_challenge(author, title="Something else", status="solved")
    db.session.commit()
    html = client.get(f"/challenges/?{query}&page=2", headers=HTMX).get_data(as_text=True)
    assert len(titles_in_html(html)) == total - 20
    assert f"{total} challenges" in html


def titles_in_html(html: str) -> list[str]:
    """Challenge titles in a challenge-list page's HTML."""
    return re.findall(r'class="challenge-title"><a href="[^"]+">(.*?)</a>', html)


@pytest.mark.parametrize("batch_size", [1, 2, 3, 1000])
def test_rebuild_counts_every_row_whatever_the_batch_size(make_user, batch_size):
    for _ in range(3):
        make_user()
    db.session.commit()
    assert rebuild_all(db.session.connection(), batch_size=batch_size) == (3, 0)
    assert db.session.scalar(select(func.count()).select_from(ProfileSearch)) == 3
