"""Trigram indexes (PostgreSQL only) for the directory's and the challenge list's text search

GIN trigram indexes (pg_trgm) serve the ILIKE '%…%' searches over user names, profile
organisation/expertise/needs, and challenge titles/bodies. SQLite has no such index and keeps
scanning, so on SQLite this migration does nothing.

Revision ID: 3c1f7a9d2b64
Revises: ed8242710d0f
Create Date: 2026-11-25 11:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '3c1f7a9d2b64'
down_revision = 'ed8242710d0f'
branch_labels = None
depends_on = None

TRIGRAM_COLUMNS = {
    'user': ('name',),
    'profile': ('organisation', 'expertise', 'needs'),
    'challenge': ('title', 'body'),
}


def _trigram_indexes():
    for table, columns in TRIGRAM_COLUMNS.items():
        for column in columns:
            yield f'ix_{table}_{column}_trgm', table, column


def upgrade():
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    for name, table, column in _trigram_indexes():
        op.create_index(
            name, table, [column], unique=False,
            postgresql_using='gin', postgresql_ops={column: 'gin_trgm_ops'},
        )


def downgrade():
    if op.get_bind().dialect.name != 'postgresql':
        return
    for name, table, _column in _trigram_indexes():
        op.drop_index(name, table_name=table)
