"""Fixtures for the practice library tests: people in each role, a practice, and a private upload folder."""

from __future__ import annotations

import pytest

from tests import factories


@pytest.fixture(autouse=True)
def login_page(app):
    """Anonymous users are sent to auth.login; stand in for it when the auth area is not installed."""
    if "auth.login" not in app.view_functions:
        app.add_url_rule("/login", "auth.login", lambda: "Log in")


@pytest.fixture(autouse=True)
def upload_dir(app, tmp_path):
    """Attachments go to a folder of this test, never to instance/."""
    app.config["UPLOAD_DIR"] = str(tmp_path / "uploads")
    return tmp_path / "uploads"


@pytest.fixture
def make_practice(app):
    """make_practice(author, title=..., themes=(...)) → a published practice."""
    return factories.make_practice


@pytest.fixture
def author(make_user):
    """A Slovenian digital-cluster manager who shares practices."""
    return make_user(
        name="Petra Author", email="petra@example.eu", country="SI", ecosystems=["digital"]
    )


@pytest.fixture
def people(make_user):
    """One user in each role who did not write the practice."""
    return {
        "participant": make_user(name="Pia Participant", country="PT"),
        "alumni": make_user(role="alumni", name="Alf Alumni", country="DK"),
        "coach": make_user(role="coach", name="Cora Coach", country="BE"),
        "admin": make_user(role="admin", name="Adam Admin", country="AT"),
    }


@pytest.fixture
def practice(author, make_practice):
    """A published community practice by `author`."""
    return make_practice(author)


ROLES = ("participant", "alumni", "coach", "admin")
