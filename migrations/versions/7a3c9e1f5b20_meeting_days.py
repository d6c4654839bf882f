"""Meeting days: events with slots and tables, participants and their availability, wishes, meetings

Revision ID: 7a3c9e1f5b20
Revises: b7e4c2a9f013
Create Date: 2026-12-06 04:30:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '7a3c9e1f5b20'
down_revision = 'b7e4c2a9f013'
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        'meeting_event',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(160), nullable=False),
        sa.Column('place', sa.String(160), nullable=False),
        sa.Column('timezone', sa.String(64), nullable=False),
        sa.Column('cohort_id', sa.Integer(), sa.ForeignKey('cohort.id', ondelete='SET NULL'), nullable=True),
        sa.Column('open_to', sa.String(12), nullable=False),
        sa.Column('slot_minutes', sa.Integer(), nullable=False),
        sa.Column('table_names', sa.Text(), nullable=False),
        sa.Column('min_meetings', sa.Integer(), nullable=False),
        sa.Column('max_meetings', sa.Integer(), nullable=False),
        sa.Column('wish_cap', sa.Integer(), nullable=False),
        sa.Column('phase', sa.String(12), nullable=False),
        sa.Column('wishes_until', sa.Date(), nullable=True),
        sa.Column('draft_until', sa.Date(), nullable=True),
        sa.Column('follow_up_from', sa.Date(), nullable=True),
        sa.Column('last_build_json', sa.Text(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), sa.ForeignKey('user.id', ondelete='SET NULL'), nullable=True),
        sa.Column('created_at', TZ, nullable=False),
    )
    op.create_index('ix_meeting_event_cohort_id', 'meeting_event', ['cohort_id'])
    op.create_table(
        'meeting_slot',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('event_id', sa.Integer(), sa.ForeignKey('meeting_event.id', ondelete='CASCADE'), nullable=False),
        sa.Column('starts_at', TZ, nullable=False),
        sa.Column('ends_at', TZ, nullable=False),
    )
    op.create_index('ix_meeting_slot_event_id', 'meeting_slot', ['event_id'])
    op.create_table(
        'meeting_participant',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('event_id', sa.Integer(), sa.ForeignKey('meeting_event.id', ondelete='CASCADE'), nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('user.id', ondelete='CASCADE'), nullable=False),
        sa.Column('available_json', sa.Text(), nullable=True),
        sa.Column('registered_at', TZ, nullable=False),
        sa.UniqueConstraint('event_id', 'user_id'),
    )
    op.create_index('ix_meeting_participant_event_id', 'meeting_participant', ['event_id'])
    op.create_index('ix_meeting_participant_user_id', 'meeting_participant', ['user_id'])
    op.create_table(
        'meeting_wish',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('event_id', sa.Integer(), sa.ForeignKey('meeting_event.id', ondelete='CASCADE'), nullable=False),
        sa.Column('requester_id', sa.Integer(), sa.ForeignKey('user.id', ondelete='CASCADE'), nullable=False),
        sa.Column('target_id', sa.Integer(), sa.ForeignKey('user.id', ondelete='CASCADE'), nullable=False),
        sa.Column('choice', sa.String(8), nullable=False),
        sa.Column('answer', sa.String(10), nullable=False),
        sa.Column('decline_reason', sa.String(300), nullable=False),
        sa.Column('created_at', TZ, nullable=False),
        sa.UniqueConstraint('event_id', 'requester_id', 'target_id'),
    )
    op.create_index('ix_meeting_wish_event_id', 'meeting_wish', ['event_id'])
    op.create_index('ix_meeting_wish_target_id', 'meeting_wish', ['target_id'])
    op.create_table(
        'meeting',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('event_id', sa.Integer(), sa.ForeignKey('meeting_event.id', ondelete='CASCADE'), nullable=False),
        sa.Column('slot_id', sa.Integer(), sa.ForeignKey('meeting_slot.id', ondelete='CASCADE'), nullable=False),
        sa.Column('table', sa.Integer(), nullable=False),
        sa.Column('a_id', sa.Integer(), sa.ForeignKey('user.id', ondelete='CASCADE'), nullable=False),
        sa.Column('b_id', sa.Integer(), sa.ForeignKey('user.id', ondelete='CASCADE'), nullable=False),
        sa.Column('kind', sa.String(12), nullable=False),
        sa.Column('mode', sa.String(12), nullable=False),
        sa.Column('reasons_json', sa.Text(), nullable=False),
        sa.Column('locked', sa.Boolean(), nullable=False),
        sa.Column('cancelled', sa.Boolean(), nullable=False),
        sa.Column('uid', sa.String(80), nullable=False, unique=True),
        sa.Column('sequence', sa.Integer(), nullable=False),
        sa.Column('held', sa.Boolean(), nullable=True),
        sa.Column('outcome', sa.String(16), nullable=True),
        sa.Column('created_at', TZ, nullable=False),
        sa.Column('updated_at', TZ, nullable=False),
        sa.UniqueConstraint('event_id', 'a_id', 'b_id'),
    )
    op.create_index('ix_meeting_event_id', 'meeting', ['event_id'])
    op.create_index('ix_meeting_a_id', 'meeting', ['a_id'])
    op.create_index('ix_meeting_b_id', 'meeting', ['b_id'])


def downgrade():
    for table in ('meeting', 'meeting_wish', 'meeting_participant', 'meeting_slot', 'meeting_event'):
        op.drop_table(table)
