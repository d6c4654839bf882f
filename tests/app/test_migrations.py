"""Migrations own the schema: upgrade from empty gives exactly the models' schema, downgrade empties it.

Runs on a throw-away SQLite file, and on a throw-away PostgreSQL database when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from app import create_app
from app.extensions import db
from app.models.profile import schema_filter_for
from config import TestConfig


def _sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'migrations.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request, tmp_path):
    """The URL of an empty database of each kind; the PostgreSQL one is created and dropped here."""
    if request.param == "sqlite":
        yield _sqlite_url(tmp_path)
        return
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("TEST_DATABASE_URL is not set: the PostgreSQL run happens in CI (.ci/run)")
    url = make_url(base).set(drivername="postgresql+psycopg")
    name = f"cbc_migrations_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_upgrade_from_empty_matches_the_models_and_downgrade_empties(empty_database_url):
    config = type("MigrationConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": empty_database_url})
    application = create_app(config)
    with application.app_context():
        upgrade()
        with db.engine.connect() as connection:
            include_object = schema_filter_for(connection.dialect.name)  # trigram indexes: PG only
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": include_object}
            )
            differences = compare_metadata(context, db.metadata)
        assert differences == [], f"models and migrations disagree; run `flask db migrate`: {differences}"

        downgrade(revision="base")
        remaining = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert remaining == set()
        db.engine.dispose()


def test_search_documents_migration_fills_documents_for_existing_rows(empty_database_url):
    """A community that existed before revision 5d8e2f4a7c19 is searchable right after upgrading."""
    config = type("MigrationConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": empty_database_url})
    application = create_app(config)
    with application.app_context():
        upgrade(revision="3c1f7a9d2b64")
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO \"user\" (id, email, name, password_hash, role, is_active_account, created_at)"
                " VALUES (1, 'ana@example.eu', 'Ana Müller', 'x', 'participant', true, CURRENT_TIMESTAMP)"
            ))
            connection.execute(text(
                "INSERT INTO profile (id, user_id, organisation, website, job_title, country, region,"
                " label, maturity, maturity_set_by_user, about, expertise, needs, languages,"
                " visibility, created_at, updated_at) VALUES (1, 1, 'Pôle Mer', '', '', 'FR', '',"
                " 'none', 'emerging', false, '', 'Ports', 'Buyers', '', 'community',"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ))
            connection.execute(text(
                "INSERT INTO challenge (id, author_id, title, body, body_html, status, created_at,"
                " updated_at) VALUES (1, 1, 'Zürich fees', 'Body', '', 'open', CURRENT_TIMESTAMP,"
                " CURRENT_TIMESTAMP)"
            ))
        upgrade()
        with db.engine.connect() as connection:
            profile = connection.execute(text("SELECT names, document FROM profile_search")).all()
            challenge = connection.execute(text("SELECT document FROM challenge_search")).all()
        assert profile == [("ana muller\npole mer", "ana muller\npole mer\nports\nbuyers")]
        assert challenge == [("zurich fees\nbody",)]
        downgrade(revision="base")
        db.engine.dispose()
