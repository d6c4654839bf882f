"""Feedback kept for learning: the tab and score of the card behind "Not relevant" and introductions,
and `flask matching-feedback`, which shows acceptance by mode."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.models import HiddenSuggestion, Introduction, IntroductionOutcome
from tests.conftest import HTMX


def card_of(html: str, user_id: int) -> str:
    """The HTML of one suggestion card."""
    start = html.index(f'id="peer-{user_id}"')
    return html[start : html.index("</article>", start)]


def test_cards_carry_their_tab_and_score_in_links_and_forms(community, login):
    html = login(community["ana"]).get("/peers/?tab=similar").get_data(as_text=True)
    card = card_of(html, community["bo"].id)
    assert re.search(
        rf"/peers/introduce/{community['bo'].id}\?mode=similar&amp;score=\d\.\d{{4}}", card
    )
    assert 'name="mode" value="similar"' in card
    assert re.search(r'name="score" value="\d\.\d{4}"', card)


def test_not_relevant_keeps_the_tab_and_score_of_the_card(community, login):
    login(community["ana"]).post(
        f"/peers/hide/{community['bo'].id}",
        data={"mode": "helpers", "score": "0.4312"},
        headers=HTMX,
    )
    hidden = db.session.scalar(db.select(HiddenSuggestion))
    assert (hidden.suggestion_mode, hidden.suggestion_score) == ("helpers", pytest.approx(0.4312))


@pytest.mark.parametrize("values", [{"mode": "nonsense", "score": "high"}, {"score": "inf"}, {}])
def test_not_relevant_still_works_when_the_card_data_is_missing_or_malformed(
    community, login, values
):
    response = login(community["ana"]).post(
        f"/peers/hide/{community['bo'].id}", data=values, headers=HTMX
    )
    assert response.status_code == 200
    hidden = db.session.scalar(db.select(HiddenSuggestion))
    assert (hidden.suggestion_mode, hidden.suggestion_score) == (None, None)


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "no-javascript"])
def test_an_introduction_asked_from_a_card_keeps_its_tab_and_score(community, login, headers):
    client = login(community["ana"])
    bo = community["bo"]
    form = client.get(
        f"/peers/introduce/{bo.id}?mode=surprise&score=0.5123", headers=headers
    ).get_data(as_text=True)
    assert (
        f"/peers/introduce/{bo.id}?mode=surprise&amp;score=0.5123" in form
    )  # the form posts them back
    response = client.post(
        f"/peers/introduce/{bo.id}?mode=surprise&score=0.5123",
        data={"message": "Both digital."},
        headers=headers,
    )
    assert response.status_code in (200, 302)
    introduction = db.session.scalar(db.select(Introduction))
    assert (introduction.suggestion_mode, introduction.suggestion_score) == (
        "surprise",
        pytest.approx(0.5123),
    )


def test_a_refused_request_keeps_the_card_data_in_the_form(community, login):
    bo = community["bo"]
    response = login(community["ana"]).post(
        f"/peers/introduce/{bo.id}?mode=similar&score=0.7", data={"message": ""}, headers=HTMX
    )
    assert response.status_code == 422
    assert f"/peers/introduce/{bo.id}?mode=similar&amp;score=0.7000" in response.get_data(
        as_text=True
    )


def test_an_introduction_asked_elsewhere_has_no_card_data(community, login):
    login(community["ana"]).post(
        f"/peers/introduce/{community['bo'].id}", data={"message": "Hello"}
    )
    introduction = db.session.scalar(db.select(Introduction))
    assert (introduction.suggestion_mode, introduction.suggestion_score) == (None, None)


def test_matching_feedback_shows_acceptance_by_mode(community, runner):
    ana, bo, cy, di = (community[k] for k in ("ana", "bo", "cy", "di"))
    accepted = Introduction(
        sender_id=ana.id,
        recipient_id=bo.id,
        message="a",
        status="accepted",
        suggestion_mode="similar",
        suggestion_score=0.8,
    )
    declined = Introduction(
        sender_id=ana.id,
        recipient_id=cy.id,
        message="b",
        status="declined",
        suggestion_mode="similar",
        suggestion_score=0.6,
    )
    pending = Introduction(
        sender_id=bo.id,
        recipient_id=di.id,
        message="c",
        status="pending",
        suggestion_mode="helpers",
        suggestion_score=0.5,
    )
    db.session.add_all(
        [
            accepted,
            declined,
            pending,
            HiddenSuggestion(
                user_id=ana.id,
                hidden_user_id=di.id,
                suggestion_mode="surprise",
                suggestion_score=0.3,
            ),
        ]
    )
    db.session.flush()
    db.session.add(IntroductionOutcome(introduction_id=accepted.id, user_id=ana.id, kind="met"))
    db.session.commit()
    output = runner.invoke(args=["matching-feedback"]).output
    rows = {
        line.split(" | ")[0].strip("| "): line.split(" | ")
        for line in output.splitlines()
        if line.startswith("| ")
    }
    similar, helpers, surprise = (
        rows["Similar challenges"],
        rows["Can help me"],
        rows["Surprise me"],
    )
    assert similar[1:7] == ["0", "2", "1", "1", "0", "50%"]
    assert similar[7] == "1"  # "We met"
    assert similar[10] == "0.70"  # mean score of the requests
    assert helpers[2:7] == ["1", "0", "0", "1", "—"]
    assert surprise[1] == "1" and surprise[-1].strip(" |") == "0.30"


def test_accepting_declining_and_an_outcome_stay_linked_to_the_card_they_came_from(
    community, login, runner
):
    """The whole journey through the pages: asked from a card, answered, an outcome recorded;
    the report counts each under the tab and score of the card."""
    ana, bo, cy = (community[k] for k in ("ana", "bo", "cy"))
    asker = login(ana)
    for peer, score in ((bo, "0.9000"), (cy, "0.7000")):
        response = asker.post(
            f"/peers/introduce/{peer.id}?mode=similar&score={score}",
            data={"message": "Both digital."},
        )
        assert response.status_code in (200, 302)
    to_bo, to_cy = (
        db.session.scalar(db.select(Introduction).filter_by(recipient_id=peer.id))
        for peer in (bo, cy)
    )
    assert login(bo).post(f"/peers/introductions/{to_bo.id}/accept").status_code == 302
    assert login(cy).post(f"/peers/introductions/{to_cy.id}/decline").status_code == 302
    response = asker.post(f"/peers/introductions/{to_bo.id}/outcome", data={"kind": "met"})
    assert response.status_code == 302
    db.session.expire_all()
    assert [(i.status, i.suggestion_mode) for i in (to_bo, to_cy)] == [
        ("accepted", "similar"),
        ("declined", "similar"),
    ]
    assert [o.kind for o in to_bo.outcomes] == ["met"]
    output = runner.invoke(args=["matching-feedback"]).output
    similar = next(line for line in output.splitlines() if line.startswith("| Similar"))
    cells = [c.strip() for c in similar.strip("|").split("|")]
    assert cells[1:8] == ["0", "2", "1", "1", "0", "50%", "1"]  # ... acceptance, "We met"
    assert cells[10] == "0.80"  # mean score of the two requests
