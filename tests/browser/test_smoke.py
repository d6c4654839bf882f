"""The harness itself: the live server answers and chromium renders the home page."""

import re

from playwright.sync_api import expect


def test_home_page_loads_with_the_site_title(page):
    page.goto("/")
    expect(page).to_have_title(re.compile(r"· Cluster Booster Community$"))


def test_a_created_user_can_log_in_through_the_form(page, create_user, log_in):
    user = create_user(email="smoke@example.eu", name="Smoke Tester")
    log_in(page, user)
    expect(page.get_by_text("Smoke Tester").first).to_be_visible()
