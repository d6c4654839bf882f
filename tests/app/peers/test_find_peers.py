"""The find-peers page: nearest peers first, privacy, filters, "not relevant", reasons, htmx branches."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import HiddenSuggestion, Profile
from app.services import matching
from matching.text.embedder import DIMENSIONS
from tests.app.peers.conftest import unit
from tests.conftest import HTMX


def names_in_order(html: str, names: list[str]) -> list[str]:
    """The given names, in the order they appear on the page (absent ones dropped)."""
    found = [(html.find(name), name) for name in names if name in html]
    return [name for _, name in sorted(found)]


ALL = ["Bo Berg", "Cy Costa", "Di Dimitrov"]


def test_nearest_challenge_comes_first(community, login):
    html = login(community["ana"]).get("/peers/").get_data(as_text=True)
    assert names_in_order(html, ALL)[0] == "Bo Berg"


def test_cards_show_reasons_and_facts(community, login):
    html = login(community["ana"]).get("/peers/").get_data(as_text=True)
    assert 'class="reasons"' in html
    assert "Different countries: Slovenia ↔ Sweden" in html
    assert "Same stage: both developing" in html
    assert "Request an introduction" in html and "Not relevant" in html


def test_helpers_tab_ranks_by_expertise_meeting_my_needs(community, login, give_vectors):
    give_vectors(community["ana"], about=unit(0), needs=unit(10))
    give_vectors(community["di"], about=unit(5), expertise=unit(10))
    db.session.commit()
    html = login(community["ana"]).get("/peers/?tab=helpers").get_data(as_text=True)
    assert names_in_order(html, ALL)[0] == "Di Dimitrov"


def test_surprise_tab_only_shows_other_ecosystems(community, login):
    html = login(community["ana"]).get("/peers/?tab=surprise").get_data(as_text=True)
    assert "Bo Berg" not in html  # digital, like Ana
    assert "Cy Costa" in html and "Di Dimitrov" in html


def test_hidden_profiles_never_appear(community, login):
    community["bo"].profile.visibility = "hidden"
    db.session.commit()
    html = login(community["ana"]).get("/peers/").get_data(as_text=True)
    assert "Bo Berg" not in html


def test_deactivated_members_never_appear(community, login):
    community["bo"].is_active_account = False
    db.session.commit()
    assert "Bo Berg" not in login(community["ana"]).get("/peers/").get_data(as_text=True)


def test_edition_only_profiles_are_shown_only_to_co_members(
    community, login, make_edition, make_user, give_vectors
):
    community["bo"].profile.visibility = "cohorts"
    make_edition(members=(community["ana"], community["bo"]))
    outsider = give_vectors(make_user(name="Eve Outsider", country="FR"), about=unit(0))
    db.session.commit()
    assert "Bo Berg" in login(community["ana"]).get("/peers/").get_data(as_text=True)
    assert "Bo Berg" not in login(outsider).get("/peers/").get_data(as_text=True)


def test_not_relevant_is_remembered(community, login):
    client = login(community["ana"])
    response = client.post(f"/peers/hide/{community['bo'].id}", headers=HTMX)
    assert response.status_code == 200 and response.get_data(as_text=True) == ""
    assert (
        db.session.scalar(db.select(HiddenSuggestion).filter_by(user_id=community["ana"].id))
        is not None
    )
    assert "Bo Berg" not in client.get("/peers/").get_data(as_text=True)


def test_not_relevant_without_javascript_redirects_back(community, login):
    response = login(community["ana"]).post(f"/peers/hide/{community['bo'].id}")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("query", "absent", "present"),
    [
        ("exclude_country=y", "Bo Berg", "Cy Costa"),
        ("exclude_ecosystem=y", "Bo Berg", "Di Dimitrov"),
    ],
)
def test_filters_narrow_the_suggestions(
    community, login, make_user, give_vectors, query, absent, present
):
    community["bo"].profile.country = "SI"
    db.session.commit()
    html = login(community["ana"]).get(f"/peers/?{query}").get_data(as_text=True)
    assert absent not in html and present in html


def test_exclude_my_country_filter(community, login):
    community["bo"].profile.country = "SI"
    db.session.commit()
    client = login(community["ana"])
    assert "Bo Berg" in client.get("/peers/").get_data(as_text=True)
    assert "Bo Berg" not in client.get("/peers/?exclude_country=y").get_data(as_text=True)


def test_exclude_my_edition_and_alumni_only(community, login, make_edition):
    make_edition(members=(community["ana"], community["bo"]))
    community["cy"].role = "alumni"
    db.session.commit()
    client = login(community["ana"])
    assert "Bo Berg" not in client.get("/peers/?exclude_cohort=y").get_data(as_text=True)
    html = client.get("/peers/?alumni_only=y").get_data(as_text=True)
    assert "Cy Costa" in html and "Bo Berg" not in html and "Di Dimitrov" not in html


def test_htmx_gets_the_results_fragment_and_browsers_the_page(community, login):
    client = login(community["ana"])
    fragment = client.get("/peers/?tab=helpers", headers=HTMX)
    page = client.get("/peers/?tab=helpers")
    assert fragment.get_data(as_text=True).lstrip().startswith('<section id="peer-results"')
    assert "<html" not in fragment.get_data(as_text=True)
    assert "<html" in page.get_data(as_text=True) and 'id="peer-results"' in page.get_data(
        as_text=True
    )
    assert "HX-Request" in fragment.headers.get("Vary", "")


def test_member_without_profile_is_asked_to_fill_it_in(login, make_user):
    user = make_user(with_profile=False)
    html = login(user).get("/peers/").get_data(as_text=True)
    assert "Fill in your profile first" in html


def test_find_peers_needs_login(client):
    assert client.get("/peers/").status_code == 302


def test_index_is_built_once_and_refreshed_in_place_after_a_change(
    community, app, give_vectors, login
):
    first = matching.peer_snapshot()
    assert matching.peer_snapshot() is first
    give_vectors(community["di"], about=unit(0))
    db.session.commit()
    snapshot = matching.peer_snapshot()
    assert snapshot is first  # updated row by row, not rebuilt
    row = snapshot.row_of[community["di"].id]
    assert (
        snapshot.index.matrices["challenge"][row][:DIMENSIONS] @ unit(0) > 0.99
    )  # the embedding part of the fused row
    html = login(community["ana"]).get("/peers/").get_data(as_text=True)
    assert names_in_order(html, ["Di Dimitrov", *ALL])[0] == "Di Dimitrov"


def test_a_refresh_fuses_the_changed_profiles_together_as_a_rebuild_would(
    community, app, give_vectors, monkeypatch
):
    """The first refresh after `flask embed` re-reads every profile: one fuse call per field for
    all of them (a call per profile took seconds), with the same rows a rebuild gives."""
    import numpy as np

    from app.services import peer_index

    snapshot = matching.peer_snapshot()
    for person in ("bo", "cy", "di"):
        give_vectors(community[person], expertise=unit(3), needs=unit(4))
    db.session.commit()
    sizes = []
    fuse = peer_index.PeerSnapshot.fuse
    monkeypatch.setattr(
        peer_index.PeerSnapshot,
        "fuse",
        lambda self, vectors, texts: sizes.append(len(texts)) or fuse(self, vectors, texts),
    )
    refreshed = matching.peer_snapshot()
    assert refreshed is snapshot and len(sizes) <= 3 and min(sizes[:2]) >= 3
    rebuilt = peer_index.build_snapshot()
    for person in ("bo", "cy", "di"):
        row = refreshed.row_of[community[person].id]
        for field in ("expertise", "needs"):
            assert np.allclose(
                refreshed.index.matrices[field][row], rebuilt.index.matrices[field][row], atol=1e-5
            )


def test_profile_edit_of_ecosystems_reaches_the_index(community, app):
    from app.signals import profile_saved

    snapshot = matching.peer_snapshot()
    row = snapshot.row_of[community["bo"].id]
    before = int(snapshot.index.ecosystem_mask[row])
    profile = db.session.get(Profile, community["bo"].profile.id)
    profile.ecosystems = ["health"]
    db.session.flush()
    profile_saved.send(profile, changed_text=False)
    db.session.commit()
    assert int(matching.peer_snapshot().index.ecosystem_mask[row]) != before


def test_a_new_profile_rebuilds_the_index(community, app, make_user, give_vectors):
    first = matching.peer_snapshot()
    newcomer = give_vectors(make_user(name="New Comer"))
    db.session.commit()
    snapshot = matching.peer_snapshot()
    assert snapshot is not first and newcomer.id in snapshot.row_of


def test_a_new_challenge_is_appended_and_shapes_its_authors_vector(community, app, make_challenge):
    from tests.app.peers.conftest import store_vectors

    snapshot = matching.peer_snapshot()
    challenge = make_challenge(community["di"])
    store_vectors("challenge", challenge.id, text=unit(0))
    db.session.commit()
    refreshed = matching.peer_snapshot()
    assert refreshed is snapshot and challenge.id in refreshed.challenge_ids.tolist()
    row = refreshed.row_of[community["di"].id]
    assert (
        refreshed.index.matrices["challenge"][row][:DIMENSIONS] @ unit(0) > 0.5
    )  # about (axis 5) and challenge (axis 0) averaged


def test_bulk_changes_rebuild_at_most_once_a_minute(community, app, give_vectors, monkeypatch):
    from app.services import peer_index

    monkeypatch.setattr(peer_index, "FULL_REBUILD_ROWS", 2)
    first = matching.peer_snapshot()
    for name in ("bo", "cy"):
        give_vectors(community[name], about=unit(7))
    db.session.commit()
    assert matching.peer_snapshot() is first  # built moments ago: served as it is meanwhile
    monkeypatch.setattr(peer_index, "MIN_SECONDS_BETWEEN_REBUILDS", 0.0)
    assert matching.peer_snapshot() is not first


@pytest.mark.parametrize("query", ["tab=bogus", "tab=", "exclude_country=maybe&tab=%3Cscript%3E"])
def test_odd_query_strings_fall_back_to_the_first_tab(community, login, query):
    response = login(community["ana"]).get(f"/peers/?{query}")
    assert (
        response.status_code == 200
        and "People whose challenges read like yours" in response.get_data(as_text=True)
    )
    assert "<script>" not in response.get_data(as_text=True)
