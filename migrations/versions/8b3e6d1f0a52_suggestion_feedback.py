"""Feedback kept for learning: the tab and score of the suggestion behind each introduction
request and each "Not relevant"

Introductions (and through them their answers and outcomes) and hidden suggestions remember the
find-peers tab ("similar", "helpers", "surprise") and the score of the card they came from, so
`flask matching-feedback` can show acceptance by mode. Both columns stay empty for rows made
elsewhere (a profile page, older rows).

Revision ID: 8b3e6d1f0a52
Revises: 8b3c6d1e2f90
Create Date: 2026-12-06 04:10:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '8b3e6d1f0a52'
down_revision = '8b3c6d1e2f90'
branch_labels = None
depends_on = None

TABLES = ('introduction', 'hidden_suggestion')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column('suggestion_mode', sa.String(length=10), nullable=True))
            batch_op.add_column(sa.Column('suggestion_score', sa.Float(), nullable=True))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column('suggestion_score')
            batch_op.drop_column('suggestion_mode')
