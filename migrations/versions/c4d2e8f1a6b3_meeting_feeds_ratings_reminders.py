"""Meeting days, continued: private calendar feeds (meeting_feed), the six-month follow-up
rating per person and meeting (meeting_rating), the reminders sent for it (meeting_reminder),
and a person's time zone (user.timezone)

Revision ID: c4d2e8f1a6b3
Revises: c5d9e2f4a817
Create Date: 2026-12-06 07:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4d2e8f1a6b3'
down_revision = 'c5d9e2f4a817'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('meeting_feed',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash'),
    sa.UniqueConstraint('user_id')
    )
    op.create_table('meeting_rating',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('rated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("outcome IN ('no_contact', 'knowledge', 'joint_action', 'agreement')", name=op.f('ck_meeting_rating_outcome')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('meeting_id', 'user_id')
    )
    with op.batch_alter_table('meeting_rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_rating_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_rating_user_id'), ['user_id'], unique=False)

    op.create_table('meeting_reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=10), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.CheckConstraint("step IN ('due', 'reminder')", name=op.f('ck_meeting_reminder_step')),
    sa.ForeignKeyConstraint(['event_id'], ['meeting_event.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_id', 'user_id', 'step')
    )
    with op.batch_alter_table('meeting_reminder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_reminder_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_reminder_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('timezone', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('timezone')

    with op.batch_alter_table('meeting_reminder', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_reminder_user_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_reminder_event_id'))

    op.drop_table('meeting_reminder')
    with op.batch_alter_table('meeting_rating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_rating_user_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_rating_meeting_id'))

    op.drop_table('meeting_rating')
    op.drop_table('meeting_feed')
