"""short answers and misconceptions

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('short_answer', sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column('misconceptions', sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    with op.batch_alter_table('key_points', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('misconceptions', sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )


def downgrade() -> None:
    with op.batch_alter_table('key_points', schema=None) as batch_op:
        batch_op.drop_column('misconceptions')
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_column('misconceptions')
        batch_op.drop_column('short_answer')
