"""Migrations own the schema: upgrade from empty gives exactly the models' schema, downgrade empties it.

Runs on a throw-away SQLite file, and on a throw-away PostgreSQL database when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path

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
        assert differences == [], (
            f"models and migrations disagree; run `flask db migrate`: {differences}"
        )

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
            connection.execute(
                text(
                    'INSERT INTO "user" (id, email, name, password_hash, role, is_active_account, created_at)'
                    " VALUES (1, 'ana@example.eu', 'Ana Müller', 'x', 'participant', true, CURRENT_TIMESTAMP)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO profile (id, user_id, organisation, website, job_title, country, region,"
                    " label, maturity, maturity_set_by_user, about, expertise, needs, languages,"
                    " visibility, created_at, updated_at) VALUES (1, 1, 'Pôle Mer', '', '', 'FR', '',"
                    " 'none', 'emerging', false, '', 'Ports', 'Buyers', '', 'community',"
                    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO challenge (id, author_id, title, body, body_html, status, created_at,"
                    " updated_at) VALUES (1, 1, 'Zürich fees', 'Body', '', 'open', CURRENT_TIMESTAMP,"
                    " CURRENT_TIMESTAMP)"
                )
            )
        upgrade()
        with db.engine.connect() as connection:
            profile = connection.execute(text("SELECT names, document FROM profile_search")).all()
            challenge = connection.execute(text("SELECT document FROM challenge_search")).all()
        assert profile == [("ana muller\npole mer", "ana muller\npole mer\nports\nbuyers")]
        assert challenge == [("zurich fees\nbody",)]
        downgrade(revision="base")
        db.engine.dispose()


COACHING_ROWS = (
    'INSERT INTO "user" (id, email, name, password_hash, role, is_active_account, created_at)'
    " VALUES (1, 'ana@example.eu', 'Ana', 'x', 'participant', true, CURRENT_TIMESTAMP)",
    "INSERT INTO cohort (id, name, place, host, description, applications_open, min_size, max_size,"
    " created_at) VALUES (1, 'Academy 2027', 'Brussels', '', '', false, 25, 40, CURRENT_TIMESTAMP)",
    "INSERT INTO application (id, cohort_id, user_id, motivation, challenges, commitments_json, eligible,"
    " eligibility_notes, status, created_at) VALUES (1, 1, 1, '', '', '[\"camera_on\", \"do_homework\"]',"
    " true, '', 'accepted', CURRENT_TIMESTAMP)",
    "INSERT INTO coaching_session (id, cohort_id, title, mode, starts_at, duration_minutes, created_at)"
    " VALUES (1, 1, 'Day 1', 'online', CURRENT_TIMESTAMP, 90, CURRENT_TIMESTAMP)",
    "INSERT INTO breakout_round (id, session_id, number, group_size, settings_json, metrics_json,"
    ' unmet_json, embeddings_source, created_at) VALUES (1, 1, 1, 4, \'{"group_size": 4, "batch": 1}\','
    " '{\"country_mix\": 0.75}', '', 'TF-IDF', CURRENT_TIMESTAMP)",
    "INSERT INTO breakout_group (id, round_id, position, locked, metrics_json, reasons_json)"
    " VALUES (1, 1, 0, false, '{}', '[\"Ana and Bo work in health.\"]')",
)


def test_coaching_json_migration_keeps_the_values_both_ways_and_checks_statuses(empty_database_url):
    """Revision 7b3e9c1d4f20 turns the *_json text columns into JSON columns and back, losing nothing."""
    config = type("MigrationConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": empty_database_url})
    application = create_app(config)
    with application.app_context():
        upgrade(revision="5d8e2f4a7c19")
        with db.engine.begin() as connection:
            for statement in COACHING_ROWS:
                connection.execute(text(statement))
        upgrade(revision="7b3e9c1d4f20")
        with db.engine.connect() as connection:
            table = db.metadata.tables  # read through the models' JSON types
            commitments = connection.execute(
                db.select(table["application"].c.commitments)
            ).scalar_one()
            round_row = connection.execute(
                db.select(table["breakout_round"].c["settings", "metrics", "unmet"])
            ).one()
            group_row = connection.execute(
                db.select(table["breakout_group"].c["metrics", "reasons"])
            ).one()
        assert commitments == ["camera_on", "do_homework"]
        assert tuple(round_row) == ({"group_size": 4, "batch": 1}, {"country_mix": 0.75}, [])
        assert tuple(group_row) == ({}, ["Ana and Bo work in health."])

        with pytest.raises(Exception, match="ck_application_status|CHECK constraint"):
            with db.engine.begin() as connection:
                connection.execute(text("UPDATE application SET status = 'maybe'"))

        downgrade(revision="5d8e2f4a7c19")
        with db.engine.connect() as connection:
            texts = connection.execute(
                text("SELECT settings_json, unmet_json FROM breakout_round")
            ).one()
            reasons = connection.execute(
                text("SELECT reasons_json FROM breakout_group")
            ).scalar_one()
            ticked = connection.execute(
                text("SELECT commitments_json FROM application")
            ).scalar_one()
        assert json.loads(texts[0]) == {"group_size": 4, "batch": 1} and json.loads(texts[1]) == []
        assert json.loads(reasons) == ["Ana and Bo work in health."]
        assert json.loads(ticked) == ["camera_on", "do_homework"]
        downgrade(revision="base")
        db.engine.dispose()


def _revision_before(revision: str) -> str:
    """The revision a migration follows, read from its file (the chain grows as branches land)."""
    [path] = (Path(__file__).parents[2] / "migrations" / "versions").glob(f"{revision}_*.py")
    return re.search(r"^down_revision\s*=\s*['\"](\w+)['\"]", path.read_text(), re.M).group(1)


BEFORE_CHECKED_STATUSES = _revision_before("c4d9a1e7f2b3")


def _user_row(user_id: int, role: str) -> str:
    return (
        'INSERT INTO "user" (id, email, name, password_hash, role, is_active_account, created_at)'
        f" VALUES ({user_id}, 'u{user_id}@example.eu', 'U{user_id}', 'x', '{role}', true,"
        " CURRENT_TIMESTAMP)"
    )


STATUS_ROWS = (
    _user_row(1, "Coach "),  # written differently: becomes "coach"
    _user_row(2, "participant"),
    "INSERT INTO introduction (id, sender_id, recipient_id, message, status, created_at,"
    " suggestion_mode) VALUES (1, 1, 2, '', 'PENDING', CURRENT_TIMESTAMP, 'old-tab')",
)


def _check_constraints(engine) -> dict[str, set[str]]:
    """table → names of its CHECK constraints, as the database reports them."""
    inspector = inspect(engine)
    return {
        table: {c["name"] for c in inspector.get_check_constraints(table)}
        for table in inspector.get_table_names()
        if table != "alembic_version"
    }


def test_checked_statuses_migration_rewrites_clears_and_checks_like_the_models(empty_database_url):
    """Revision c4d9a1e7f2b3: every status column gets the models' CHECK; downgrade drops them."""
    config = type("MigrationConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": empty_database_url})
    application = create_app(config)
    with application.app_context():
        upgrade(revision=BEFORE_CHECKED_STATUSES)
        before = _check_constraints(db.engine)
        with db.engine.begin() as connection:
            for statement in STATUS_ROWS:
                connection.execute(text(statement))
        upgrade(revision="c4d9a1e7f2b3")
        with db.engine.connect() as connection:
            roles = connection.execute(text('SELECT role FROM "user" ORDER BY id')).scalars().all()
            introduction = connection.execute(
                text("SELECT status, suggestion_mode FROM introduction")
            ).one()
        assert roles == ["coach", "participant"]
        assert tuple(introduction) == ("pending", None)

        # At the head (later revisions rename tables, e.g. cohort_member → edition_member, and
        # their checks with them), the database holds exactly the models' checks.
        upgrade()
        models = {
            table.name: {c.name for c in table.constraints if type(c).__name__ == "CheckConstraint"}
            for table in db.metadata.sorted_tables
        }
        assert _check_constraints(db.engine) == models
        with pytest.raises(Exception, match="ck_user_role|CHECK constraint"):
            with db.engine.begin() as connection:
                connection.execute(text("UPDATE \"user\" SET role = 'superuser'"))

        downgrade(revision=BEFORE_CHECKED_STATUSES)
        assert _check_constraints(db.engine) == before
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE \"user\" SET role = 'superuser' WHERE id = 2"))
            connection.execute(text("UPDATE \"user\" SET role = 'participant' WHERE id = 2"))
        downgrade(revision="base")
        db.engine.dispose()


