"""Fixtures for the whole suite: an app with a fresh database per test, clients, and factories.

The suite runs on SQLite in memory. When TEST_DATABASE_URL is set (CI sets it to a throw-away
PostgreSQL database), every test that uses the database runs a second time on PostgreSQL.
"""

from __future__ import annotations

import os

import pytest
from flask import g, request_started
from flask_login import FlaskLoginClient
from sqlalchemy import text

from app import create_app
from app.extensions import db
from config import TestConfig
from tests import factories

HTMX = {"HX-Request": "true"}

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def _postgres_url() -> str:
    url = os.environ["TEST_DATABASE_URL"]
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@pytest.fixture(scope="session")
def _postgres_schema():
    """Create the schema on the PostgreSQL test database once per session."""
    config = type("PgTestConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": _postgres_url()})
    application = create_app(config)
    with application.app_context():
        db.drop_all()
        db.create_all()
    yield config
    with application.app_context():
        db.drop_all()
        db.engine.dispose()


def _forget_cached_user(sender, **extra):
    g.pop("_login_user", None)


@pytest.fixture(params=BACKENDS)
def app(request):
    """The app with an empty database, its app context pushed for the test's duration."""
    if request.param == "postgresql":
        config = request.getfixturevalue("_postgres_schema")
    else:
        config = TestConfig
    application = create_app(config)
    application.test_client_class = FlaskLoginClient
    # The app context (and so `g`, where Flask-Login caches the user) stays pushed for the whole
    # test: forget the cached user at each request, or a second client would act as the first one.
    request_started.connect(_forget_cached_user, application)
    with application.app_context():
        if request.param == "sqlite":
            db.create_all()
        yield application
        db.session.rollback()
        if request.param == "postgresql":
            tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            db.session.commit()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def mailbox(app):
    """Every mail sent during the test, as sent (the outbox keeps secrets masked): dicts of
    recipient, subject and body."""
    from app.mail import mail_sent

    sent = []

    def _record(sender, **message):
        sent.append(message)

    mail_sent.connect(_record, app)
    yield sent
    mail_sent.disconnect(_record, app)


@pytest.fixture
def client(app):
    """A test client with nobody logged in."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A runner for the app's `flask` CLI commands."""
    return app.test_cli_runner()


@pytest.fixture
def login(app):
    """login(user) → a test client logged in as that user (Flask-Login's test client)."""

    def _login(user):
        db.session.commit()
        return app.test_client(user=user)

    return _login


@pytest.fixture
def make_user(app):
    """make_user(role="coach", country="PT", ...) → a committed user with a profile."""
    return factories.make_user


@pytest.fixture
def make_challenge(app):
    """make_challenge(author, title=..., themes=(...)) → a challenge."""
    return factories.make_challenge


@pytest.fixture
def make_reply(app):
    """make_reply(challenge, author, body=...) → a reply."""
    return factories.make_reply


@pytest.fixture
def make_edition(app):
    """make_edition(name=..., members=(users...), role="participant") → an edition."""
    return factories.make_edition
