"""record store: batched ingest progress, quarantine lifecycle, resubmissions, erasures, run locks

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""
import hashlib
import json

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def _block(area, target_group, unit, phenomenon_type) -> str:
    # the same hash as pipeline.ingest.dedupe.block_key, frozen here so this revision keeps meaning the same
    areas = area if isinstance(area, list) else json.loads(area or "[]")
    parts = ["|".join(sorted(str(a).strip().lower() for a in areas)), (target_group or "").strip().lower(),
             (unit or "").strip().lower(), (phenomenon_type or "").strip().lower()]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def _fill_dedupe_blocks() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, area, target_group, unit, phenomenon_type FROM reports")).fetchall()
    for i in range(0, len(rows), 500):
        conn.execute(sa.text("UPDATE reports SET dedupe_block = :b WHERE id = :i"),
                     [{"b": _block(r[1], r[2], r[3], r[4]), "i": r[0]} for r in rows[i:i + 500]])


def upgrade() -> None:
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dedupe_block', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_reports_dedupe_block'), ['dedupe_block'], unique=False)
    _fill_dedupe_blocks()

    with op.batch_alter_table('ingested_files', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=20), nullable=False, server_default='done'))
        batch_op.add_column(sa.Column('rows_done', sa.Integer(), nullable=False, server_default='0'))

    with op.batch_alter_table('quarantine', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=20), nullable=False, server_default='open'))
        batch_op.add_column(sa.Column('history', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('resolved_report_id', sa.String(length=200), nullable=True))
        batch_op.drop_constraint('uq_quarantine_file_row', type_='unique')
        batch_op.create_unique_constraint('uq_quarantine_file_source_row', ['file_hash', 'source', 'source_row'])

    op.create_table('resubmissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('earlier_id', sa.String(length=200), nullable=False),
    sa.Column('later_id', sa.String(length=200), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by', sa.String(length=200), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resubmissions')),
    sa.UniqueConstraint('earlier_id', 'later_id', name='uq_resubmissions_pair')
    )
    with op.batch_alter_table('resubmissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resubmissions_earlier_id'), ['earlier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resubmissions_later_id'), ['later_id'], unique=False)

    op.create_table('erasures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('erased_by', sa.String(length=200), nullable=False),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('removed', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_erasures'))
    )
    with op.batch_alter_table('erasures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_erasures_report_id'), ['report_id'], unique=False)

    op.create_table('run_locks',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('run_id', sa.String(length=100), nullable=True),
    sa.Column('holder', sa.String(length=300), nullable=False),
    sa.Column('acquired_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_run_locks'))
    )


def downgrade() -> None:
    op.drop_table('run_locks')
    with op.batch_alter_table('erasures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_erasures_report_id'))
    op.drop_table('erasures')
    with op.batch_alter_table('resubmissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resubmissions_later_id'))
        batch_op.drop_index(batch_op.f('ix_resubmissions_earlier_id'))
    op.drop_table('resubmissions')
    with op.batch_alter_table('quarantine', schema=None) as batch_op:
        batch_op.drop_constraint('uq_quarantine_file_source_row', type_='unique')
        batch_op.create_unique_constraint('uq_quarantine_file_row', ['file_hash', 'source_row'])
        batch_op.drop_column('resolved_report_id')
        batch_op.drop_column('history')
        batch_op.drop_column('status')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_dedupe_block'))
        batch_op.drop_column('dedupe_block')
    with op.batch_alter_table('ingested_files', schema=None) as batch_op:
        batch_op.drop_column('rows_done')
        batch_op.drop_column('status')
