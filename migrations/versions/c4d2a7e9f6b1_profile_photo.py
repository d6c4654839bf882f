"""Profile photos: the stored file's random name on the profile (app/profiles/photos.py); no
photo means the avatar shows the initials.

Revision ID: c4d2a7e9f6b1
Revises: c4d2e8f1a6b3
Create Date: 2026-12-06 07:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4d2a7e9f6b1'
down_revision = 'c4d2e8f1a6b3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('photo_name', sa.String(length=80), nullable=True))


def downgrade():
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.drop_column('photo_name')
