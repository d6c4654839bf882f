"""The main pages on a phone (390 px) and a laptop (1280 px): nothing scrolls sideways, the console
stays clean, the menu works from the keyboard, htmx errors show their message, and axe-core finds
no serious or critical accessibility violation.

axe-core is vendored in tests/browser/vendor/axe-core (version and licence in
static/vendor/VERSIONS.md) and evaluated in the page through Playwright, so a Content-Security-Policy
that only allows the site's own scripts does not block it.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.editions.breakouts import builder, services
from app.extensions import db
from app.models import Edition, EditionMember
from app.models.coaching import Application, CoachingSession
from tests import factories

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
WIDTHS = (390, 1280)
COUNTRIES = ("SI", "DE", "FR", "IT", "ES", "PL", "PT", "BE")
ECOSYSTEMS = ("digital", "health", "energy", "mobility", "agri-food", "textile")


@pytest.fixture
def community(live_server):
    """A coach, an edition with eight participants and one published round, applications and a challenge."""
    with live_server.app.app_context(), live_server.app.test_request_context():
        tag = (
            factories.make_user().id
        )  # keeps names unique across tests in the shared live database
        coach = factories.make_user(role="coach", name=f"Coach Clara {tag}")
        people = [
            factories.make_user(
                name=f"Layout Person {tag}-{i}",
                country=COUNTRIES[i],
                organisation=f"Cluster {i}",
                ecosystems=[ECOSYSTEMS[i % 6]],
                needs="Growing SME membership and export services.",
            )
            for i in range(8)
        ]
        edition = Edition(
            name=f"Layout Academy {tag}",
            place="Ljubljana",
            applications_open=True,
            application_deadline=date.today() + timedelta(days=7),
            min_size=6,
            max_size=12,
        )
        db.session.add(edition)
        db.session.flush()
        db.session.add_all(
            [EditionMember(edition_id=edition.id, user_id=p.id, role="participant") for p in people]
        )
        db.session.add(EditionMember(edition_id=edition.id, user_id=coach.id, role="coach"))
        applicant = factories.make_user(name=f"Applicant {tag}", country="CH")
        db.session.add(
            Application(
                edition_id=edition.id,
                user_id=applicant.id,
                motivation="We want to learn.",
                challenges="SME members.",
                eligible=False,
                eligibility_notes="Switzerland is not an eligible country.",
            )
        )
        session = CoachingSession(
            edition_id=edition.id,
            title="Online day 1",
            mode="online",
            starts_at=datetime(2026, 12, 1, 9),
        )
        db.session.add(session)
        db.session.flush()
        builder.generate(session, builder.BuilderSettings([p.id for p in people], 4, 1, {}))
        services.publish(session)
        challenge = factories.make_challenge(people[0], title=f"Finding export partners {tag}")
        db.session.commit()
        return {
            "coach": coach.email,
            "participant": people[0].email,
            "edition": edition.id,
            "session": session.id,
            "challenge": challenge.id,
            "profile": people[1].profile.id,
        }


def _pages(community) -> dict[str, list[str]]:
    """Who sees which pages: the main pages of each kind of person."""
    return {
        "visitor": ["/", "/profiles/", "/challenges/", "/editions/academy", "/login", "/register"],
        "participant": [
            "/",
            "/peers/",
            "/peers/introductions",
            "/notifications/",
            f"/challenges/{community['challenge']}",
            f"/profiles/{community['profile']}",
            "/editions/my-groups",
        ],
        "coach": [
            "/editions/",
            f"/editions/{community['edition']}",
            f"/editions/{community['edition']}/applications",
            f"/editions/{community['edition']}/dashboard",
            f"/editions/sessions/{community['session']}/breakouts",
        ],
    }


def _open(browser, live_server, width: int, email: str | None):
    """A page of `width` px, logged in as `email` (None: a visitor), collecting console errors."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    if email:
        page.goto("/login")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password", exact=True).fill(factories.PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(lambda url: "/login" not in url)
    return context, page


