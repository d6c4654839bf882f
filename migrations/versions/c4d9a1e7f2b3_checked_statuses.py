"""Checked statuses: every status, kind, role and phase column accepts only its known words

Until now only application.status, coaching_session.mode, breakout_rule.kind and api_token.scope
were checked. This adds a CHECK constraint (named ck_<table>_<column>) to every other column that
holds one word of a closed set: account and edition roles, challenge and introduction statuses,
profile and practice visibility, introduction outcomes, suggestion tabs, meeting-day phases, wishes,
answers, meeting kinds, modes and outcomes, practice types, adoption and tag kinds, and the owner
kind and field of stored vectors. The models build the same constraints from their tuples
(app/models/checks.py); the values are copied here so this revision keeps its meaning when a
tuple changes later (that change needs its own migration).

Existing rows, before any change:
- a value that is only differently written ("Pending ", "COACH") is set to its known word;
- a suggestion tab (introduction / hidden_suggestion .suggestion_mode) that is still unknown is
  cleared to NULL: it only recorded which tab a suggestion came from, and NULL means "not known";
- any other unknown value stops the upgrade with a message naming table, column, values and row
  counts, and nothing is changed: those are people's statuses and answers, which no migration may
  guess. Fix or delete those rows, then upgrade again.

Downgrade drops the constraints and keeps every value.

Revision ID: c4d9a1e7f2b3
Revises: c4d2a7e9f6b1
Create Date: 2026-12-06 07:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4d9a1e7f2b3"
down_revision = "c4d2a7e9f6b1"
branch_labels = None
depends_on = None

# table -> column -> the words it may hold (as the models' tuples were at this revision)
CHECKS = {
    "user": {"role": ("participant", "alumni", "coach", "admin")},
    "cohort_member": {"role": ("participant", "coach", "organiser")},
    "challenge": {"status": ("open", "solved")},
    "profile": {"visibility": ("community", "cohorts", "hidden")},
    "introduction": {
        "status": ("pending", "accepted", "declined", "withdrawn"),
        "suggestion_mode": ("similar", "helpers", "surprise"),
    },
    "introduction_outcome": {"kind": ("met", "collaborating", "no_follow_up")},
    "hidden_suggestion": {"suggestion_mode": ("similar", "helpers", "surprise")},
    "meeting_event": {
        "open_to": ("edition", "anyone"),
        "phase": ("wishes", "draft", "published", "follow_up"),
    },
    "meeting_wish": {
        "choice": ("must", "want", "no"),
        "answer": ("pending", "accepted", "declined"),
    },
    "meeting": {
        "kind": ("request", "minimum", "suggestion", "organiser"),
        "mode": ("", "similar", "helpers", "mixed"),
        "outcome": ("no_contact", "knowledge", "joint_action", "agreement"),
    },
    "practice": {
        "kind": ("tool", "method", "service", "business_model", "template"),
        "visibility": ("community", "cohorts"),
    },
    "practice_adoption": {"kind": ("adopted", "taught")},
    "practice_tag": {"kind": ("theme", "ecosystem", "maturity")},
    "stored_vector": {
        "owner_kind": ("profile", "challenge", "practice"),
        "field": ("expertise", "needs", "about", "text"),
    },
}
# Unknown values here are cleared to NULL instead of stopping the upgrade (see the header).
CLEARED_WHEN_UNKNOWN = {("introduction", "suggestion_mode"), ("hidden_suggestion", "suggestion_mode")}


def _in_list(column, values):
    """The SQL condition `column IN ('a', 'b')` (as app/models/checks.py writes it)."""
    quoted = ", ".join("'" + value.replace("'", "''") + "'" for value in values)
    return f"{column} IN ({quoted})"


def _unknown_values(connection, table_name, column, values):
    """(value, rows) for each value outside `values`, NULL aside."""
    table = sa.table(table_name, sa.column(column, sa.String))
    c = table.c[column]
    query = (
        sa.select(c, sa.func.count())
        .where(c.is_not(None), c.not_in(values))
        .group_by(c)
        .order_by(c)
    )
    return connection.execute(query).all()


def _refusals(connection):
    """Lines naming every value that neither rewriting nor clearing can make valid."""
    lines = []
    for table_name, columns in CHECKS.items():
        for column, values in columns.items():
            if (table_name, column) in CLEARED_WHEN_UNKNOWN:
                continue
            bad = [
                (value, rows)
                for value, rows in _unknown_values(connection, table_name, column, values)
                if value.strip().lower() not in values
            ]
            if bad:
                found = ", ".join(f"{value!r} ({rows} rows)" for value, rows in bad)
                lines.append(f"{table_name}.{column} may hold {', '.join(values)}; found {found}")
    return lines


def _clean(connection):
    """Rewrite differently written values to their word; clear unknown suggestion tabs."""
    for table_name, columns in CHECKS.items():
        for column, values in columns.items():
            table = sa.table(table_name, sa.column(column, sa.String))
            c = table.c[column]
            for value, _ in _unknown_values(connection, table_name, column, values):
                known = value.strip().lower()
                if known in values:
                    connection.execute(table.update().where(c == value).values({column: known}))
                elif (table_name, column) in CLEARED_WHEN_UNKNOWN:
                    connection.execute(table.update().where(c == value).values({column: None}))


def upgrade():
    connection = op.get_bind()
    refusals = _refusals(connection)
    if refusals:
        raise RuntimeError(
            "Cannot check statuses: some rows hold values the app never writes. "
            "Fix or delete these rows, then run `flask db upgrade` again. Nothing was changed.\n- "
            + "\n- ".join(refusals)
        )
    _clean(connection)
    for table_name, columns in CHECKS.items():
        with op.batch_alter_table(table_name) as batch:
            for column, values in columns.items():
                batch.create_check_constraint(column, _in_list(column, values))


def downgrade():
    for table_name, columns in CHECKS.items():
        with op.batch_alter_table(table_name) as batch:
            for column in columns:
                batch.drop_constraint(column, type_="check")
