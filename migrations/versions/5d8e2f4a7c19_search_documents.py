"""Search documents for the directory and the challenge list, and indexes for the directory

Text search now reads one folded document per profile and per challenge (app/search.py) instead
of ILIKE over four columns: new tables profile_search and challenge_search, filled here from the
existing rows, with trigram indexes on PostgreSQL. The trigram indexes on the source columns
(revision 3c1f7a9d2b64) are no longer read, so they go. Plain indexes on user.name (the
directory's order), user.is_active_account and profile (visibility, user_id) (the visibility
rule) keep the directory's pages and counts off the wide rows.

Revision ID: 5d8e2f4a7c19
Revises: 3c1f7a9d2b64
Create Date: 2026-11-25 12:15:00

"""
from alembic import op
import sqlalchemy as sa

from app.search import rebuild_all

# revision identifiers, used by Alembic.
revision = '5d8e2f4a7c19'
down_revision = '3c1f7a9d2b64'
branch_labels = None
depends_on = None

OLD_TRIGRAM_COLUMNS = {
    'user': ('name',),
    'profile': ('organisation', 'expertise', 'needs'),
    'challenge': ('title', 'body'),
}
NEW_TRIGRAM_COLUMNS = {
    'profile_search': ('names', 'document'),
    'challenge_search': ('document',),
}


def _trigram_indexes(columns_by_table):
    for table, columns in columns_by_table.items():
        for column in columns:
            yield f'ix_{table}_{column}_trgm', table, column


def _create_trigram_indexes(columns_by_table):
    for name, table, column in _trigram_indexes(columns_by_table):
        op.create_index(
            name, table, [column], unique=False,
            postgresql_using='gin', postgresql_ops={column: 'gin_trgm_ops'},
        )


def _drop_trigram_indexes(columns_by_table):
    for name, table, _column in _trigram_indexes(columns_by_table):
        op.drop_index(name, table_name=table)


def upgrade():
    op.create_table('profile_search',
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('names', sa.Text(), nullable=False),
    sa.Column('document', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profile.id'], name=op.f('fk_profile_search_profile_id_profile'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('profile_id', name=op.f('pk_profile_search'))
    )
    op.create_table('challenge_search',
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('document', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenge.id'], name=op.f('fk_challenge_search_challenge_id_challenge'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('challenge_id', name=op.f('pk_challenge_search'))
    )
    op.create_index(op.f('ix_user_name'), 'user', ['name'], unique=False)
    op.create_index(op.f('ix_user_is_active_account'), 'user', ['is_active_account'], unique=False)
    op.create_index('ix_profile_visibility_user', 'profile', ['visibility', 'user_id'], unique=False)
    rebuild_all(op.get_bind())
    if op.get_bind().dialect.name == 'postgresql':
        _drop_trigram_indexes(OLD_TRIGRAM_COLUMNS)
        _create_trigram_indexes(NEW_TRIGRAM_COLUMNS)


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        _drop_trigram_indexes(NEW_TRIGRAM_COLUMNS)
        _create_trigram_indexes(OLD_TRIGRAM_COLUMNS)
    op.drop_index('ix_profile_visibility_user', table_name='profile')
    op.drop_index(op.f('ix_user_is_active_account'), table_name='user')
    op.drop_index(op.f('ix_user_name'), table_name='user')
    op.drop_table('challenge_search')
    op.drop_table('profile_search')
