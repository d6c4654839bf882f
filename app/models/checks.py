"""CHECK constraints for columns that hold one word of a closed set: statuses, kinds, roles, phases.

Each is built from the one tuple (or dict of labels) the forms and services use, so the database
refuses exactly what the code would never write:

    __table_args__ = (one_of("status", STATUSES),)

The constraint is named `ck_<table>_<column>` by the naming convention (app/extensions.py). A NULL
passes a CHECK, so nullable columns may stay empty. Changing a tuple changes the schema: it needs a
migration that replaces the constraint (see migrations/versions/c4d9a1e7f2b3_checked_statuses.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import CheckConstraint


def in_list(column: str, values: Iterable[str]) -> str:
    """The SQL condition `column IN ('a', 'b')`, for a CHECK constraint or a migration."""
    quoted = ", ".join("'" + value.replace("'", "''") + "'" for value in values)
    return f"{column} IN ({quoted})"


def one_of(column: str, values: Iterable[str], *, name: str | None = None) -> CheckConstraint:
    """A CHECK constraint: `column` holds one of `values` (the keys, for a dict of labels)."""
    return CheckConstraint(in_list(column, values), name=name or column)
