"""A manager posts a challenge, sees peers with reasons, asks for an introduction; the peer accepts."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.services import embedding

FAKE = "tests.app.services.fake_embedder:FakeEmbedder"


@pytest.fixture
def embedding_live(live_server):
    """Embed synchronously with the instant fake embedder on the live server, for this test only."""
    config = live_server.app.config
    saved = {key: config.get(key) for key in ("EMBEDDING_BACKEND", "EMBEDDER_FACTORY")}
    config.update(EMBEDDING_BACKEND="sync", EMBEDDER_FACTORY=FAKE)
    yield live_server
    config.update(saved)


def embed_everything(live_server) -> None:
    """Give every profile and challenge in the live database its vectors."""
    with live_server.app.app_context():
        embedding.mark_missing()
        embedding.embed_stale()
        db.session.commit()


def test_post_challenge_see_peers_request_introduction_and_get_accepted(
    page, new_page, embedding_live, create_user, create_challenge, log_in
):
    ana = create_user(
        name="Ana Journey",
        email="ana.journey@example.eu",
        country="SI",
        about="Our cluster struggles with membership fees for small companies.",
    )
    bo = create_user(
        name="Bo Journey",
        email="bo.journey@example.eu",
        country="SE",
        expertise="We redesigned membership fees for small companies with a tiered model.",
        website="https://bo-journey.example",
    )
    create_challenge(
        bo,
        title="Tiered membership fees for small companies",
        body="How should membership fees for small companies be tiered?",
        status="solved",
    )
    embed_everything(embedding_live)

    log_in(page, ana)
    page.goto("/challenges/new")
    page.get_by_label("Title").fill("Membership fees for small companies")
    page.get_by_label("Description").fill(
        "Our membership fees scare away small companies. How did you set fees?"
    )
    page.get_by_label("Membership growth and engagement").check()
    page.get_by_role("button", name="Post challenge").click()

    suggestions = page.locator("#challenge-suggestions")
    expect(suggestions).to_contain_text("Peers who faced something similar")
    expect(suggestions).to_contain_text("Bo Journey")
    expect(suggestions.locator(".reasons").first).to_contain_text("both write about")

    suggestions.get_by_role("link", name="Request an introduction").first.click()
    page.get_by_label("Why would you like to meet?").fill(
        "You solved the fee question I am facing now."
    )
    page.get_by_role("button", name="Send request to Bo Journey").click()
    expect(page.locator("body")).to_contain_text("Introduction requested")

    page.goto(f"/peers/introduce/{bo.id}")  # asking twice is refused in place, with the reason
    page.get_by_label("Why would you like to meet?").fill("Me again.")
    page.get_by_role("button", name="Send request to Bo Journey").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "already have a pending or accepted introduction"
    )
    expect(page.locator("form.intro-form")).to_have_count(1)

    bo_page = new_page()
    log_in(bo_page, bo)
    expect(bo_page.locator("[data-unread]")).to_have_text("1")
    bo_page.goto("/peers/introductions")
    bo_page.get_by_role("button", name="Accept and share contact details").click()
    expect(bo_page.locator(".contact")).to_contain_text("ana.journey@example.eu")

    page.goto("/peers/introductions")
    expect(page.locator(".contact")).to_contain_text("bo.journey@example.eu")
    expect(page.locator(".contact")).to_contain_text("https://bo-journey.example")
    page.goto("/notifications/")
    expect(page.locator("#notification-list")).to_contain_text(
        "Bo Journey accepted your introduction request"
    )
