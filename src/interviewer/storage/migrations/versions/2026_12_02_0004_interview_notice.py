"""interviews.notice: what the candidate is told about how the interview is run

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 15:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("interviews") as batch_op:
        batch_op.add_column(sa.Column("notice", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("interviews") as batch_op:
        batch_op.drop_column("notice")
