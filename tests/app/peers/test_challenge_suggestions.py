"""Suggestions on a challenge: similar challenges (solved ones of past editions too), helpers, invitations."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.models import Notification, StoredVector, utcnow
from app.services import embedding
from app.signals import challenge_saved
from tests.app.peers.conftest import store_vectors, unit
from tests.conftest import HTMX


@pytest.fixture
def board(make_user, make_challenge, make_edition, give_vectors):
    """Ana's open challenge; Bo solved a near-identical one in a past edition; Cy's expertise fits; Di is far."""
    ana = give_vectors(make_user(name="Ana Novak", country="SI"))
    bo = give_vectors(make_user(name="Bo Berg", country="SE"))
    cy = give_vectors(
        make_user(name="Cy Costa", country="PT"), expertise=unit(0, 2, weights=(0.9, 0.1))
    )
    di = give_vectors(make_user(name="Di Dimitrov", country="BG"), expertise=unit(7))
    # Ana was in Bo's past edition too: an edition's challenges are for its members (visibility.py).
    past = make_edition(name="Sofia 2023", members=(bo, ana))
    mine = make_challenge(
        ana, title="Raising membership fees", body="How do we raise fees without losing SMEs?"
    )
    solved = make_challenge(
        bo, title="Our fee reform", body="We raised fees last year.", status="solved", edition=past
    )
    solved.solved_at = utcnow()
    far = make_challenge(di, title="Tourism festival logistics", body="Buses and hotels.")
    store_vectors("challenge", mine.id, text=unit(0))
    store_vectors("challenge", solved.id, text=unit(0, 1, weights=(0.95, 0.05)))
    store_vectors("challenge", far.id, text=unit(9))
    db.session.commit()
    return {"ana": ana, "bo": bo, "cy": cy, "di": di, "mine": mine, "solved": solved}


def url(board) -> str:
    return f"/peers/challenges/{board['mine'].id}/suggestions"


def test_similar_solved_challenge_of_a_past_edition_comes_first(board, login):
    html = login(board["ana"]).get(url(board), headers=HTMX).get_data(as_text=True)
    similar, helpers = html.split("Who could help")
    assert "Our fee reform" in similar and "Bo Berg" in similar
    assert similar.index("Our fee reform") < similar.index("Tourism festival logistics")
    assert "They solved a similar challenge" in similar and "Sofia 2023" in similar


def test_an_edition_challenge_is_not_suggested_outside_its_edition(
    board, login, make_user, make_challenge, give_vectors
):
    from tests.app.peers.conftest import store_vectors, unit

    eve = give_vectors(make_user(name="Eve Outsider", country="AT"))
    hers = make_challenge(
        eve, title="Raising our fees", body="How do we raise fees without losing SMEs?"
    )
    store_vectors("challenge", hers.id, text=unit(0))
    db.session.commit()

    html = (
        login(eve)
        .get(f"/peers/challenges/{hers.id}/suggestions", headers=HTMX)
        .get_data(as_text=True)
    )

    assert "Our fee reform" not in html


def test_who_could_help_ranks_by_expertise(board, login):
    html = login(board["ana"]).get(url(board), headers=HTMX).get_data(as_text=True)
    helpers = html.split("Who could help")[1]
    assert "Cy Costa" in helpers and "Ana Novak" not in helpers
    assert "Di Dimitrov" not in helpers  # nothing in common with the challenge
    assert 'class="reasons"' in helpers


def test_hidden_authors_are_not_suggested(board, login):
    board["bo"].profile.visibility = "hidden"
    db.session.commit()
    assert "Bo Berg" not in login(board["ana"]).get(url(board), headers=HTMX).get_data(as_text=True)


def test_suggestions_are_a_fragment_for_htmx_and_a_page_otherwise(board, login):
    client = login(board["ana"])
    assert "<html" not in client.get(url(board), headers=HTMX).get_data(as_text=True)
    assert "<html" in client.get(url(board)).get_data(as_text=True)


def test_challenge_page_loads_the_suggestions_with_htmx(board, login):
    html = login(board["ana"]).get(f"/challenges/{board['mine'].id}").get_data(as_text=True)
    assert f'hx-get="/peers/challenges/{board["mine"].id}/suggestions"' in html


def test_author_invites_a_suggested_peer_who_is_notified(board, login):
    response = login(board["ana"]).post(
        f"/peers/challenges/{board['mine'].id}/invite/{board['cy'].id}", headers=HTMX
    )
    assert response.status_code == 200 and "Invited" in response.get_data(as_text=True)
    note = db.session.scalar(db.select(Notification).filter_by(user_id=board["cy"].id))
    assert note.event == "invited_to_reply" and "Raising membership fees" in note.message
    assert note.link == f"/challenges/{board['mine'].id}"


def test_invite_without_javascript_redirects_to_the_challenge(board, login):
    response = login(board["ana"]).post(
        f"/peers/challenges/{board['mine'].id}/invite/{board['cy'].id}"
    )
    assert response.status_code == 302 and response.location.endswith(
        f"/challenges/{board['mine'].id}"
    )


def test_only_the_author_can_invite(board, login):
    response = login(board["bo"]).post(
        f"/peers/challenges/{board['mine'].id}/invite/{board['cy'].id}"
    )
    assert response.status_code == 403
    assert db.session.scalar(db.select(Notification).filter_by(user_id=board["cy"].id)) is None


def test_hidden_members_cannot_be_invited(board, login):
    board["cy"].profile.visibility = "hidden"
    db.session.commit()
    response = login(board["ana"]).post(
        f"/peers/challenges/{board['mine'].id}/invite/{board['cy'].id}", headers=HTMX
    )
    assert response.status_code == 422


def test_a_new_challenge_without_vector_is_embedded_right_away(
    board, login, make_challenge, fake_model
):
    embedding.loaded_embedder()  # the warm-up has loaded the model
    fresh = make_challenge(board["ana"], title="Fees", body="Membership fees for SMEs")
    challenge_saved.send(fresh, created=True, changed_text=True)
    db.session.commit()
    response = login(board["ana"]).get(f"/peers/challenges/{fresh.id}/suggestions", headers=HTMX)
    assert response.status_code == 200 and "Peers who faced something similar" in response.get_data(
        as_text=True
    )
    row = db.session.scalar(
        db.select(StoredVector).filter_by(owner_kind="challenge", owner_id=fresh.id)
    )
    assert row.vector is not None and not row.stale


def test_while_the_model_loads_a_new_challenge_does_not_wait_and_asks_again(
    board, login, make_challenge, fake_model, monkeypatch
):
    """Right after a start the model may still be loading: the page answers at once, the text is
    left to the embedding job, and the fragment asks again until the suggestions are there."""
    submitted = []
    monkeypatch.setattr(embedding.thread_runner, "submit", submitted.append)
    fresh = make_challenge(board["ana"], title="Fees", body="Membership fees for SMEs")
    db.session.commit()
    client = login(board["ana"])
    html = client.get(f"/peers/challenges/{fresh.id}/suggestions", headers=HTMX).get_data(
        as_text=True
    )
    assert "Suggestions appear once" in html and "in a few seconds" in html
    assert f'hx-get="/peers/challenges/{fresh.id}/suggestions"' in html
    assert 'hx-trigger="load delay:2s"' in html
    row = db.session.scalar(
        db.select(StoredVector).filter_by(owner_kind="challenge", owner_id=fresh.id)
    )
    assert row.stale and row.vector is None  # nothing waited on the model
    assert submitted  # the embedding job was asked for
    embedding.embed_stale()  # the job runs (it loads the model)
    db.session.commit()
    html = client.get(f"/peers/challenges/{fresh.id}/suggestions", headers=HTMX).get_data(
        as_text=True
    )
    assert "Peers who faced something similar" in html and "hx-trigger" not in html


def test_with_embedding_off_a_new_challenge_says_suggestions_come_later(
    board, login, make_challenge
):
    fresh = make_challenge(board["ana"], title="Fees", body="Membership fees")
    db.session.commit()
    html = (
        login(board["ana"])
        .get(f"/peers/challenges/{fresh.id}/suggestions", headers=HTMX)
        .get_data(as_text=True)
    )
    assert "Suggestions appear once" in html and "check back in a minute" in html
    assert "hx-trigger" not in html  # nothing would embed it: no asking again


@pytest.fixture
def fake_model(app, monkeypatch):
    """The instant fake embedder, with a backend that embeds."""
    app.config["EMBEDDER_FACTORY"] = "tests.app.services.fake_embedder:FakeEmbedder"
    app.config["EMBEDDING_BACKEND"] = "thread"
    # As in a process that has just started: no model loaded yet.
    monkeypatch.setattr(embedding, "_embedders", {})
    monkeypatch.setattr(embedding, "_loaded", set())


@pytest.mark.parametrize("htmx", [True, False])
def test_challenge_suggestions_say_closeness_in_words_never_as_a_number(board, login, htmx):
    html = login(board["ana"]).get(url(board), headers=HTMX if htmx else {}).get_data(as_text=True)
    similar, helpers = html.split("Who could help")
    bo_card = similar[similar.index('id="similar-') :]
    # Bo's fee reform is the closest challenge there is: the plain word, on his card.
    assert '<span class="badge closeness">Very close</span>' in bo_card.split("</article>")[0]
    assert re.search(r'badge closeness">(Very close|Close|Related)<', helpers)
    assert not re.search(r"closeness \d|\d\.\d\d\b|\d+%", html)
