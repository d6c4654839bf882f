"""The main pages work under the Content-Security-Policy: chromium reports no violation (case 6)."""

from __future__ import annotations

import pytest

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
});
"""

VISITOR_PAGES = ["/", "/login", "/register", "/forgot-password", "/challenges/", "/profiles/"]
MEMBER_PAGES = [
    "/",
    "/challenges/",
    "/challenges/new",
    "/profiles/",
    "/profiles/me/edit",
    "/peers/",
    "/peers/introductions",
    "/account",
    "/notifications/",
    "/notifications/preferences",
    "/editions/academy",
    "/editions/my-groups",
]


def violations_on(page, paths, console):
    found = []
    for path in paths:
        response = page.goto(path)
        assert response.status < 400, f"{path} answered {response.status}"
        page.wait_for_load_state("networkidle")
        found += [f"{path}: {v}" for v in page.evaluate("window.__cspViolations")]
    return found + [m for m in console if "Content Security Policy" in m]


@pytest.fixture
def watched(page):
    console = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda message: console.append(message.text))
    return page, console


def test_visitor_pages_report_no_violation(watched):
    page, console = watched
    assert violations_on(page, VISITOR_PAGES, console) == []


def test_member_pages_and_htmx_interactions_report_no_violation(
    watched, create_user, create_challenge, log_in
):
    page, console = watched
    user = create_user(email="csp@example.eu", name="Cecilia Policy")
    challenge = create_challenge(user, title="Does the policy hold?")
    log_in(page, user)

    found = violations_on(page, [*MEMBER_PAGES, f"/challenges/{challenge}"], console)
    page.goto("/profiles/")
    page.get_by_label("Search").first.fill("policy")
    page.wait_for_load_state("networkidle")
    found += page.evaluate("window.__cspViolations")

    assert found == []


def test_coach_pages_report_no_violation(watched, create_user, log_in):
    page, console = watched
    coach = create_user(email="csp-coach@example.eu", role="coach")
    log_in(page, coach)
    assert violations_on(page, ["/editions/", "/editions/new", "/editions/calls"], console) == []
