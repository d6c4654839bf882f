"""One name for the Academy's editions: cohort -> edition in table, column, index and constraint names

The model was called Cohort in the code and "edition" on the pages. Tables `cohort` and
`cohort_member` become `edition` and `edition_member`; every `cohort_id` column becomes
`edition_id`; every index, constraint and (PostgreSQL) sequence whose name says cohort is renamed
to say edition. No row changes. Downgrade renames everything back.

The objects are found by name at run time rather than listed, so a table that another branch gave
a `cohort_id` column before this revision ran is renamed too (run this revision after those).
PostgreSQL renames in place. SQLite cannot rename an index or a constraint, so each table that has
one is rebuilt in batch mode with the new names (foreign keys are off during migrations: env.py).

Revision ID: c4e1d7a2b9f6
Revises: c4d9a1e7f2b3
Create Date: 2026-12-06 07:30:00

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4e1d7a2b9f6"
down_revision = "c4d9a1e7f2b3"
branch_labels = None
depends_on = None

TABLES = {"cohort": "edition", "cohort_member": "edition_member"}


def upgrade():
    _rename("cohort", "edition", TABLES)


def downgrade():
    _rename("edition", "cohort", {new: old for old, new in TABLES.items()})


def _rename(old: str, new: str, tables: dict[str, str]) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _rename_postgresql(bind, old, new, tables)
    else:
        _rename_sqlite(bind, old, new, tables)


def _renamed(name: str | None, old: str, new: str) -> str | None:
    return name.replace(old, new) if name else name


def _rename_postgresql(bind, old: str, new: str, tables: dict[str, str]) -> None:
    """Rename in place: tables, columns, then indexes, constraints and sequences by their names."""
    for table, renamed in tables.items():
        op.rename_table(table, renamed)
    columns = bind.execute(
        sa.text(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND column_name = :column"
        ),
        {"column": f"{old}_id"},
    ).all()
    for table, column in columns:
        op.alter_column(table, column, new_column_name=f"{new}_id")
    # Indexes behind primary keys and unique constraints are renamed with their constraint.
    constraints = bind.execute(
        sa.text(
            "SELECT c.conrelid::regclass::text, c.conname FROM pg_constraint c"
            " JOIN pg_namespace n ON n.oid = c.connamespace"
            " WHERE n.nspname = current_schema() AND c.conname LIKE :pattern"
        ),
        {"pattern": f"%{old}%"},
    ).all()
    for table, name in constraints:
        op.execute(
            f'ALTER TABLE {table} RENAME CONSTRAINT "{name}" TO "{_renamed(name, old, new)}"'
        )
    for kind in ("INDEX", "SEQUENCE"):
        relkind = "i" if kind == "INDEX" else "S"
        names = bind.execute(
            sa.text(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = current_schema() AND c.relkind = :kind AND c.relname LIKE :pattern"
            ),
            {"kind": relkind, "pattern": f"%{old}%"},
        ).scalars()
        for name in list(names):
            op.execute(f'ALTER {kind} "{name}" RENAME TO "{_renamed(name, old, new)}"')


def _rename_sqlite(bind, old: str, new: str, tables: dict[str, str]) -> None:
    """Rename the tables, then rebuild every table whose columns, indexes or constraints say `old`."""
    for table, renamed in tables.items():
        op.rename_table(table, renamed)  # SQLite >= 3.26 rewrites the other tables' references
    inspector = sa.inspect(bind)
    for table in inspector.get_table_names():
        if table.startswith("_alembic") or table == "alembic_version":
            continue
        columns = [c["name"] for c in inspector.get_columns(table) if c["name"] == f"{old}_id"]
        foreign_keys = [fk for fk in inspector.get_foreign_keys(table) if old in (fk["name"] or "")]
        uniques = [u for u in inspector.get_unique_constraints(table) if old in (u["name"] or "")]
        indexes = [i for i in inspector.get_indexes(table) if old in (i["name"] or "")]
        checks = [c for c in inspector.get_check_constraints(table) if old in (c["name"] or "")]
        primary_key = inspector.get_pk_constraint(table)
        renames_pk = old in (primary_key.get("name") or "")
        if not (columns or foreign_keys or uniques or indexes or checks or renames_pk):
            continue
        for index in indexes:
            op.drop_index(index["name"], table_name=table)
        # Two rebuilds: batch mode keys a renamed column by its old name until the table is rebuilt,
        # so constraints on the new column name can only be added in a second pass.
        with op.batch_alter_table(table, recreate="always") as batch:
            for fk in foreign_keys:
                batch.drop_constraint(fk["name"], type_="foreignkey")
            for unique in uniques:
                batch.drop_constraint(unique["name"], type_="unique")
            for check in checks:
                batch.drop_constraint(op.f(check["name"]), type_="check")
            for column in columns:
                batch.alter_column(column, new_column_name=f"{new}_id")
            if renames_pk:
                batch.drop_constraint(primary_key["name"], type_="primary")
        with op.batch_alter_table(table, recreate="always") as batch:
            if renames_pk:
                batch.create_primary_key(
                    _renamed(primary_key["name"], old, new),
                    primary_key["constrained_columns"],
                )
            for unique in uniques:
                batch.create_unique_constraint(
                    _renamed(unique["name"], old, new),
                    [_renamed(c, old, new) for c in unique["column_names"]],
                )
            for (
                check
            ) in checks:  # op.f: the name is final, the naming convention is not applied again
                batch.create_check_constraint(
                    op.f(_renamed(check["name"], old, new)),
                    _renamed(check["sqltext"], f"{old}_id", f"{new}_id"),
                )
            for fk in foreign_keys:
                options = fk.get("options", {})
                batch.create_foreign_key(
                    _renamed(fk["name"], old, new),
                    _renamed(fk["referred_table"], old, new),
                    [_renamed(c, old, new) for c in fk["constrained_columns"]],
                    fk["referred_columns"],
                    **{k: v for k, v in options.items() if k in ("ondelete", "onupdate")},
                )
        for index in indexes:
            op.create_index(
                _renamed(index["name"], old, new),
                table,
                [_renamed(c, old, new) for c in index["column_names"]],
                unique=bool(index["unique"]),
            )
