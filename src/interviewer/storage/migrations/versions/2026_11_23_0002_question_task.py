"""worksheet tasks: questions.task, evaluations.cells; communication and confidence optional

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 12:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("questions") as batch_op:
        batch_op.add_column(sa.Column("task", sa.JSON(), nullable=True))
    with op.batch_alter_table("evaluations") as batch_op:
        batch_op.add_column(sa.Column("cells", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.alter_column("communication", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("confidence", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("evaluations") as batch_op:
        batch_op.alter_column("confidence", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("communication", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("cells")
    with op.batch_alter_table("questions") as batch_op:
        batch_op.drop_column("task")
