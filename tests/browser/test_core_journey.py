"""The core journey in a real browser: join, complete the profile, post a challenge, get help.

htmx interactions are checked to happen without a page load: each test leaves a marker on
`window`, which a full page load would wipe out.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from app.mail import mail_sent

NO_RELOAD_MARKER = "window.__stillTheSamePage"


def mark_page(page: Page) -> None:
    """Leave a marker that only survives while no new page is loaded."""
    page.evaluate(f"{NO_RELOAD_MARKER} = true")


def assert_not_reloaded(page: Page) -> None:
    """The marker is still there: the change came from htmx, not from a page load."""
    assert page.evaluate(f"{NO_RELOAD_MARKER} === true"), "the page was reloaded"


def register(page: Page, *, name: str, email: str, password: str) -> None:
    """Fill in the registration form as a newcomer would, then log in as the page invites to."""
    page.goto("/register")
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Confirm password").fill(password)
    page.get_by_label("Country of your cluster").select_option("SI")
    page.get_by_label("Cluster organisation (optional)").fill("Savinjska Wood Cluster")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Check your inbox: we have sent you an email.")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Confirm your email address", exact=True)).to_be_visible()


@pytest.fixture
def mails(live_server):
    """Every mail the live server sends during the test, as sent (tokens unmasked)."""
    sent = []

    def _record(sender, **mail):
        sent.append(mail)

    mail_sent.connect(_record, live_server.app)
    yield sent
    mail_sent.disconnect(_record, live_server.app)


def confirm_email(page: Page, mails: list[dict], email: str) -> None:
    """Open the confirmation link mailed to `email`; the banner goes away."""
    body = next(m["body"] for m in mails if m["recipient"] == email)
    link = re.search(r"https?://\S+/confirm-email/\S+", body).group(0)
    page.goto(urlsplit(link).path)
    expect(page.get_by_text("Your email address is confirmed.")).to_be_visible()
    expect(page.get_by_role("button", name="Resend confirmation email")).to_have_count(0)


def complete_profile(page: Page) -> None:
    """Fill the profile form the registration leads to."""
    expect(page).to_have_url(re.compile(r"/profiles/me/edit"))
    expect(page.get_by_label("Cluster organisation name")).to_have_value("Savinjska Wood Cluster")
    page.get_by_label("Job title").fill("Cluster Manager")
    page.get_by_label("Region", exact=True).fill("Savinjska")
    page.get_by_label("Construction").check()
    page.get_by_label("About my cluster").fill("42 sawmills and joinery workshops around Celje.")
    page.get_by_label("I can help with").fill(
        "Dual training with vocational schools for wood jobs."
    )
    page.get_by_label("I am looking for").fill(
        "Ideas to make micro-companies see value in membership."
    )
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()


def post_challenge(page: Page, *, title: str) -> str:
    """Post a challenge with two themes; returns its address."""
    page.goto("/challenges/new")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Description", exact=True).fill(
        "Our members are mostly micro-companies that see no value in paying a fee.\n\n"
        "- a free trial year\n- personal visits\n\nWhat made the difference for you?"
    )
    page.get_by_label("Membership growth and engagement").check()
    page.get_by_label("Services to SMEs").check()
    page.get_by_role("button", name="Post challenge").click()
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    return page.url


def test_newcomer_posts_a_challenge_and_marks_a_peers_reply_helpful_and_solved(
    page, new_page, create_user, log_in, mails
):
    register(
        page,
        name="Maja Kranjc",
        email="maja.kranjc@wood-cluster.si.example",
        password="sawdust and pine 42",
    )
    complete_profile(page)
    confirm_email(page, mails, "maja.kranjc@wood-cluster.si.example")
    title = "How do we convince micro-companies that membership is worth the fee?"
    challenge_url = post_challenge(page, title=title)

    peer = create_user(name="Pieter Claes", email="pieter.claes@flanders.example", country="BE")
    peer_page = new_page()
    log_in(peer_page, peer)
    peer_page.goto(challenge_url)
    mark_page(peer_page)
    advice = "We introduced three membership tiers; the micro tier costs 150 euros and includes one B2B introduction."
    peer_page.get_by_label("Your reply").fill(advice)
    peer_page.get_by_role("button", name="Post reply").click()
    reply = peer_page.locator("#replies li").filter(has_text="three membership tiers")
    expect(reply).to_be_visible()
    expect(peer_page.get_by_label("Your reply")).to_have_value("")
    assert_not_reloaded(peer_page)

    page.goto(challenge_url)
    mark_page(page)
    page.locator("#replies li").filter(has_text="three membership tiers").get_by_role(
        "button", name="Mark as helpful"
    ).click()
    expect(page.locator("#replies li.reply-helpful")).to_contain_text("three membership tiers")
    page.get_by_role("button", name="Mark as solved").click()
    expect(page.locator("#challenge-status")).to_contain_text("Solved")
    assert_not_reloaded(page)

    page.reload()
    expect(page.locator("#challenge-status")).to_contain_text("Solved")
    expect(page.locator("#replies li.reply-helpful")).to_contain_text("Helpful")


def test_directory_filters_live_and_its_address_can_be_reloaded(page, create_user, log_in):
    create_user(
        name="Ana Ferreira",
        country="PT",
        organisation="Norte Textile Valley",
        ecosystems=["textile"],
    )
    create_user(
        name="Jure Vidmar",
        country="SI",
        organisation="Goriška Wood Network",
        ecosystems=["construction"],
    )
    log_in(page, create_user(name="Directory Visitor", country="AT"))
    page.goto("/profiles/")
    results = page.locator("#results")
    expect(results).to_contain_text("Ana Ferreira")
    expect(results).to_contain_text("Jure Vidmar")
    mark_page(page)

    page.get_by_label("Search").press_sequentially(
        "Textile Valley"
    )  # key by key, as a person types
    expect(page).to_have_url(re.compile(r"q=Textile"))
    expect(results).to_contain_text("Ana Ferreira")
    expect(results).not_to_contain_text("Jure Vidmar")

    page.get_by_label("Search").fill("")
    page.get_by_label("Country").select_option("SI")
    expect(page).to_have_url(re.compile(r"country=SI"))
    expect(results).to_contain_text("Jure Vidmar")
    expect(results).not_to_contain_text("Ana Ferreira")
    assert_not_reloaded(page)

    filtered_url = page.url
    page.reload()
    assert page.url == filtered_url
    expect(page.get_by_label("Country")).to_have_value("SI")
    expect(results).to_contain_text("Jure Vidmar")
    expect(results).not_to_contain_text("Ana Ferreira")
