"""Email verification (issue 11, case 11)

- user.email_verified_at: when the owner confirmed the address. New accounts start without it
  and are listed nowhere until they confirm. Every account that exists when this runs is marked
  verified (at its creation time), so nobody disappears from the directory.

Revision ID: c5d9e2f4a817
Revises: 8a4c6e2b1d37
Create Date: 2026-12-06 07:20:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c5d9e2f4a817"
down_revision = "8a4c6e2b1d37"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("email_verified_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            batch_op.f("ix_user_email_verified_at"), ["email_verified_at"], unique=False
        )
    user = sa.table(
        "user",
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("email_verified_at", sa.DateTime(timezone=True)),
    )
    op.execute(user.update().values(email_verified_at=user.c.created_at))


def downgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_email_verified_at"))
        batch_op.drop_column("email_verified_at")
