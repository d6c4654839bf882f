"""Browser tests: the real app served on a local port, driven by Debian's chromium through Playwright.

Every test in this folder is marked `browser` (`make test-fast` leaves them out). One live server
per session, with a temporary SQLite file and CSRF switched on so forms are posted for real; a new
browser context per test, so cookies never leak between tests. Create data with `create_user` and
`create_challenge`, which write straight into the live server's database.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db
from app.models import User
from config import TestConfig
from tests import factories

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000  # generous: the suite may share the machine with other work
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Mark every test in tests/browser as a browser test."""
    for item in items:
        if HERE in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.browser)


@dataclass
class LiveServer:
    """The app served on 127.0.0.1 at `url`."""

    app: object
    url: str


@dataclass
class LiveUser:
    """What a test needs to act as a user in the browser (the ORM object stays in the server's DB)."""

    id: int
    email: str
    name: str
    password: str = factories.PASSWORD


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app with CSRF on and a fresh SQLite file, served in a background thread."""
    database = tmp_path_factory.mktemp("browser") / "browser.db"
    config = type(
        "BrowserConfig",
        (TestConfig,),
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "WTF_CSRF_ENABLED": True},
    )
    app = create_app(config)
    with app.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, launched once per session."""
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `make browser-deps` to install it.")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies) and page, with relative URLs going to the live server."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def new_page(browser, live_server):
    """new_page() → another page in its own context: a second person at another computer."""
    contexts = []

    def _new_page():
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    for context in contexts:
        context.close()


@pytest.fixture
def create_user(live_server):
    """create_user(role=, email=, name=, country=, with_profile=, ...) → a LiveUser in the live DB."""

    def _create_user(**fields) -> LiveUser:
        with live_server.app.app_context():
            user = factories.make_user(**fields)
            db.session.commit()
            return LiveUser(id=user.id, email=user.email, name=user.name)

    return _create_user


@pytest.fixture
def create_challenge(live_server):
    """create_challenge(author: LiveUser, title=, body=, themes=, ...) → the new challenge's id."""

    def _create_challenge(author: LiveUser, **fields) -> int:
        with live_server.app.app_context():
            challenge = factories.make_challenge(db.session.get(User, author.id), **fields)
            db.session.commit()
            return challenge.id

    return _create_challenge


@pytest.fixture
def log_in():
    """log_in(page, user) → fills the login form as a person would and waits for the redirect."""

    def _log_in(page, user: LiveUser) -> None:
        page.goto("/login")
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password", exact=True).fill(user.password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(lambda url: "/login" not in url)

    return _log_in
