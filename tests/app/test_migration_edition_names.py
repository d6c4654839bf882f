"""Revision c4e1d7a2b9f6 renames cohort -> edition in the schema and keeps every row, both ways.

Copied in by the naming codemod and never rewritten by it: it speaks of the old names on purpose.
Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set (fixture from test_migrations.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from app import create_app
from app.extensions import db
from config import TestConfig
from tests.app.test_migrations import empty_database_url  # noqa: F401  (the fixture)

REVISION = "c4e1d7a2b9f6"
MIGRATION = next(Path(__file__).parents[2].glob(f"migrations/versions/{REVISION}_*.py"))
BEFORE = re.search(r'^down_revision = "(\w+)"', MIGRATION.read_text(), re.M).group(1)

ROWS = (
    'INSERT INTO "user" (id, email, name, password_hash, role, is_active_account, created_at)'
    " VALUES (1, 'ana@example.eu', 'Ana', 'x', 'participant', true, CURRENT_TIMESTAMP)",
    "INSERT INTO {edition} (name, place, host, description, applications_open, min_size,"
    " max_size, created_at) VALUES ('Academy 2027', 'Brussels', '', '', false, 25, 40,"
    " CURRENT_TIMESTAMP)",  # no id: the next insert shows the id sequence survives the rename
    "INSERT INTO {edition}_member (id, {edition}_id, user_id, role, attending, joined_at)"
    " VALUES (1, 1, 1, 'coach', true, CURRENT_TIMESTAMP)",
    "INSERT INTO application (id, {edition}_id, user_id, motivation, challenges, commitments,"
    " eligible, eligibility_notes, status, created_at) VALUES (1, 1, 1, 'Why', '', '[]', true, '',"
    " 'pending', CURRENT_TIMESTAMP)",
)


def _names_saying(word: str) -> list[str]:
    """Every table, column, index and constraint name in the database that contains `word`."""
    inspector = inspect(db.engine)
    found = []
    for table in inspector.get_table_names():
        names = [table, *(c["name"] for c in inspector.get_columns(table))]
        names += [i["name"] for i in inspector.get_indexes(table)]
        names += [u["name"] for u in inspector.get_unique_constraints(table)]
        names += [f["name"] for f in inspector.get_foreign_keys(table)]
        names.append(inspector.get_pk_constraint(table).get("name"))
        found += [f"{table}: {n}" for n in names if n and word in n]
    return found


def _rows(edition: str) -> tuple:
    with db.engine.connect() as connection:
        return (
            connection.execute(text(f"SELECT id, name, place FROM {edition}")).all(),
            connection.execute(
                text(f"SELECT {edition}_id, user_id, role FROM {edition}_member")
            ).all(),
            connection.execute(text(f"SELECT {edition}_id, motivation FROM application")).all(),
        )


def test_cohort_becomes_edition_in_every_name_and_back_keeping_the_rows(empty_database_url):  # noqa: F811
    config = type("MigrationConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": empty_database_url})
    application = create_app(config)
    with application.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            for statement in ROWS:
                connection.execute(text(statement.format(edition="cohort")))
        before = _rows("cohort")
        assert before[0] == [(1, "Academy 2027", "Brussels")]

        upgrade(revision=REVISION)
        db.engine.dispose()
        assert _rows("edition") == before
        assert _names_saying("cohort") == []
        assert "edition_member: fk_edition_member_edition_id_edition" in _names_saying("edition")
        with db.engine.begin() as connection:  # new rows get ids and keep the rules
            connection.execute(
                text(
                    "INSERT INTO edition (name, place, host, description, applications_open,"
                    " min_size, max_size, created_at) VALUES ('Academy 2028', '', '', '', false,"
                    " 25, 40, CURRENT_TIMESTAMP)"
                )
            )
            assert connection.execute(text("SELECT max(id) FROM edition")).scalar_one() == 2
            connection.execute(text("DELETE FROM edition WHERE id = 2"))

        downgrade(revision=BEFORE)
        db.engine.dispose()
        assert _rows("cohort") == before
        assert _names_saying("edition") == []
        downgrade(revision="base")
        db.engine.dispose()