def test_checked_statuses_migration_refuses_unknown_statuses_and_changes_nothing(
    empty_database_url, capfd
):
    """A status no code writes stops the upgrade with the table, column and value, before any change."""
    config = type("MigrationConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": empty_database_url})
    application = create_app(config)
    with application.app_context():
        upgrade(revision=BEFORE_CHECKED_STATUSES)
        with db.engine.begin() as connection:
            for statement in (*STATUS_ROWS, _user_row(3, "superuser")):
                connection.execute(text(statement))
        with pytest.raises(SystemExit):
            upgrade(revision="c4d9a1e7f2b3")
        error = capfd.readouterr().err  # Flask-Migrate logs the message and exits
        assert (
            "user.role may hold participant, alumni, coach, admin; found 'superuser' (1 rows)"
            in error
        )
        with db.engine.connect() as connection:
            roles = connection.execute(text('SELECT role FROM "user" ORDER BY id')).scalars().all()
            mode = connection.execute(text("SELECT suggestion_mode FROM introduction")).scalar()
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert roles == ["Coach ", "participant", "superuser"]
        assert mode == "old-tab"
        assert version == BEFORE_CHECKED_STATUSES
        downgrade(revision="base")
        db.engine.dispose()


def test_email_verification_migration_marks_existing_accounts_verified(empty_database_url):
    """Revision c5d9e2f4a817: accounts that exist before it stay in the directory (verified at
    their creation time); a new account after it starts unverified."""
    config = type("MigrationConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": empty_database_url})
    application = create_app(config)
    with application.app_context():
        upgrade(revision="8a4c6e2b1d37")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    'INSERT INTO "user" (id, email, name, password_hash, role, is_active_account, created_at)'
                    " VALUES (1, 'ana@example.eu', 'Ana', 'x', 'participant', true, '2025-01-02 03:04:05')"
                )
            )
        upgrade(revision="c5d9e2f4a817")
        with db.engine.connect() as connection:
            [(created, verified)] = connection.execute(
                text('SELECT created_at, email_verified_at FROM "user"')
            ).all()
        assert verified is not None and verified == created
        downgrade(revision="8a4c6e2b1d37")
        with db.engine.connect() as connection:
            assert connection.execute(text('SELECT count(*) FROM "user"')).scalar() == 1
        downgrade(revision="base")
        db.engine.dispose()
