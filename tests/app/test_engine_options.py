"""How the app connects to each database (app.engine_options)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text

from app import POSTGRESQL_CONNECT_ARGS, engine_options
from app.extensions import db


def test_sqlite_gets_the_configured_options_unchanged():
    config = {
        "SQLALCHEMY_DATABASE_URI": "sqlite://",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    }
    assert engine_options(config) == {"pool_pre_ping": True}


def test_postgresql_gets_its_connect_args_and_keeps_explicit_ones():
    config = {
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://postgres@127.0.0.1/db",
        "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 3}},
    }
    assert engine_options(config)["connect_args"] == {
        **POSTGRESQL_CONNECT_ARGS,
        "connect_timeout": 3,
    }


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="needs PostgreSQL (TEST_DATABASE_URL)"
)
def test_postgresql_sessions_run_with_the_planner_setting(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the SQLite run of the app fixture")
    assert db.session.scalar(text("SHOW random_page_cost")) == "1.1"
