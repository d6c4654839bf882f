"""A manager shares a practice with a PDF; a peer finds it by semantic search from their challenge
("Practices that address this", then "More practices like this challenge") and adopts it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.services import embedding

FAKE = "tests.app.services.fake_embedder:FakeEmbedder"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def embedding_live(live_server, tmp_path):
    """Embed at once with the instant fake embedder, and keep uploads in this test's folder."""
    config = live_server.app.config
    saved = {
        key: config.get(key) for key in ("EMBEDDING_BACKEND", "EMBEDDER_FACTORY", "UPLOAD_DIR")
    }
    config.update(
        EMBEDDING_BACKEND="sync", EMBEDDER_FACTORY=FAKE, UPLOAD_DIR=str(tmp_path / "uploads")
    )
    yield live_server
    config.update(saved)


def test_share_with_attachment_find_from_a_challenge_and_adopt(
    page, new_page, embedding_live, create_user, create_challenge, log_in, tmp_path
):
    petra = create_user(name="Petra Practice", email="petra.practice@example.eu", country="SI")
    ana = create_user(name="Ana Adopter", email="ana.adopter@example.eu", country="PT")
    guide = tmp_path / "fee-bands.pdf"
    guide.write_bytes(PDF)

    log_in(page, petra)
    page.goto("/")
    page.get_by_role("link", name="Practices", exact=True).click()
    page.get_by_role("button", name="Share a practice").click()
    page.get_by_label("Title", exact=True).fill("Tiered membership fees for small companies")
    page.get_by_label("Summary").fill(
        "Fees that grow with company size keep small companies as members."
    )
    page.get_by_label("How to run it").fill(
        "1. Split members by company size.\n2. Set membership fees for small companies at a third.\n3. Review yearly."
    )
    page.get_by_label("Membership growth and engagement").check()
    page.get_by_label("Attachments").set_input_files(str(guide))
    page.get_by_role("button", name="Publish practice").click()
    expect(page.locator("h1")).to_have_text("Tiered membership fees for small companies")
    expect(page.get_by_role("link", name="fee-bands.pdf")).to_be_visible()

    challenge_id = create_challenge(
        ana,
        title="Membership fees scare away small companies",
        body="Small companies say our membership fees are too high. How do you set fees for small companies?",
    )
    with embedding_live.app.app_context():
        embedding.mark_missing()
        embedding.embed_stale()
        db.session.commit()

    adopter = new_page()
    log_in(adopter, ana)
    adopter.get_by_role("link", name="Practices", exact=True).click()
    adopter.get_by_text("Practices like my challenge", exact=True).click()
    adopter.get_by_label("Describe your challenge").fill(
        "Small companies find our membership fees too high."
    )
    adopter.get_by_role("button", name="Find practices like this").click()
    expect(adopter.locator("#practice-results")).to_contain_text(
        "Tiered membership fees for small companies"
    )

    adopter.goto(f"/challenges/{challenge_id}")
    found = adopter.locator("#practices-for-challenge")
    expect(found).to_contain_text("Practices that address this")
    expect(found).to_contain_text("Tiered membership fees for small companies")
    expect(found.locator(".reason").first).to_contain_text("Both mention")
    found.get_by_role("link", name="More practices like this challenge").click()

    results = adopter.locator("#practice-results")
    expect(results).to_contain_text("Practices like the challenge")
    expect(results.locator(".reason").first).to_contain_text("to this challenge")
    results.get_by_role("link", name="Tiered membership fees for small companies").click()
    expect(adopter.locator("h1")).to_have_text("Tiered membership fees for small companies")

    adopter.get_by_text("Add how it went (optional)").click()
    adopter.get_by_label("How it went (optional)").fill("We used three bands in Porto.")
    adopter.get_by_role("button", name="I adopted this").click()
    panel = adopter.locator("#adoption")
    expect(panel).to_contain_text("You adopted this.")
    expect(panel).to_contain_text("Adopted by 1 member")
    expect(panel).to_contain_text("from 1 country")

    page.goto("/notifications/")
    expect(page.locator("body")).to_contain_text("Ana Adopter adopted your practice")
