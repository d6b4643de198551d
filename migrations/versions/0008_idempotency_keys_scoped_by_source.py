"""idempotency keys unique per learner and source (client keys never meet mock keys)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("review_logs", schema=None) as batch_op:
        batch_op.drop_constraint("uq_review_logs_user_key", type_="unique")
        batch_op.create_unique_constraint(
            "uq_review_logs_user_source_key", ["user_id", "source", "idempotency_key"]
        )


def downgrade() -> None:
    with op.batch_alter_table("review_logs", schema=None) as batch_op:
        batch_op.drop_constraint("uq_review_logs_user_source_key", type_="unique")
        batch_op.create_unique_constraint("uq_review_logs_user_key", ["user_id", "idempotency_key"])
