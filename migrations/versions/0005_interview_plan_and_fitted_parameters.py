"""interview plan and fitted FSRS parameters

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interview_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('fsrs_parameters', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('fsrs_fit', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('fsrs_fitted_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('fsrs_fitted_at')
        batch_op.drop_column('fsrs_fit')
        batch_op.drop_column('fsrs_parameters')
        batch_op.drop_column('interview_date')