def _visit_all(browser, live_server, community, width, check):
    for who, paths in _pages(community).items():
        context, page = _open(
            browser, live_server, width, None if who == "visitor" else community[who]
        )
        try:
            for path in paths:
                page.console_errors.clear()
                response = page.goto(path)
                assert response.status == 200, f"{path} as {who}: HTTP {response.status}"
                page.wait_for_load_state("networkidle")
                check(page, f"{path} as {who} at {width} px")
        finally:
            context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_main_page_scrolls_sideways_or_logs_a_console_error(
    browser, live_server, community, width
):
    def check(page, where):
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{where} is {overflow} px wider than the screen"
        assert page.console_errors == [], f"{where}: {page.console_errors}"

    _visit_all(browser, live_server, community, width, check)


@pytest.mark.parametrize("width", WIDTHS)
def test_main_pages_have_no_serious_or_critical_axe_violations(
    browser, live_server, community, width
):
    def check(page, where):
        page.evaluate(AXE)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [
            {"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], f"{where}: {json.dumps(serious, indent=1)}"

    _visit_all(browser, live_server, community, width, check)


def test_on_a_phone_the_menu_opens_and_closes_from_the_keyboard(browser, live_server, community):
    context, page = _open(browser, live_server, 390, community["participant"])
    try:
        menu = page.get_by_role("button", name="Menu")
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(page.get_by_role("link", name="Notifications")).to_be_hidden()
        menu.focus()
        page.keyboard.press("Enter")
        expect(menu).to_have_attribute("aria-expanded", "true")
        expect(page.get_by_role("link", name="Notifications")).to_be_visible()
        expect(page.locator(".user-menu summary")).to_be_visible()
        page.keyboard.press("Escape")
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(menu).to_be_focused()
    finally:
        context.close()


def test_on_a_laptop_every_link_shows_without_a_menu_button(browser, live_server, community):
    context, page = _open(browser, live_server, 1280, community["participant"])
    try:
        expect(page.get_by_role("button", name="Menu")).to_be_hidden()
        expect(page.get_by_role("link", name="Notifications")).to_be_visible()
    finally:
        context.close()


def test_without_javascript_the_phone_shows_every_link(browser, live_server, community):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto("/")
        expect(page.get_by_role("link", name="Peers directory")).to_be_visible()
        expect(page.get_by_role("link", name="Log in")).to_be_visible()
        assert page.locator(".nav-toggle").is_hidden()
        width = page.locator("html").bounding_box()["width"]
        assert width <= 390
    finally:
        context.close()


def test_an_htmx_400_shows_its_message_in_place(browser, live_server, community):
    context, page = _open(browser, live_server, 390, community["coach"])
    try:
        page.goto(f"/editions/{community['edition']}/applications")
        page.get_by_role("button", name="Suggest a diverse cohort").click()
        expect(page.locator("#applications")).to_contain_text("nobody to suggest")
        # The swapped-in buttons are still htmx buttons: a second try answers in place again.
        page.get_by_role("button", name="Suggest a diverse cohort").click()
        expect(page.locator("#applications")).to_contain_text("nobody to suggest")
        assert page.url.endswith("/applications")
    finally:
        context.close()


def test_an_htmx_500_without_a_body_still_says_something_went_wrong(
    browser, live_server, community
):
    context, page = _open(browser, live_server, 1280, community["coach"])
    try:
        page.goto(f"/editions/{community['edition']}/applications")
        page.route("**/applications/suggest", lambda route: route.fulfill(status=500, body=""))
        page.get_by_role("button", name="Suggest a diverse cohort").click()
        expect(page.locator("#htmx-error")).to_be_visible()
        expect(page.locator("#htmx-error [role=alert]")).to_contain_text("Something went wrong")
        expect(page.locator("#htmx-error")).to_contain_text("HTTP 500")
    finally:
        context.close()


def test_an_error_for_a_target_that_is_gone_shows_in_the_page_message_box(
    browser, live_server, community
):
    context, page = _open(browser, live_server, 1280, community["coach"])
    try:
        page.goto(f"/editions/{community['edition']}/applications")

        def answer_late(route):
            page.evaluate("document.getElementById('applications').remove()")
            route.fulfill(
                status=400,
                content_type="text/html",
                body='<p class="flash flash-error" role="alert">Locked to group 2, which holds 4.</p>',
            )

        page.route("**/applications/suggest", answer_late)
        page.get_by_role("button", name="Suggest a diverse cohort").click()
        expect(page.locator("#htmx-error")).to_contain_text("Locked to group 2, which holds 4.")
    finally:
        context.close()
