"""Messages after an accepted introduction, and accepting the shortlist in the background

New table introduction_message (introduction, author, body, time), read a thread at a time in
time order, hence the index on (introduction_id, created_at). New column cohort.accepting_since,
set while a background job accepts an edition's shortlist (app/editions/shortlist_job.py).

Revision ID: 8b3c6d1e2f90
Revises: a7e3c9f1b2d4
Create Date: 2026-12-06 04:20:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '8b3c6d1e2f90'
down_revision = 'a7e3c9f1b2d4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'introduction_message',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('introduction_id', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['introduction_id'], ['introduction.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['author_id'], ['user.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_introduction_message_thread', 'introduction_message', ['introduction_id', 'created_at'])
    with op.batch_alter_table('cohort') as batch_op:
        batch_op.add_column(sa.Column('accepting_since', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('cohort') as batch_op:
        batch_op.drop_column('accepting_since')
    op.drop_index('ix_introduction_message_thread', table_name='introduction_message')
    op.drop_table('introduction_message')
