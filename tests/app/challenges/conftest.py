"""Fixtures for the challenges tests: an author with a challenge, other people, and their clients."""

from __future__ import annotations

import re

import pytest


@pytest.fixture(autouse=True)
def login_page(app):
    """Anonymous users are sent to auth.login; stand in for it when the auth area is not installed."""
    if "auth.login" not in app.view_functions:
        app.add_url_rule("/login", "auth.login", lambda: "Log in")


@pytest.fixture
def author(make_user):
    """A Portuguese health-cluster manager who posts challenges."""
    return make_user(
        name="Ana Author", email="ana@example.eu", country="PT", ecosystems=["health", "digital"]
    )


@pytest.fixture
def other(make_user):
    """A participant who did not write the challenge."""
    return make_user(name="Olaf Other", email="olaf@example.eu", country="DK")


@pytest.fixture
def admin(make_user):
    """An administrator."""
    return make_user(name="Adele Admin", email="admin@example.eu", role="admin")


@pytest.fixture
def challenge(author, make_challenge):
    """An open challenge by `author`."""
    return make_challenge(
        author, title="How do we attract more SME members?", themes=("membership",)
    )


@pytest.fixture
def author_client(login, author):
    """A client logged in as the challenge's author."""
    return login(author)


@pytest.fixture
def other_client(login, other):
    """A client logged in as someone else."""
    return login(other)


@pytest.fixture
def admin_client(login, admin):
    """A client logged in as an admin."""
    return login(admin)


def csrf_token_from(html: bytes) -> str:
    """The CSRF token a page carries in its <meta name="csrf-token">."""
    return re.search(rb'name="csrf-token" content="([^"]+)"', html).group(1).decode()
