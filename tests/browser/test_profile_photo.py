"""A member uploads a profile photo on a phone (390 px) and a laptop (1280 px): it shows on their
profile page with its alt text, nothing scrolls sideways, and "Remove photo" brings the initials back."""

from __future__ import annotations

import pytest
from PIL import Image
from playwright.sync_api import expect


@pytest.fixture
def photo_dir(live_server, tmp_path):
    """The live server stores photos in this test's folder."""
    before = live_server.app.config.get("UPLOAD_DIR")
    live_server.app.config["UPLOAD_DIR"] = str(tmp_path / "uploads")
    yield tmp_path / "uploads"
    live_server.app.config["UPLOAD_DIR"] = before


@pytest.mark.parametrize("width", [390, 1280])
def test_an_uploaded_photo_shows_on_the_profile(
    browser, live_server, create_user, log_in, photo_dir, tmp_path, width
):
    member = create_user(name=f"Photo Person {width}")
    picture = tmp_path / "portrait.jpg"
    Image.new("RGB", (900, 600), (30, 90, 160)).save(picture, "JPEG")
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    try:
        log_in(page, member)
        page.goto("/profiles/me/edit")
        page.get_by_label("Photo", exact=True).set_input_files(str(picture))
        page.get_by_role("button", name="Upload a photo").click()
        expect(page.get_by_text("Your photo is saved.")).to_be_visible()

        page.get_by_role("link", name="Cancel").click()
        photo = page.get_by_role("img", name=f"Photo of {member.name}")
        expect(photo).to_be_visible()
        assert photo.evaluate("img => img.complete && img.naturalWidth") == 256
        assert page.evaluate("document.documentElement.scrollWidth") <= width

        page.goto("/profiles/me/edit")
        page.get_by_role("button", name="Remove photo").click()
        expect(page.get_by_text("Your photo is removed")).to_be_visible()
        expect(page.get_by_role("img", name=f"Photo of {member.name}")).to_have_count(0)
        assert list(photo_dir.rglob("*.jpg")) == []
    finally:
        context.close()
