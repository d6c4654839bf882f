"""Coaching data in JSON columns, and checked statuses

The application's commitments, a breakout round's settings, metrics and unmet rules, and a group's
metrics and reasons were JSON kept in Text columns named *_json; they become JSON columns named
without the suffix (commitments, settings, metrics, unmet, reasons), and the existing values are
copied over. application.status, coaching_session.mode and breakout_rule.kind get CHECK
constraints naming the values the app writes. Downgrade turns the JSON back into text.

Revision ID: 7b3e9c1d4f20
Revises: 5d8e2f4a7c19
Create Date: 2026-12-06 05:00:00

"""

import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "7b3e9c1d4f20"
down_revision = "5d8e2f4a7c19"
branch_labels = None
depends_on = None

# table -> (old text column, new JSON column, value for empty text)
JSON_COLUMNS = {
    "application": [("commitments_json", "commitments", [])],
    "breakout_round": [
        ("settings_json", "settings", {}),
        ("metrics_json", "metrics", {}),
        ("unmet_json", "unmet", []),
    ],
    "breakout_group": [("metrics_json", "metrics", {}), ("reasons_json", "reasons", [])],
}
CHECKS = {
    "application": (
        "ck_application_status",
        "status IN ('pending', 'shortlisted', 'accepted', 'declined')",
    ),
    "coaching_session": ("ck_coaching_session_mode", "mode IN ('online', 'in_person')"),
    "breakout_rule": ("ck_breakout_rule_kind", "kind IN ('apart', 'together')"),
}


def _copy(table_name, columns, *, to_json):
    """Copy every row's value from the source columns to the target ones (text <-> JSON)."""
    source = [old if to_json else new for old, new, _ in columns]
    target = [new if to_json else old for old, new, _ in columns]
    table = sa.table(
        table_name,
        sa.column("id", sa.Integer),
        *(sa.column(name, sa.Text) for name in (source if to_json else target)),
        *(sa.column(name, sa.JSON) for name in (target if to_json else source)),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(table.c.id, *(table.c[name] for name in source))).all()
    for row in rows:
        values = {}
        for (old, new, empty), value in zip(columns, row[1:], strict=True):
            if to_json:
                values[new] = json.loads(value) if value else empty
            else:
                values[old] = json.dumps(value if value is not None else empty)
        connection.execute(table.update().where(table.c.id == row.id).values(**values))


def upgrade():
    for table_name, columns in JSON_COLUMNS.items():
        with op.batch_alter_table(table_name) as batch:
            for _, new, _ in columns:
                batch.add_column(sa.Column(new, sa.JSON(), nullable=True))
        _copy(table_name, columns, to_json=True)
        with op.batch_alter_table(table_name) as batch:
            for old, new, _ in columns:
                batch.alter_column(new, existing_type=sa.JSON(), nullable=False)
                batch.drop_column(old)
    for table_name, (name, condition) in CHECKS.items():
        with op.batch_alter_table(table_name) as batch:
            batch.create_check_constraint(name, condition)


def downgrade():
    for table_name, (name, _) in CHECKS.items():
        with op.batch_alter_table(table_name) as batch:
            batch.drop_constraint(name, type_="check")
    for table_name, columns in JSON_COLUMNS.items():
        with op.batch_alter_table(table_name) as batch:
            for old, _, _ in columns:
                batch.add_column(sa.Column(old, sa.Text(), nullable=True))
        _copy(table_name, columns, to_json=False)
        with op.batch_alter_table(table_name) as batch:
            for old, new, _ in columns:
                batch.alter_column(old, existing_type=sa.Text(), nullable=False)
                batch.drop_column(new)
