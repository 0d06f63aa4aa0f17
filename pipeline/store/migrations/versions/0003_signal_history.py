"""signal history: each signal row carries its history of counts and the date it was first flagged

Revision ID: 0003_signal_history
Revises: 0002 (record store)
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_signal_history'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('signals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('history', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('flagged_since', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('signals', schema=None) as batch_op:
        batch_op.drop_column('flagged_since')
        batch_op.drop_column('history')
